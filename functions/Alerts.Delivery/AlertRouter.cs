using Alerts.Core;

namespace Alerts.Delivery;

/// <summary>
/// Picks the subscribers whose filters match an alert. Immediate subscribers are returned (one delivery message each);
/// digest subscribers get the alert added to their next digest document instead.
/// </summary>
public sealed class AlertRouter(SubscriptionCatalog catalog, IDocumentStore store, TimeProvider time) : IAlertRouter
{
    /// <summary>How often filing an alert in a digest is re-read and re-applied after losing an ETag race.</summary>
    private const int MaxConcurrencyAttempts = 5;

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
