using System.Collections.Concurrent;
using System.Text.Json;
using Alerts.Core;
using Alerts.Functions;
using Alerts.Storage;
using Microsoft.Extensions.Logging;

namespace Alerts.LocalHost;

/// <summary>
/// The blob trigger of <c>ExtractArticleEvents</c>, the way the Functions host runs it: every new or changed blob in
/// <c>articles</c> is processed once, recorded by a receipt keyed by blob name and ETag in <c>azure-webjobs-hosts</c>
/// (so restarts don't reprocess); a failing blob is retried up to <c>poisonBlobThreshold</c> times and then reported on
/// <c>webjobs-blobtrigger-poison</c>.
/// </summary>
internal sealed partial class BlobTriggerListener(
    IBlobContainerClient articles,
    IBlobContainerClient hosts,
    IQueueClient output,
    IQueueClient poison,
    ExtractArticleEvents function,
    IServiceProvider services,
    HostSemantics semantics,
    int maxBytes,
    ILogger<BlobTriggerListener> logger)
{
    private const string FunctionId = "Alerts.Functions.ExtractArticleEvents";
    private readonly ConcurrentDictionary<string, byte> _receipts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private bool _receiptsLoaded;

    /// <summary>Scans the container once and runs the function for every blob without a receipt.</summary>
    /// <returns>How many blobs were waiting.</returns>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        if (!_receiptsLoaded)
        {
            await foreach (var receipt in hosts.ListAsync(ReceiptPrefix, cancellationToken))
            {
                _receipts.TryAdd(receipt.Name, 0);
            }

            _receiptsLoaded = true;
        }

        var pending = new List<BlobProperties>();
        await foreach (var blob in articles.ListAsync(prefix: null, cancellationToken))
        {
            if (!_receipts.ContainsKey(ReceiptPath(blob)))
            {
                pending.Add(blob);
            }
        }

        // Oldest first (then by name), so a folder dropped at once reads as a timeline; the function runs in parallel,
        // and its output messages are sent in that same order.
        pending.Sort((a, b) => a.LastModified != b.LastModified ? a.LastModified.CompareTo(b.LastModified) : string.CompareOrdinal(a.Name, b.Name));
        var outcomes = new Invocation?[pending.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, pending.Count),
            new ParallelOptions { MaxDegreeOfParallelism = semantics.BlobParallelism, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await InvokeAsync(pending[i], ct));
        foreach (var outcome in outcomes)
        {
            if (outcome is { } done)
            {
                await CompleteAsync(done, cancellationToken);
            }
        }

        return pending.Count;
    }

    /// <returns>The function's output, or null when the blob is gone, failed (to be retried) or was poisoned.</returns>
    private async Task<Invocation?> InvokeAsync(BlobProperties blob, CancellationToken cancellationToken)
    {
        var receipt = ReceiptPath(blob);
        var attempt = _attempts.AddOrUpdate(receipt, 1, (_, n) => n + 1);
        try
        {
            // One byte past the limit is enough for the function to see that the blob is too large; the rest stays in storage.
            var download = await articles.DownloadAsync(blob.Name, maxBytes + 1L, cancellationToken);
            if (download is null)
            {
                return null; // deleted since the listing: nothing to process
            }

            var context = new LocalFunctionContext(
                nameof(ExtractArticleEvents),
                services,
                new Dictionary<string, object?> { ["name"] = blob.Name, ["BlobTrigger"] = $"{PipelineNames.ArticlesContainer}/{blob.Name}" },
                attempt - 1,
                semantics.PoisonBlobThreshold,
                cancellationToken);
            await using var content = download.Content.ToStream();
            return new Invocation(receipt, await function.Run(content, blob.Name, context));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (attempt < semantics.PoisonBlobThreshold)
            {
                LogRetry(logger, ex, blob.Name, attempt, semantics.PoisonBlobThreshold);
                return null;
            }

            LogPoisoned(logger, ex, blob.Name, attempt);
            var report = JsonSerializer.Serialize(new PoisonBlobReport(FunctionId, "BlockBlob", PipelineNames.ArticlesContainer, blob.Name, blob.ETag));
            await poison.SendAsync(report, cancellationToken: cancellationToken);
            await WriteReceiptAsync(receipt, cancellationToken);
            return null;
        }
    }

    /// <summary>Sends the output binding's message, then records the receipt: a crash in between means a re-run, never a loss.</summary>
    private async Task CompleteAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Message is not null)
        {
            await output.SendAsync(invocation.Message, cancellationToken: cancellationToken);
        }

        await WriteReceiptAsync(invocation.Receipt, cancellationToken);
    }

    private sealed record Invocation(string Receipt, string? Message);

    private async Task WriteReceiptAsync(string receipt, CancellationToken cancellationToken)
    {
        await hosts.UploadAsync(receipt, BinaryData.Empty, options: null, cancellationToken);
        _receipts.TryAdd(receipt, 0);
        _attempts.TryRemove(receipt, out _);
    }

    private const string ReceiptPrefix = $"blobreceipts/alerts-local/{FunctionId}/";

    private static string ReceiptPath(BlobProperties blob) => $"{ReceiptPrefix}{blob.ETag.Trim('"')}/{PipelineNames.ArticlesContainer}/{blob.Name}";

    private sealed record PoisonBlobReport(string FunctionId, string BlobType, string ContainerName, string BlobName, string ETag);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "ExtractArticleEvents failed for {BlobName} (attempt {Attempt} of {Threshold}); it will be retried")]
    private static partial void LogRetry(ILogger logger, Exception exception, string blobName, int attempt, int threshold);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "ExtractArticleEvents failed {Attempt} times for {BlobName}; reported on webjobs-blobtrigger-poison")]
    private static partial void LogPoisoned(ILogger logger, Exception exception, string blobName, int attempt);
}
