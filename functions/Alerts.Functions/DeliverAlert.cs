using Alerts.Core;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Queue trigger on <c>alert-deliveries</c>: sends one alert to one subscriber. A failing channel retries (and finally poisons) alone.</summary>
public sealed class DeliverAlert(IAlertDeliverer deliverer)
{
    [Function(nameof(DeliverAlert))]
    public Task Run(
        [QueueTrigger(PipelineNames.AlertDeliveriesQueue, Connection = PipelineNames.StorageConnection)] string message,
        FunctionContext context)
        => deliverer.DeliverAsync(AlertDeliveryMessage.Parse(message), context.CancellationToken);
}
