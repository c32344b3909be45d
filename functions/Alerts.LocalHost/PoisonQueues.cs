using System.Text.Json;
using Alerts.Core;
using Alerts.Delivery;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Alerts.LocalHost;

/// <summary>
/// <c>./alerts poison list|retry</c>: what the trigger engine gave up on, and putting it back. The engine moves a message that failed
/// <c>maxDequeueCount</c> times to <c>&lt;queue&gt;-poison</c>, and reports a blob that failed <c>poisonBlobThreshold</c> times on
/// <c>webjobs-blobtrigger-poison</c>. Retrying is safe because every step is idempotent: a delivery already sent is not sent again.
/// </summary>
public sealed class PoisonQueues(QueueServiceClient queues, BlobServiceClient blobs, IDocumentStore state, TimeProvider time)
{
    /// <summary>The poison queues of the pipeline, in the order work flows.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        PipelineNames.BlobTriggerPoisonQueue,
        PipelineNames.PoisonQueueFor(PipelineNames.ArticleEventsQueue),
        PipelineNames.PoisonQueueFor(PipelineNames.AlertDeliveriesQueue),
    ];

    private const int PeekLimit = 32; // the most a queue lets one peek see

    /// <summary>Writes, per poison queue, how many messages it holds and for (up to 32 of) them what each is and why it failed.</summary>
    /// <returns>How many poisoned messages there are in all.</returns>
    public async Task<int> ListAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var name in Names)
        {
            var queue = queues.GetQueueClient(name);
            var count = await CountAsync(queue, cancellationToken);
            total += count;
            output.WriteLine($"{name}: {count} message(s){(count > 0 ? $" (retry puts them back on {TargetOf(name)})" : "")}");
            if (count == 0)
            {
                continue;
            }

            foreach (var message in (await queue.PeekMessagesAsync(PeekLimit, cancellationToken)).Value)
            {
                output.WriteLine($"  {message.MessageId}  poisoned {message.InsertedOn:u}  {await DescribeAsync(name, message.Body.ToString(), cancellationToken)}");
            }

            if (count > PeekLimit)
            {
                output.WriteLine($"  ... and {count - PeekLimit} more");
            }
        }

        return total;
    }

    /// <summary>
    /// Moves every message of the poison queues (or of <paramref name="only"/>) back to the queue it came from; a poisoned blob
    /// is touched (new metadata, so a new ETag) so the blob trigger takes it again. Each message is deleted from the poison queue
    /// only after it is back, so an interrupted retry at worst puts one back twice, which the idempotent steps absorb.
    /// </summary>
    /// <returns>How many messages were put back.</returns>
    public async Task<int> RetryAsync(string? only, TextWriter output, CancellationToken cancellationToken)
    {
        if (only is not null && !Names.Contains(only, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{only}' is not a poison queue (one of {string.Join(", ", Names)}).");
        }

        var moved = 0;
        foreach (var name in only is null ? Names : [only])
        {
            var poison = queues.GetQueueClient(name);
            if (await CountAsync(poison, cancellationToken) == 0)
            {
                continue;
            }

            var target = queues.GetQueueClient(TargetOf(name));
            var movedHere = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var batch = (await poison.ReceiveMessagesAsync(PeekLimit, TimeSpan.FromMinutes(1), cancellationToken)).Value;
                if (batch.Length == 0 || batch.All(m => !seen.Add(m.MessageId)))
                {
                    break;
                }

                foreach (var message in batch)
                {
                    if (name == PipelineNames.BlobTriggerPoisonQueue)
                    {
                        await TouchBlobAsync(message.Body.ToString(), cancellationToken);
                    }
                    else
                    {
                        await target.SendMessageAsync(message.Body.ToString(), cancellationToken);
                    }

                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    movedHere++;
                }
            }

            output.WriteLine($"{name}: {movedHere} message(s) put back on {TargetOf(name)}");
            moved += movedHere;
        }

        if (moved == 0)
        {
            output.WriteLine("Nothing to retry: the poison queues are empty.");
        }

        return moved;
    }

    private static string TargetOf(string poisonQueue) => poisonQueue == PipelineNames.BlobTriggerPoisonQueue
        ? $"the blob trigger of '{PipelineNames.ArticlesContainer}'"
        : poisonQueue[..^"-poison".Length];

    private async Task<string> DescribeAsync(string queue, string body, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (queue == PipelineNames.BlobTriggerPoisonQueue)
            {
                return $"blob {Text(root, "ContainerName")}/{Shown(Text(root, "BlobName"))}: its function failed on every attempt (the host log has each exception)";
            }

            if (queue == PipelineNames.PoisonQueueFor(PipelineNames.AlertDeliveriesQueue))
            {
                var delivery = AlertDeliveryMessage.Parse(body);
                var record = await state.GetAsync(DeliveryRecord.PathFor(delivery.AlertId, delivery.SubscriberId), cancellationToken);
                var why = record is null ? "no delivery attempt recorded"
                    : JsonDocument.Parse(record.Content.ToString()).RootElement is var r && r.TryGetProperty("lastError", out var error)
                        ? $"{(r.TryGetProperty("attempts", out var attempts) ? $"{attempts} attempts, " : "")}last error: {error.GetString()}"
                        : "recorded without an error";
                return $"alert {delivery.AlertId} to {delivery.SubscriberId}: {why}";
            }

            return $"article {Text(root, "articleId")} ({Shown(Text(root, "name"))}): change detection failed on every attempt (the host log has each exception)";
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException)
        {
            return $"unreadable message: {Shown(body.Split('\n')[0])}";
        }
    }

    private async Task TouchBlobAsync(string body, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(body);
        var name = Text(json.RootElement, "BlobName");
        if (Text(json.RootElement, "ContainerName") != PipelineNames.ArticlesContainer || BlobNames.Problem(name) is not null)
        {
            return; // only articles are triggered, and an unsafe name is never used as a path (it is quarantined by name)
        }

        try
        {
            var blob = blobs.GetBlobContainerClient(PipelineNames.ArticlesContainer).GetBlobClient(name);
            var metadata = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata;
            metadata["retriedAt"] = time.GetUtcNow().ToString("O");
            await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Deleted since: nothing to retry.
        }
    }

    private static string Text(JsonElement root, string property)
        => root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "?";

    /// <summary>A name from outside, shown as data: control characters escaped, cut at 200 characters.</summary>
    private static string Shown(string text)
    {
        var shown = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return shown.Length > 200 ? shown[..200] + "…" : shown;
    }

    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return 0;
        }
    }
}
