using System.Diagnostics.Metrics;
using System.Text.Json;
using Alerts.Core;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery;

/// <summary>
/// The work of <c>DeliverAlert</c>, a durable outbox: reads the stored alert and the subscriber, records the delivery as pending
/// (<c>deliveries/{alertId}/{subscriberId}.json</c>), sends it through the subscriber's channel and marks it sent. A message for
/// a delivery already sent is a no-op; a failure is recorded (redacted) and thrown, so the queue retries and finally poisons it.
/// </summary>
public sealed partial class AlertDeliverer(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    IEnumerable<IAlertChannel> channels,
    TimeProvider time,
    ILogger<AlertDeliverer> logger) : IAlertDeliverer
{
    private static readonly Counter<long> Sent = AlertsTelemetry.Meter.CreateCounter<long>("alerts.deliveries.sent", description: "Alert deliveries sent, by channel.");
    private static readonly Counter<long> Failed = AlertsTelemetry.Meter.CreateCounter<long>("alerts.deliveries.failed", description: "Alert delivery attempts failed, by channel.");

    private readonly IReadOnlyList<IAlertChannel> _channels = [.. channels];

    public async Task DeliverAsync(AlertDeliveryMessage delivery, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.ActivitySource.StartActivity("DeliverAlert");
        activity?.SetTag("alerts.alert.id", delivery.AlertId);
        activity?.SetTag("alerts.subscriber.id", delivery.SubscriberId);

        var alert = await ReadAlertAsync(store, delivery.AlertId, cancellationToken);
        var subscriber = await catalog.FindAsync(delivery.SubscriberId, cancellationToken)
            ?? throw new InvalidDataException($"Subscriber '{delivery.SubscriberId}' is not in {SubscriptionCatalog.DocumentPath}.");
        var channel = ChannelFor(_channels, subscriber);

        var path = DeliveryRecord.PathFor(alert.Id, subscriber.Id);
        var stored = await store.GetAsync(path, cancellationToken);
        var record = stored is null
            ? new DeliveryRecord { AlertId = alert.Id, SubscriberId = subscriber.Id }
            : JsonSerializer.Deserialize(stored.Content.ToString(), DeliveryJsonContext.Default.DeliveryRecord)!;
        if (record.Status == DeliveryStatus.Sent)
        {
            LogAlreadySent(logger, alert.Id, subscriber.Id, record.SentAt);
            return;
        }

        // Record the attempt before sending; losing this race means another instance is delivering it right now.
        var pending = record with { Status = DeliveryStatus.Pending, Channel = channel.Kind, Attempts = record.Attempts + 1, LastAttemptAt = time.GetUtcNow() };
        var etag = await WriteAsync(path, pending, stored is null ? WriteCondition.NotExists : WriteCondition.Matches(stored.ETag), cancellationToken);

        try
        {
            await channel.SendAsync(new AlertDeliveryContext(alert, subscriber), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = AlertTextEncoding.Truncate(AlertTextEncoding.RedactUrls($"{ex.GetType().Name}: {ex.Message}"), 500);
            Failed.Add(1, new KeyValuePair<string, object?>("channel", channel.Kind.ToString()));
            LogFailed(logger, alert.Id, subscriber.Id, channel.Kind, pending.Attempts, reason);
            try
            {
                await WriteAsync(path, pending with { LastError = reason }, WriteCondition.Matches(etag), CancellationToken.None);
            }
            catch (DocumentConflictException)
            {
                // Someone else has moved the record on; their outcome stands.
            }

            throw new AlertDeliveryException(alert.Id, subscriber.Id, channel.Kind, pending.Attempts, reason);
        }

        var sent = pending with { Status = DeliveryStatus.Sent, SentAt = time.GetUtcNow(), LastError = null };
        await WriteAsync(path, sent, WriteCondition.Matches(etag), CancellationToken.None);
        Sent.Add(1, new KeyValuePair<string, object?>("channel", channel.Kind.ToString()));
        LogSent(logger, alert.Id, subscriber.Id, channel.Kind, pending.Attempts);
    }

    /// <summary>The stored delivery record, or null when none was made yet.</summary>
    public async Task<DeliveryRecord?> GetRecordAsync(string alertId, string subscriberId, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(DeliveryRecord.PathFor(alertId, subscriberId), cancellationToken);
        return stored is null ? null : JsonSerializer.Deserialize(stored.Content.ToString(), DeliveryJsonContext.Default.DeliveryRecord);
    }

    internal static IAlertChannel ChannelFor(IReadOnlyList<IAlertChannel> channels, Subscriber subscriber)
    {
        IAlertChannel? Find(ChannelKind kind) => channels.FirstOrDefault(c => c.Kind == kind);
        return subscriber.Channel switch
        {
            SubscriberChannel.Teams => Find(ChannelKind.Teams),
            SubscriberChannel.Email => Find(ChannelKind.Smtp) ?? Find(ChannelKind.AcsEmail) ?? Find(ChannelKind.Outbox),
            _ => Find(ChannelKind.Outbox),
        } ?? throw new InvalidOperationException($"No channel is registered for subscriber '{subscriber.Id}' ({subscriber.Channel}).");
    }

    internal static async Task<Alert> ReadAlertAsync(IDocumentStore store, string alertId, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(ChangeProcessor.AlertPath(alertId), cancellationToken)
            ?? throw new InvalidDataException($"Alert '{alertId}' is not stored at {ChangeProcessor.AlertPath(alertId)}.");
        return JsonSerializer.Deserialize(stored.Content.ToString(), AlertsJsonContext.Default.Alert)
            ?? throw new InvalidDataException($"Alert '{alertId}' is stored empty.");
    }

    private Task<string> WriteAsync(string path, DeliveryRecord record, WriteCondition condition, CancellationToken cancellationToken)
        => store.PutAsync(path, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(record, DeliveryJsonContext.Default.DeliveryRecord)), condition, cancellationToken);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Delivered alert {AlertId} to {SubscriberId} via {Channel} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string alertId, string subscriberId, ChannelKind channel, int attempt);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Alert {AlertId} was already delivered to {SubscriberId} at {SentAt}; nothing to do")]
    private static partial void LogAlreadySent(ILogger logger, string alertId, string subscriberId, DateTimeOffset? sentAt);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Delivery of alert {AlertId} to {SubscriberId} via {Channel} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string alertId, string subscriberId, ChannelKind channel, int attempt, string reason);
}

/// <summary>A delivery attempt failed; the queue will retry it. The message is redacted: no URL path or query, no secret.</summary>
public sealed class AlertDeliveryException(string alertId, string subscriberId, ChannelKind channel, int attempt, string reason)
    : Exception($"Delivery of alert {alertId} to {subscriberId} via {channel} failed (attempt {attempt}): {reason}")
{
    public string AlertId { get; } = alertId;

    public string SubscriberId { get; } = subscriberId;

    public ChannelKind Channel { get; } = channel;
}
