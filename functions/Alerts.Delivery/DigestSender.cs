using System.Diagnostics.Metrics;
using System.Text.Json;
using Alerts.Core;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery;

/// <summary>
/// The work of <c>SendDigests</c>: for every digest-mode subscriber, sends each digest document (<c>digests/{subscriberId}/{date}.json</c>)
/// of the last <see cref="LookbackDays"/> days up to today that is due (<see cref="DigestDocument.DueAt"/>: its date at its digest hour
/// in the subscriber's zone), holds at least one alert and is not sent yet, as ONE message through the subscriber's channel. The
/// same durable outbox as <see cref="AlertDeliverer"/>: the document is marked pending (ETag-conditional) before sending and sent
/// after; a sent digest is a no-op; a failure is recorded (redacted) and thrown once every other due digest was tried, so the next
/// timer run retries it.
/// </summary>
public sealed partial class DigestSender(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    IEnumerable<IAlertChannel> channels,
    TimeProvider time,
    ILogger<DigestSender> logger)
{
    /// <summary>
    /// How many days back unsent digests are still picked up (the store can't list documents). Digest dates are the subscriber's
    /// local dates, which are within a day of the UTC date, so the dates tried run from one day more than this before the UTC
    /// date to one day after it.
    /// </summary>
    public const int LookbackDays = 7;

    private static readonly Counter<long> Sent = AlertsTelemetry.Meter.CreateCounter<long>("alerts.digests.sent", description: "Digests sent, by channel.");
    private static readonly Counter<long> Failed = AlertsTelemetry.Meter.CreateCounter<long>("alerts.digests.failed", description: "Digest send attempts failed, by channel.");

    private readonly IReadOnlyList<IAlertChannel> _channels = [.. channels];

    /// <returns>How many digests were sent by this call.</returns>
    /// <exception cref="DigestDeliveryException">A digest failed (the others were still tried); with several, an <see cref="AggregateException"/>.</exception>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var sent = 0;
        var failures = new List<DigestDeliveryException>();
        foreach (var subscriber in await catalog.GetSubscribersAsync(cancellationToken))
        {
            if (subscriber.Mode != DeliveryMode.Digest)
            {
                continue;
            }

            for (var date = utcToday.AddDays(-LookbackDays - 1); date <= utcToday.AddDays(1); date = date.AddDays(1))
            {
                try
                {
                    sent += await SendIfDueAsync(subscriber, date, now, cancellationToken) ? 1 : 0;
                }
                catch (DigestDeliveryException ex)
                {
                    failures.Add(ex);
                }
            }
        }

        return failures.Count switch
        {
            0 => sent,
            1 => throw failures[0],
            _ => throw new AggregateException(failures),
        };
    }

    /// <summary>The stored digest document, or null when none exists.</summary>
    public async Task<DigestDocument?> GetDigestAsync(string subscriberId, DateOnly date, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(DigestDocument.PathFor(subscriberId, date), cancellationToken);
        return stored is null ? null : JsonSerializer.Deserialize(stored.Content.ToString(), DeliveryJsonContext.Default.DigestDocument);
    }

    private async Task<bool> SendIfDueAsync(Subscriber subscriber, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = DigestDocument.PathFor(subscriber.Id, date);
        var stored = await store.GetAsync(path, cancellationToken);
        if (stored is null)
        {
            return false;
        }

        var digest = JsonSerializer.Deserialize(stored.Content.ToString(), DeliveryJsonContext.Default.DigestDocument)!;
        if (digest.Status == DeliveryStatus.Sent || digest.AlertIds.Count == 0 || digest.DueAt > now)
        {
            return false;
        }

        using var activity = AlertsTelemetry.ActivitySource.StartActivity("SendDigest");
        activity?.SetTag("alerts.subscriber.id", subscriber.Id);
        activity?.SetTag("alerts.digest.date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var channel = AlertDeliverer.ChannelFor(_channels, subscriber);

        // Record the attempt before sending (no alert joins it from now on); losing this race means another instance sends it.
        var pending = digest with { Status = DeliveryStatus.Pending, Channel = channel.Kind, Attempts = digest.Attempts + 1, LastAttemptAt = time.GetUtcNow() };
        var etag = await WriteAsync(path, pending, WriteCondition.Matches(stored.ETag), cancellationToken);

        try
        {
            var alerts = new List<Alert>(pending.AlertIds.Count);
            foreach (var alertId in pending.AlertIds)
            {
                alerts.Add(await AlertDeliverer.ReadAlertAsync(store, alertId, cancellationToken));
            }

            await channel.SendDigestAsync(new DigestDeliveryContext(subscriber, date, alerts), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = AlertTextEncoding.Truncate(AlertTextEncoding.RedactUrls($"{ex.GetType().Name}: {ex.Message}"), 500);
            Failed.Add(1, new KeyValuePair<string, object?>("channel", channel.Kind.ToString()));
            LogFailed(logger, subscriber.Id, date, channel.Kind, pending.Attempts, reason);
            try
            {
                await WriteAsync(path, pending with { LastError = reason }, WriteCondition.Matches(etag), CancellationToken.None);
            }
            catch (DocumentConflictException)
            {
                // Someone else has moved the document on; their outcome stands.
            }

            throw new DigestDeliveryException(subscriber.Id, date, channel.Kind, pending.Attempts, reason);
        }

        await WriteAsync(path, pending with { Status = DeliveryStatus.Sent, SentAt = time.GetUtcNow(), LastError = null }, WriteCondition.Matches(etag), CancellationToken.None);
        Sent.Add(1, new KeyValuePair<string, object?>("channel", channel.Kind.ToString()));
        LogSent(logger, subscriber.Id, date, pending.AlertIds.Count, channel.Kind, pending.Attempts);
        return true;
    }

    private Task<string> WriteAsync(string path, DigestDocument digest, WriteCondition condition, CancellationToken cancellationToken)
        => store.PutAsync(path, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(digest, DeliveryJsonContext.Default.DigestDocument)), condition, cancellationToken);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Sent the {Date} digest of {AlertCount} alerts to {SubscriberId} via {Channel} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string subscriberId, DateOnly date, int alertCount, ChannelKind channel, int attempt);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Sending the {Date} digest to {SubscriberId} via {Channel} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string subscriberId, DateOnly date, ChannelKind channel, int attempt, string reason);
}

/// <summary>A digest send failed; the next timer run retries it. The message is redacted: no URL path or query, no secret.</summary>
public sealed class DigestDeliveryException(string subscriberId, DateOnly date, ChannelKind channel, int attempt, string reason)
    : Exception($"Sending the {date:yyyy-MM-dd} digest to {subscriberId} via {channel} failed (attempt {attempt}): {reason}")
{
    public string SubscriberId { get; } = subscriberId;

    public DateOnly Date { get; } = date;

    public ChannelKind Channel { get; } = channel;
}
