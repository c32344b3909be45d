using System.Text.Json;
using Alerts.Core;

namespace Alerts.Delivery;

/// <summary>
/// Picks the subscribers whose filters match an alert. Immediate subscribers are returned (one delivery message each);
/// digest subscribers get the alert added to their next digest document instead.
/// </summary>
public sealed class AlertRouter(SubscriptionCatalog catalog, IDocumentStore store, TimeProvider time) : IAlertRouter
{
    public async Task<IReadOnlyList<string>> RouteAsync(Alert alert, CancellationToken cancellationToken)
    {
        var immediate = new List<string>();
        foreach (var subscriber in await catalog.GetSubscribersAsync(cancellationToken))
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

        return immediate;
    }

    /// <summary>
    /// Files the alert under the subscriber's next digest (<see cref="DigestSchedule.DigestDate"/>, in the subscriber's zone at
    /// the moment of routing); a new document records its due instant so later catalog edits do not move it.
    /// </summary>
    private async Task AddToDigestAsync(Subscriber subscriber, string alertId, CancellationToken cancellationToken)
    {
        var hour = subscriber.DigestHour ?? 0;
        var zone = subscriber.TimeZone ?? TimeZoneInfo.Utc;
        var date = DigestSchedule.DigestDate(time.GetUtcNow(), hour, zone);
        for (var attempt = 1; ; attempt++)
        {
            var path = DigestDocument.PathFor(subscriber.Id, date);
            var stored = await store.GetAsync(path, cancellationToken);
            var digest = stored is null
                ? new DigestDocument { SubscriberId = subscriber.Id, Date = date, DigestHour = hour, TimeZone = subscriber.TimeZone?.Id, DueAt = DigestSchedule.DueAt(date, hour, zone) }
                : JsonSerializer.Deserialize(stored.Content.ToString(), DeliveryJsonContext.Default.DigestDocument)!;
            if (digest.AlertIds.Contains(alertId))
            {
                return;
            }

            if (digest.Status is not null)
            {
                // That digest is being (or has been) sent: the alert joins the next day's.
                date = date.AddDays(1);
                continue;
            }

            var next = digest with { AlertIds = [.. digest.AlertIds, alertId] };
            try
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(next, DeliveryJsonContext.Default.DigestDocument);
                await store.PutAsync(path, BinaryData.FromBytes(json), stored is null ? WriteCondition.NotExists : WriteCondition.Matches(stored.ETag), cancellationToken);
                return;
            }
            catch (DocumentConflictException) when (attempt < 5)
            {
                // Another alert was added at the same moment: read again and retry.
            }
        }
    }
}
