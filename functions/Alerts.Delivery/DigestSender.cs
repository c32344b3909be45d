using Alerts.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>
/// The work of <c>SendDigests</c>: for every digest-mode subscriber, sends each digest document (<c>digests/{subscriberId}/{date}.json</c>)
/// of the last <see cref="LookbackDays"/> days up to today that is due (<see cref="DigestDocument.DueAt"/>: its date at its digest hour
/// in the subscriber's zone), holds at least one alert and is not sent yet, as ONE message through the subscriber's channel, with
/// the same <see cref="DurableSend"/> as <see cref="AlertDeliverer"/> (the document itself is the outbox entry). A sent digest is
/// a no-op; a failure is recorded (redacted) and thrown once every other due digest was tried, so the next timer run retries it.
/// </summary>
public sealed class DigestSender(
    IDocumentStore store,
    SubscriptionCatalog catalog,
    IEnumerable<IAlertChannel> channels,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<DigestSender> logger)
{
    /// <summary>
    /// How many days back unsent digests are still picked up (the store can't list documents). Digest dates are the subscriber's
    /// local dates, which are within a day of the UTC date, so the dates tried run from one day more than this before the UTC
    /// date to one day after it.
    /// </summary>
    public const int LookbackDays = 7;

    private readonly IReadOnlyList<IAlertChannel> _channels = [.. channels];
    private readonly DurableSend _send = new(store, time, options.Value, logger);

    /// <returns>How many digests were sent by this call.</returns>
    /// <exception cref="DeliveryException">A digest failed (the others were still tried); with several, an <see cref="AggregateException"/>.</exception>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var sent = 0;
        var failures = new List<DeliveryException>();
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
                catch (DeliveryException ex)
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
        => (await _send.ReadAsync(DigestDocument.PathFor(subscriberId, date), DeliveryJsonContext.Default.DigestDocument, cancellationToken)).Entry;

    private async Task<bool> SendIfDueAsync(Subscriber subscriber, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = DigestDocument.PathFor(subscriber.Id, date);
        var (digest, etag) = await _send.ReadAsync(path, DeliveryJsonContext.Default.DigestDocument, cancellationToken);
        if (digest is null || digest.AlertIds.Count == 0 || digest.DueAt > now)
        {
            return false;
        }

        using var activity = AlertsTelemetry.ActivitySource.StartActivity("SendDigest");
        activity?.SetTag("alerts.subscriber.id", subscriber.Id);
        activity?.SetTag("alerts.digest.date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // Once pending, no alert joins the digest (AlertRouter files it under the next day's).
        var channel = AlertDeliverer.ChannelFor(_channels, subscriber);
        return await _send.SendOnceAsync(
            path, DeliveryJsonContext.Default.DigestDocument, digest, etag, DigestDeliveryContext.IdFor(subscriber.Id, date), channel.Kind,
            async token =>
            {
                var alerts = new List<Alert>(digest.AlertIds.Count);
                foreach (var alertId in digest.AlertIds)
                {
                    alerts.Add(await AlertDeliverer.ReadAlertAsync(store, alertId, token));
                }

                await channel.SendDigestAsync(new DigestDeliveryContext(subscriber, date, alerts), token);
            },
            cancellationToken);
    }
}
