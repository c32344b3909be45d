using System.Text.Json;

namespace Alerts.LocalHost;

/// <summary>
/// The trigger settings the local host honours, read from the app's own <c>host.json</c> (the same file the Functions host reads),
/// with the Functions host's defaults for anything it doesn't set.
/// </summary>
internal sealed record HostSemantics
{
    /// <summary><c>extensions.blobs.poisonBlobThreshold</c>: attempts before a blob goes to <c>webjobs-blobtrigger-poison</c>.</summary>
    public int PoisonBlobThreshold { get; init; } = 5;

    /// <summary><c>extensions.blobs.maxDegreeOfParallelism</c>.</summary>
    public int BlobParallelism { get; init; } = 8 * Environment.ProcessorCount;

    /// <summary><c>extensions.queues.maxDequeueCount</c>: attempts before a message goes to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary><c>extensions.queues.visibilityTimeout</c>: how long a failed message stays invisible before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary><c>extensions.queues.maxPollingInterval</c>: the longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>extensions.queues.batchSize</c>.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>How long a received message is leased while its function runs (the host renews it; the local host leases generously).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    public static HostSemantics Load(string path)
    {
        var semantics = new HostSemantics();
        if (!File.Exists(path))
        {
            return semantics;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("extensions", out var extensions))
        {
            return semantics;
        }

        if (extensions.TryGetProperty("blobs", out var blobs))
        {
            semantics = semantics with
            {
                PoisonBlobThreshold = Int(blobs, "poisonBlobThreshold") ?? semantics.PoisonBlobThreshold,
                BlobParallelism = Int(blobs, "maxDegreeOfParallelism") ?? semantics.BlobParallelism,
            };
        }

        if (extensions.TryGetProperty("queues", out var queues))
        {
            semantics = semantics with
            {
                MaxDequeueCount = Int(queues, "maxDequeueCount") ?? semantics.MaxDequeueCount,
                VisibilityTimeout = Time(queues, "visibilityTimeout") ?? semantics.VisibilityTimeout,
                MaxPollingInterval = Time(queues, "maxPollingInterval") ?? semantics.MaxPollingInterval,
                BatchSize = Math.Clamp(Int(queues, "batchSize") ?? semantics.BatchSize, 1, 32),
            };
        }

        return semantics;
    }

    private static int? Int(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;

    private static TimeSpan? Time(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && TimeSpan.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var time) ? time : null;
}
