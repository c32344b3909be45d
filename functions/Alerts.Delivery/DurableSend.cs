using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery;

/// <summary>
/// The durable outbox that alert deliveries (<see cref="AlertDeliverer"/>) and digests (<see cref="DigestSender"/>) both go
/// through. Before the channel is called the entry is claimed: written pending with a claim id of this send (ETag-conditional).
/// The sender renews the claim while the channel works; a pending entry with no failure recorded and a claim renewed within
/// <see cref="DeliveryOptions.SendClaim"/> is someone's send in progress, so another copy of the message waits for it to end
/// (sent: nothing to do) instead of sending too; a claim not renewed for that long (its sender died) is taken over.
/// After a send that worked the entry is confirmed sent, retried until it lands or the claim runs out: a storage outage between
/// the channel's answer and the confirmation must not leave a delivered entry looking unsent, or the retried message sends it
/// again. A failure is recorded on the entry, redacted, and thrown as a <see cref="DeliveryException"/> so the caller's trigger
/// retries it. Only a sender that dies between the channel's answer and the confirmation can leave a send to be repeated.
/// </summary>
internal sealed partial class DurableSend(IDocumentStore store, TimeProvider time, DeliveryOptions options, ILogger logger)
{
    private static readonly Counter<long> Sent = AlertsTelemetry.Meter.CreateCounter<long>("alerts.deliveries.sent", description: "Alerts and digests sent, by channel and kind.");
    private static readonly Counter<long> Failed = AlertsTelemetry.Meter.CreateCounter<long>("alerts.deliveries.failed", description: "Alert and digest send attempts failed, by channel and kind.");
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWriteBackoff = TimeSpan.FromSeconds(8);

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
    /// <exception cref="DocumentConflictException">Another instance claimed the entry first.</exception>
    public async Task<bool> SendOnceAsync<T>(
        string path, JsonTypeInfo<T> typeInfo, T entry, string? etag, string deliveryId, ChannelKind channel,
        Func<CancellationToken, Task> send, CancellationToken cancellationToken)
        where T : OutboxEntry
    {
        var kind = entry is DigestDocument ? "digest" : "alert";
        for (var waited = false; InProgress(entry); waited = true)
        {
            if (!waited)
            {
                LogWaitingForClaim(logger, deliveryId, entry.LastAttemptAt);
            }

            await Task.Delay(PollInterval, time, cancellationToken);
            var (current, currentETag) = await ReadAsync(path, typeInfo, cancellationToken);
            (entry, etag) = (current ?? entry, currentETag ?? etag);
        }

        if (entry.Status == DeliveryStatus.Sent)
        {
            LogAlreadySent(logger, deliveryId, entry.SentAt);
            return false;
        }

        OutboxEntry started = entry;
        var now = time.GetUtcNow();
        var pending = (T)(started with { Status = DeliveryStatus.Pending, Channel = channel, Attempts = entry.Attempts + 1, LastAttemptAt = now, LastError = null, ClaimId = Guid.NewGuid().ToString("N"), ClaimedAt = now });
        var claim = new Claim<T>(pending, await ClaimAsync(path, typeInfo, pending, etag, cancellationToken));
        Exception? failure = null;
        using (var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var heartbeat = KeepClaimAsync(path, typeInfo, claim, sending.Token);
            try
            {
                await send(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }
            finally
            {
                await sending.CancelAsync();
                await heartbeat;
            }
        }

        if (failure is not null)
        {
            var reason = AlertTextEncoding.Truncate(AlertTextEncoding.RedactUrls($"{failure.GetType().Name}: {failure.Message}"), 500);
            Failed.Add(1, new("channel", channel.ToString()), new("kind", kind));
            LogFailed(logger, deliveryId, channel, pending.Attempts, reason);
            await ConfirmAsync(path, typeInfo, claim, entry => (T)(entry with { LastError = reason }), deliveryId);
            throw new DeliveryException(deliveryId, channel, pending.Attempts, reason);
        }

        await ConfirmAsync(path, typeInfo, claim, entry => (T)(entry with { Status = DeliveryStatus.Sent, SentAt = time.GetUtcNow(), LastError = null }), deliveryId);
        Sent.Add(1, new("channel", channel.ToString()), new("kind", kind));
        LogSent(logger, deliveryId, channel, pending.Attempts);
        return true;
    }

    /// <summary>Someone's send of the entry is in progress: claimed, no outcome recorded, and the claim renewed within <see cref="DeliveryOptions.SendClaim"/>.</summary>
    private bool InProgress(OutboxEntry entry)
        => entry is { Status: DeliveryStatus.Pending, LastError: null } && (entry.ClaimedAt ?? entry.LastAttemptAt) is { } claimed && time.GetUtcNow() - claimed < options.SendClaim;

    /// <summary>Renews the claim (<see cref="OutboxEntry.ClaimedAt"/>) every third of <see cref="DeliveryOptions.SendClaim"/> while the send goes on, so a long send is not taken for a dead one.</summary>
    private async Task KeepClaimAsync<T>(string path, JsonTypeInfo<T> typeInfo, Claim<T> claim, CancellationToken stop)
        where T : OutboxEntry
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.SendClaim / 3, time, stop);
                var renewed = (T)(claim.Entry with { ClaimedAt = time.GetUtcNow() });
                try
                {
                    claim.ETag = await WriteAsync(path, typeInfo, renewed, WriteCondition.Matches(claim.ETag), CancellationToken.None);
                    claim.Entry = renewed;
                }
                catch (DocumentConflictException)
                {
                    return; // taken over; the outcome is confirmed against what is stored
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage unreachable for now: the next beat tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The send ended.
        }
    }

    /// <summary>Writes the claim; when the write landed but its answer was lost (a retried write then conflicts), the claim is still ours.</summary>
    private async Task<string> ClaimAsync<T>(string path, JsonTypeInfo<T> typeInfo, T pending, string? etag, CancellationToken cancellationToken)
        where T : OutboxEntry
    {
        try
        {
            return await WriteAsync(path, typeInfo, pending, etag is null ? WriteCondition.NotExists : WriteCondition.Matches(etag), cancellationToken);
        }
        catch (DocumentConflictException)
        {
            var (stored, storedETag) = await ReadAsync(path, typeInfo, cancellationToken);
            if (stored?.ClaimId == pending.ClaimId && storedETag is not null)
            {
                return storedETag;
            }

            throw;
        }
    }

    /// <summary>
    /// Records the outcome of a send on the claimed entry, retrying (with back-off) until it lands or the claim runs out. On a
    /// conflict the stored entry decides: still this claim (an earlier write landed unanswered) is written again on its ETag;
    /// another claim means someone took over after this one ran out, and their outcome stands.
    /// </summary>
    private async Task ConfirmAsync<T>(string path, JsonTypeInfo<T> typeInfo, Claim<T> claim, Func<T, T> outcome, string deliveryId)
        where T : OutboxEntry
    {
        var backoff = PollInterval;
        var deadline = time.GetUtcNow() + options.SendClaim;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(path, typeInfo, outcome(claim.Entry), WriteCondition.Matches(claim.ETag), CancellationToken.None);
                return;
            }
            catch (DocumentConflictException)
            {
                var (stored, storedETag) = await ReadAsync(path, typeInfo, CancellationToken.None);
                if (stored is null || storedETag is null || stored.ClaimId != claim.Entry.ClaimId || stored.Status == DeliveryStatus.Sent || stored.LastError is not null)
                {
                    return;
                }

                (claim.Entry, claim.ETag) = (stored, storedETag);
            }
            catch (Exception ex) when (time.GetUtcNow() + backoff < deadline)
            {
                LogConfirmRetried(logger, deliveryId, attempt, ex.GetType().Name);
                await Task.Delay(backoff, time, CancellationToken.None);
                backoff = backoff * 2 > MaxWriteBackoff ? MaxWriteBackoff : backoff * 2;
            }
        }
    }

    /// <summary>The entry as this send last wrote it, and its ETag.</summary>
    private sealed class Claim<T>(T entry, string etag)
        where T : OutboxEntry
    {
        public T Entry { get; set; } = entry;

        public string ETag { get; set; } = etag;
    }

    private Task<string> WriteAsync<T>(string path, JsonTypeInfo<T> typeInfo, T entry, WriteCondition condition, CancellationToken cancellationToken)
        => store.PutAsync(path, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(entry, typeInfo)), condition, cancellationToken);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Delivered {DeliveryId} via {Channel} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string deliveryId, ChannelKind channel, int attempt);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "{DeliveryId} was already delivered at {SentAt}; nothing to do")]
    private static partial void LogAlreadySent(ILogger logger, string deliveryId, DateTimeOffset? sentAt);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "{DeliveryId} is being sent by another instance since {ClaimedAt}; waiting for its outcome")]
    private static partial void LogWaitingForClaim(ILogger logger, string deliveryId, DateTimeOffset? claimedAt);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Recording the outcome of {DeliveryId} failed (try {Attempt}, {Error}); retrying")]
    private static partial void LogConfirmRetried(ILogger logger, string deliveryId, int attempt, string error);

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
