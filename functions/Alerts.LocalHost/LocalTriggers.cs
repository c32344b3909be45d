using Alerts.Core;
using Alerts.Delivery;
using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;

namespace Alerts.LocalHost;

/// <summary>
/// The local doors of the function app's four functions, on the WebJobs SDK's triggers (the engine inside the Functions host):
/// each binds like its isolated-worker twin in <c>Alerts.Functions</c> and calls the same pipeline step, so there is one pipeline.
/// Exceptions propagate, so the engine retries, writes receipts and poisons exactly as it does in Azure. The blob and timer
/// doors take the engine's default retry policy (back-off in place); the queue doors have none, their back-off is the queue's
/// <c>visibilityTimeout</c>.
/// </summary>
public sealed class LocalTriggers(
    ArticleIntake intake,
    ChangeProcessor changes,
    IAlertDeliverer deliverer,
    DigestSender digests,
    HeldAlerts held,
    AlertConsole console,
    IArticleOrder order,
    LocalWork work)
{
    /// <summary>
    /// Binds the blob's client, not a stream: the engine's stream binding reads the blob's properties before opening it, where one
    /// download answers with its length and content (an unsafe name is never read at all).
    /// </summary>
    [FunctionName("ExtractArticleEvents")]
    public async Task ExtractArticleEvents(
        [BlobTrigger(PipelineNames.ArticlesPath)] BlobClient blob,
        string name,
        [Queue(PipelineNames.ArticleEventsQueue)] IAsyncCollector<string> articleEvents,
        CancellationToken cancellationToken)
    {
        using var _ = work.Begin();
        using var download = BlobNames.Problem(name) is null ? (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value : null;
        if (await intake.ProcessAsync(name, download?.Content ?? Stream.Null, cancellationToken) is { } message)
        {
            await articleEvents.AddAsync(message, cancellationToken);
        }
        else
        {
            await order.CompleteAsync(name, cancellationToken); // quarantined: nothing to wait for
        }
    }

    [FunctionName("DetectChanges")]
    [FixedDelayRetry(0, "00:00:00")]
    public async Task DetectChanges(
        [QueueTrigger(PipelineNames.ArticleEventsQueue)] string message,
        [Queue(PipelineNames.AlertDeliveriesQueue)] IAsyncCollector<string> alertDeliveries,
        CancellationToken cancellationToken)
    {
        using var _ = work.Begin();
        foreach (var delivery in (await changes.ProcessAsync(message, cancellationToken)).Deliveries)
        {
            await alertDeliveries.AddAsync(delivery, cancellationToken);
        }
    }

    [FunctionName("DeliverAlert")]
    [FixedDelayRetry(0, "00:00:00")]
    public async Task DeliverAlert([QueueTrigger(PipelineNames.AlertDeliveriesQueue)] string message, CancellationToken cancellationToken)
    {
        using var _ = work.Begin();
        var delivery = AlertDeliveryMessage.Parse(message);
        await deliverer.DeliverAsync(delivery, cancellationToken);
        await console.AnnounceAsync(delivery, cancellationToken);
    }

    /// <summary>Every minute and at start locally (every 15 minutes in Azure), which only makes a due digest go out sooner.</summary>
    [FunctionName("SendDigests")]
    public async Task SendDigests([TimerTrigger("0 * * * * *", RunOnStartup = true, UseMonitor = false)] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var _ = work.Begin();
        try
        {
            await held.ReleaseAsync(cancellationToken);
        }
        finally
        {
            await digests.SendDueAsync(cancellationToken);
        }
    }
}

/// <summary>Counts function invocations in flight, so <c>run --once</c> knows when the pipeline is drained.</summary>
public sealed class LocalWork
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public IDisposable Begin()
    {
        Interlocked.Increment(ref _inFlight);
        return new Scope(this);
    }

    private sealed class Scope(LocalWork work) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref work._inFlight);
            }
        }
    }
}
