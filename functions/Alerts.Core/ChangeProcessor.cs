using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Alerts.Core;

/// <summary>The work of <c>DetectChanges</c>: apply one article's events to state and fan each alert out to its subscribers.</summary>
public sealed partial class ChangeProcessor(
    ArticleEventsCodec codec,
    IChangeDetector detector,
    IAlertRouter router,
    IDocumentStore store,
    IArticleOrder order,
    ILogger<ChangeProcessor> logger)
{
    /// <summary>Path of the stored alert document that deliveries read.</summary>
    public static string AlertPath(string alertId) => $"alerts/{alertId}.json";

    /// <returns>The alerts the article raised (the same ones again when the message is re-delivered) and one delivery message per (alert, subscriber).</returns>
    public async Task<ChangeResult> ProcessAsync(string messageText, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.ActivitySource.StartActivity("DetectChanges");
        var message = await codec.DecodeAsync(messageText, cancellationToken);
        activity?.SetTag("alerts.article.id", message.ArticleId);

        await order.WaitTurnAsync(message.Name, cancellationToken);
        var alerts = await detector.ApplyAsync(message, cancellationToken);
        await Task.WhenAll(alerts.Select(alert => StoreAsync(alert, cancellationToken)));
        await order.CompleteAsync(message.Name, cancellationToken);
        var deliveries = new List<string>();
        foreach (var alert in alerts)
        {
            AlertsTelemetry.AlertsRaised.Add(1, new KeyValuePair<string, object?>("kind", alert.Kind.ToString()));
            LogAlert(logger, alert.Id, alert.Kind, alert.Headline, message.Name);
            foreach (var subscriber in await router.RouteAsync(alert, cancellationToken))
            {
                var delivery = new AlertDeliveryMessage { AlertId = alert.Id, SubscriberId = subscriber };
                deliveries.Add(JsonSerializer.Serialize(delivery, AlertsJsonContext.Default.AlertDeliveryMessage));
            }
        }

        AlertsTelemetry.DeliveriesRouted.Add(deliveries.Count);
        return new ChangeResult(alerts, deliveries);
    }

    private async Task StoreAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(alert, AlertsJsonContext.Default.Alert);
            await store.PutAsync(AlertPath(alert.Id), BinaryData.FromBytes(json), WriteCondition.NotExists, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Already stored by the detector or by an earlier delivery of this message: alerts are immutable.
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Alert {AlertId} ({Kind}): {Headline}, after {ArticleName}")]
    private static partial void LogAlert(ILogger logger, string alertId, AlertKind kind, string headline, string articleName);
}

/// <param name="Alerts">Alerts raised by the article.</param>
/// <param name="Deliveries">Serialized <see cref="AlertDeliveryMessage"/>s for the <c>alert-deliveries</c> queue.</param>
public sealed record ChangeResult(IReadOnlyList<Alert> Alerts, IReadOnlyList<string> Deliveries);
