using System.Text.Json;
using Alerts.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Delivery;

/// <summary>
/// Picks the subscribers whose filters match an alert. Immediate subscribers are returned (one delivery message each);
/// digest subscribers get the alert added to their next digest document instead. The first routing of an alert is recorded
/// (<see cref="AlertRouting"/>): raised again, it goes to the subscribers of the moment it was first raised. While
/// <c>subscriptions.json</c> is invalid an alert is held (<see cref="HeldAlert"/>), not lost, and routed by
/// <see cref="HeldAlerts"/> once the document is fixed.
/// </summary>
public sealed partial class AlertRouter(SubscriptionCatalog catalog, IDocumentStore store, TimeProvider time, ILogger<AlertRouter>? logger = null) : IAlertRouter
{
    /// <summary>How often filing an alert in a digest is re-read and re-applied after losing an ETag race.</summary>
    private const int MaxConcurrencyAttempts = 5;

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<IReadOnlyList<string>> RouteAsync(Alert alert, CancellationToken cancellationToken)
        => await TryRouteAsync(alert, cancellationToken) ?? [];

    /// <returns>The immediate subscribers of the alert, or null when it was held because the subscriptions document is invalid.</returns>
    public async Task<IReadOnlyList<string>?> TryRouteAsync(Alert alert, CancellationToken cancellationToken)
    {
        var path = AlertRouting.PathFor(alert.Id);
        if (await ReadRoutingAsync(path, cancellationToken) is { } routed)
        {
            return routed.SubscriberIds;
        }

        IReadOnlyList<Subscriber> subscribers;
        try
        {
            subscribers = await catalog.GetSubscribersAsync(cancellationToken);
        }
        catch (SubscriptionsInvalidException invalid)
        {
            var held = new HeldAlert { AlertId = alert.Id, HeldAt = time.GetUtcNow(), Problems = [.. invalid.Errors] };
            await store.PutAsync(HeldAlert.PathFor(alert.Id), BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(held, DeliveryJsonContext.Default.HeldAlert)), WriteCondition.None, cancellationToken);
            LogHeld(_logger, alert.Id, invalid.Errors.Count);
            return null;
        }

        var immediate = new List<string>();
        foreach (var subscriber in subscribers)
        {
            if (!subscriber.Filter.Matches(alert))
            {
                continue;
            }

            if (subscriber.Mode == DeliveryMode.Digest)
            {
                await AddToDigestAsync(subscriber, alert.Id, cancellationToken);
            }
            else
            {
                immediate.Add(subscriber.Id);
            }
        }

        try
        {
            var routing = new AlertRouting { AlertId = alert.Id, SubscriberIds = immediate, RoutedAt = time.GetUtcNow() };
            await store.PutAsync(path, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(routing, DeliveryJsonContext.Default.AlertRouting)), WriteCondition.NotExists, cancellationToken);
            return immediate;
        }
        catch (DocumentConflictException)
        {
            // Routed at the same moment by another instance: its record is the one that stands.
            return (await ReadRoutingAsync(path, cancellationToken))?.SubscriberIds ?? immediate;
        }
    }

    private async Task<AlertRouting?> ReadRoutingAsync(string path, CancellationToken cancellationToken)
        => await store.GetAsync(path, cancellationToken) is { } stored ? JsonSerializer.Deserialize(stored.Content, DeliveryJsonContext.Default.AlertRouting) : null;

    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "Alert {AlertId} is held: subscriptions.json is invalid ({ProblemCount} problems); it is routed once the document is fixed")]
    private static partial void LogHeld(ILogger logger, string alertId, int problemCount);

    /// <summary>
    /// Files the alert under the subscriber's next digest (<see cref="DigestSchedule.DigestDate"/>, in the subscriber's zone at
    /// the moment of routing); a new document records its due instant so later catalog edits do not move it.
    /// </summary>
    private async Task AddToDigestAsync(Subscriber subscriber, string alertId, CancellationToken cancellationToken)
    {
        var hour = subscriber.DigestHour ?? 0;
        var zone = subscriber.TimeZone ?? TimeZoneInfo.Utc;
        for (var date = DigestSchedule.DigestDate(time.GetUtcNow(), hour, zone); ; date = date.AddDays(1))
        {
            var filed = false;
            await store.UpdateAsync(DigestDocument.PathFor(subscriber.Id, date), DeliveryJsonContext.Default.DigestDocument, digest =>
            {
                digest ??= new DigestDocument { SubscriberId = subscriber.Id, Date = date, DigestHour = hour, TimeZone = subscriber.TimeZone?.Id, DueAt = DigestSchedule.DueAt(date, hour, zone) };
                if (digest.AlertIds.Contains(alertId))
                {
                    filed = true;
                    return null;
                }

                filed = digest.Status is null;
                return filed ? digest with { AlertIds = [.. digest.AlertIds, alertId] } : null;
            }, MaxConcurrencyAttempts, cancellationToken);

            // A digest being (or already) sent takes no more alerts: the alert joins the next day's.
            if (filed)
            {
                return;
            }
        }
    }
}
