using Alerts.Core;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Alerts.LocalHost;

/// <summary>
/// Tells <c>run --once</c> when the pipeline is drained: no invocation in flight, every blob in <c>articles</c> has the
/// engine's completed receipt (it was taken), and the engine's blob-trigger queue and the pipeline's queues are empty
/// (their counts include messages waiting out a visibility timeout: a retry is work not yet done), and no unsafe name waits
/// for the <see cref="UnsafeNameSweeper"/>.
/// </summary>
public sealed class PipelineDrain(BlobServiceClient blobs, QueueServiceClient queues, LocalWork work, UnsafeNameSweeper unsafeNames)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Waits until two checks in a row find the pipeline drained.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        for (var drainedChecks = 0; drainedChecks < 2;)
        {
            await Task.Delay(PollInterval, cancellationToken);
            drainedChecks = await IsDrainedAsync(cancellationToken) ? drainedChecks + 1 : 0;
        }
    }

    public async Task<bool> IsDrainedAsync(CancellationToken cancellationToken)
    {
        if (work.InFlight > 0)
        {
            return false;
        }

        foreach (var queue in new[] { LocalHostNames.BlobTriggerQueue, PipelineNames.ArticleEventsQueue, PipelineNames.AlertDeliveriesQueue })
        {
            if (await CountAsync(queue, cancellationToken) > 0)
            {
                return false;
            }
        }

        return await EveryBlobTakenAsync(cancellationToken) && !unsafeNames.HasPending;
    }

    /// <summary>Whether every blob in <c>articles</c> has the engine's completed receipt (it was queued for its function).</summary>
    public async Task<bool> EveryBlobTakenAsync(CancellationToken cancellationToken)
    {
        var receipts = new HashSet<string>(StringComparer.Ordinal);
        var hosts = blobs.GetBlobContainerClient(PipelineNames.HostsContainer);
        try
        {
            await foreach (var receipt in hosts.GetBlobsAsync(new GetBlobsOptions { Prefix = LocalHostNames.ReceiptPrefix, Traits = BlobTraits.Metadata }, cancellationToken))
            {
                // blobreceipts/{hostId}/{functionId}/{etag}/{container}/{name}; an incomplete receipt is a blob not yet queued.
                var parts = receipt.Name[LocalHostNames.ReceiptPrefix.Length..].Split('/', 4);
                if (parts.Length == 4 && parts[2] == PipelineNames.ArticlesContainer && !receipt.Metadata.ContainsKey("Incomplete"))
                {
                    receipts.Add($"{parts[1].Trim('"')}/{parts[3]}");
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No receipts yet.
        }

        await foreach (var article in blobs.GetBlobContainerClient(PipelineNames.ArticlesContainer).GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (!receipts.Contains($"{article.Properties.ETag?.ToString().Trim('"')}/{article.Name}"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Messages on a queue, those waiting out a visibility timeout (in flight or to be retried) included; 0 when there is no queue.</summary>
    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return 0;
        }
    }
}

/// <summary>Names the WebJobs engine uses for the local host in storage.</summary>
public static class LocalHostNames
{
    /// <summary>The engine's host id: the folder of its receipts, the suffix of its blob-trigger queue, the name of its locks.</summary>
    public const string HostId = "alerts-local";

    public const string ReceiptPrefix = $"blobreceipts/{HostId}/";

    public const string BlobTriggerQueue = $"azure-webjobs-blobtrigger-{HostId}";
}
