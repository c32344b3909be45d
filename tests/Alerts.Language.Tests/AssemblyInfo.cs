// The telemetry tests listen to the process-wide "Alerts" meter; running test classes one at a time keeps their counts exact.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
