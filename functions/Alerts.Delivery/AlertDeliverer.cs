using System.Text.Json;
using Alerts.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>
/// The work of <c>DeliverAlert</c>: reads the stored alert and the subscriber and sends the alert through the subscriber's channel
/// with the <see cref="DurableSend"/> (<c>deliveries/{alertId}/{subscriberId}.json</c> pending, then sent). A message for a delivery
/// already sent is a no-op; a failure is recorded (redacted) and thrown, so the queue retries and finally poisons it.
/// </summary>
public sealed class AlertDeliverer(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    IEnumerable<IAlertChannel> channels,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<AlertDeliverer> logger) : IAlertDeliverer
{
    private readonly IReadOnlyList<IAlertChannel> _channels = [.. channels];
    private readonly DurableSend _send = new(store, time, options.Value, logger);

    /// <exception cref="DeliveryException">The channel failed; the queue retries the message.</exception>
    public async Task DeliverAsync(AlertDeliveryMessage delivery, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.ActivitySource.StartActivity("DeliverAlert");
        activity?.SetTag("alerts.alert.id", delivery.AlertId);
        activity?.SetTag("alerts.subscriber.id", delivery.SubscriberId);

        var alert = await ReadAlertAsync(store, delivery.AlertId, cancellationToken);
        var subscriber = await catalog.FindAsync(delivery.SubscriberId, cancellationToken)
            ?? throw new InvalidDataException($"Subscriber '{delivery.SubscriberId}' is not in {SubscriptionCatalog.DocumentPath}.");
        var channel = ChannelFor(_channels, subscriber);
        var context = new AlertDeliveryContext(alert, subscriber);

        var path = DeliveryRecord.PathFor(alert.Id, subscriber.Id);
        var (record, etag) = await _send.ReadAsync(path, DeliveryJsonContext.Default.DeliveryRecord, cancellationToken);
        await _send.SendOnceAsync(
            path, DeliveryJsonContext.Default.DeliveryRecord, record ?? new DeliveryRecord { AlertId = alert.Id, SubscriberId = subscriber.Id }, etag,
            context.Id, channel.Kind, token => channel.SendAsync(context, token), cancellationToken);
    }

    /// <summary>The stored delivery record, or null when none was made yet.</summary>
    public async Task<DeliveryRecord?> GetRecordAsync(string alertId, string subscriberId, CancellationToken cancellationToken)
        => (await _send.ReadAsync(DeliveryRecord.PathFor(alertId, subscriberId), DeliveryJsonContext.Default.DeliveryRecord, cancellationToken)).Entry;

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
}
