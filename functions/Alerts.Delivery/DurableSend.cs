using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery;

/// <summary>
/// The durable outbox that alert deliveries (<see cref="AlertDeliverer"/>) and digests (<see cref="DigestSender"/>) both go
/// through. The entry is written pending (ETag-conditional: losing that race means another instance is sending it right now)
/// before the channel is called, and sent after; an entry already sent is a no-op, so a retried message or timer run never sends
/// twice. A failure is recorded on the entry, redacted, and thrown as a <see cref="DeliveryException"/> so the caller's trigger
/// retries it.
/// </summary>
internal sealed partial class DurableSend(IDocumentStore store, TimeProvider time, ILogger logger)
{
    private static readonly Counter<long> Sent = AlertsTelemetry.Meter.CreateCounter<long>("alerts.deliveries.sent", description: "Alerts and digests sent, by channel and kind.");
    private static readonly Counter<long> Failed = AlertsTelemetry.Meter.CreateCounter<long>("alerts.deliveries.failed", description: "Alert and digest send attempts failed, by channel and kind.");

    /// <summary>Reads a stored entry and the ETag it was read with; nulls when there is none.</summary>
    public async Task<(T? Entry, string? ETag)> ReadAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : OutboxEntry
    {
        var stored = await store.GetAsync(path, cancellationToken);
        return stored is null ? (null, null) : (JsonSerializer.Deserialize(stored.Content, typeInfo), stored.ETag);
    }

    /// <summary>Sends <paramref name="entry"/> (stored at <paramref name="path"/> with <paramref name="etag"/>, null when not stored yet) once.</summary>
    /// <param name="deliveryId">What is sent, for logs and the exception: <see cref="AlertDeliveryContext.Id"/> or <see cref="DigestDeliveryContext.Id"/>.</param>
    /// <returns>False when the entry was already sent, so nothing was sent now.</returns>
    /// <exception cref="DeliveryException">The channel failed; the failure is recorded on the entry.</exception>
    /// <exception cref="DocumentConflictException">Another instance started sending the entry first.</exception>
    public async Task<bool> SendOnceAsync<T>(
        string path, JsonTypeInfo<T> typeInfo, T entry, string? etag, string deliveryId, ChannelKind channel,
        Func<CancellationToken, Task> send, CancellationToken cancellationToken)
        where T : OutboxEntry
    {
        var kind = entry is DigestDocument ? "digest" : "alert";
        if (entry.Status == DeliveryStatus.Sent)
        {
            LogAlreadySent(logger, deliveryId, entry.SentAt);
            return false;
        }

        OutboxEntry started = entry;
        var pending = (T)(started with { Status = DeliveryStatus.Pending, Channel = channel, Attempts = entry.Attempts + 1, LastAttemptAt = time.GetUtcNow() });
        var pendingETag = await WriteAsync(path, typeInfo, pending, etag is null ? WriteCondition.NotExists : WriteCondition.Matches(etag), cancellationToken);
        try
        {
            await send(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = AlertTextEncoding.Truncate(AlertTextEncoding.RedactUrls($"{ex.GetType().Name}: {ex.Message}"), 500);
            Failed.Add(1, new("channel", channel.ToString()), new("kind", kind));
            LogFailed(logger, deliveryId, channel, pending.Attempts, reason);
            try
            {
                await WriteAsync(path, typeInfo, (T)(pending with { LastError = reason }), WriteCondition.Matches(pendingETag), CancellationToken.None);
            }
            catch (DocumentConflictException)
            {
                // Someone else has moved the entry on; their outcome stands.
            }

            throw new DeliveryException(deliveryId, channel, pending.Attempts, reason);
        }

        await WriteAsync(path, typeInfo, (T)(pending with { Status = DeliveryStatus.Sent, SentAt = time.GetUtcNow(), LastError = null }), WriteCondition.Matches(pendingETag), CancellationToken.None);
        Sent.Add(1, new("channel", channel.ToString()), new("kind", kind));
        LogSent(logger, deliveryId, channel, pending.Attempts);
        return true;
    }

    private Task<string> WriteAsync<T>(string path, JsonTypeInfo<T> typeInfo, T entry, WriteCondition condition, CancellationToken cancellationToken)
        => store.PutAsync(path, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(entry, typeInfo)), condition, cancellationToken);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Delivered {DeliveryId} via {Channel} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string deliveryId, ChannelKind channel, int attempt);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "{DeliveryId} was already delivered at {SentAt}; nothing to do")]
    private static partial void LogAlreadySent(ILogger logger, string deliveryId, DateTimeOffset? sentAt);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Delivery of {DeliveryId} via {Channel} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, ChannelKind channel, int attempt, string reason);
}

/// <summary>
/// A delivery attempt (an alert to one subscriber, or a digest) failed; its trigger retries it. The message is redacted: no URL
/// path or query, no secret.
/// </summary>
public sealed class DeliveryException(string deliveryId, ChannelKind channel, int attempt, string reason)
    : Exception($"Delivery of {deliveryId} via {channel} failed (attempt {attempt}): {reason}")
{
    /// <summary><see cref="AlertDeliveryContext.Id"/> or <see cref="DigestDeliveryContext.Id"/>.</summary>
    public string DeliveryId { get; } = deliveryId;

    public ChannelKind Channel { get; } = channel;

    public int Attempt { get; } = attempt;
}
