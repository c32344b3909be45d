using Alerts.Core;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery;

/// <summary>
/// Routes the alerts held while <c>subscriptions.json</c> was invalid (<see cref="HeldAlert"/>), once it is valid again, and
/// delivers each through the <see cref="IAlertDeliverer"/> (the durable outbox: a delivery already sent is not sent again). A held
/// alert is released only when all its deliveries went out; one that fails stays held and is retried on the next run.
/// Run by the <c>SendDigests</c> timer before the digests, so a held alert joins its digest too.
/// </summary>
public sealed partial class HeldAlerts(IDocumentStore store, AlertRouter router, IAlertDeliverer deliverer, ILogger<HeldAlerts> logger)
{
    /// <returns>How many held alerts were released.</returns>
    /// <exception cref="DeliveryException">A delivery failed (the others were still tried); with several, an <see cref="AggregateException"/>.</exception>
    public async Task<int> ReleaseAsync(CancellationToken cancellationToken)
    {
        var held = new List<string>();
        await foreach (var path in store.ListAsync(HeldAlert.Prefix, cancellationToken))
        {
            held.Add(path);
        }

        var released = 0;
        var failures = new List<DeliveryException>();
        foreach (var path in held)
        {
            var alertId = path[HeldAlert.Prefix.Length..^".json".Length];
            var alert = await AlertDeliverer.ReadAlertAsync(store, alertId, cancellationToken);
            if (await router.TryRouteAsync(alert, cancellationToken) is not { } subscribers)
            {
                return released; // the document is still invalid: everything stays held
            }

            var delivered = true;
            foreach (var subscriber in subscribers)
            {
                try
                {
                    await deliverer.DeliverAsync(new AlertDeliveryMessage { AlertId = alertId, SubscriberId = subscriber }, cancellationToken);
                }
                catch (DeliveryException failure)
                {
                    failures.Add(failure);
                    delivered = false;
                }
            }

            if (delivered)
            {
                await store.DeleteAsync(path, cancellationToken);
                released++;
                LogReleased(logger, alertId, subscribers.Count);
            }
        }

        return failures.Count switch
        {
            0 => released,
            1 => throw failures[0],
            _ => throw new AggregateException(failures),
        };
    }

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "Held alert {AlertId} released to {SubscriberCount} subscribers")]
    private static partial void LogReleased(ILogger logger, string alertId, int subscriberCount);
}
