using Alerts.Benchmarks;
using BenchmarkDotNet.Running;

ExtractionBenchmarks.ShareCorpusLocation();
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
