using Alerts.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>
/// Timer trigger every 15 minutes: routes the alerts held while the subscriptions document was invalid (so they join their
/// digests too), then sends every daily digest whose hour has passed and that is not sent yet.
/// </summary>
public sealed class SendDigests(DigestSender sender, HeldAlerts held)
{
    [Function(nameof(SendDigests))]
    public async Task Run([TimerTrigger("0 */15 * * * *")] TimerInfo timer, FunctionContext context)
    {
        try
        {
            await held.ReleaseAsync(context.CancellationToken);
        }
        finally
        {
            await sender.SendDueAsync(context.CancellationToken);
        }
    }
}
