using Alerts.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Timer trigger every 15 minutes: sends every daily digest whose hour has passed and that is not sent yet.</summary>
public sealed class SendDigests(DigestSender sender)
{
    [Function(nameof(SendDigests))]
    public Task Run([TimerTrigger("0 */15 * * * *")] TimerInfo timer, FunctionContext context)
        => sender.SendDueAsync(context.CancellationToken);
}
