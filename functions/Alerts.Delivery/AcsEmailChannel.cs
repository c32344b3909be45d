using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>Email alerts through Azure Communication Services; the Operation-Id comes from the delivery id, so a retry is not a second email.</summary>
public sealed class AcsEmailChannel(AcsEmailClient client, AlertComposer composer, IOptions<AcsEmailOptions> acsOptions, IOptions<DeliveryOptions> deliveryOptions) : IAlertChannel
{
    public ChannelKind Kind => ChannelKind.AcsEmail;

    public async Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken)
    {
        var settings = deliveryOptions.Value;
        var sender = acsOptions.Value.SenderAddress ?? settings.From ?? throw new InvalidOperationException("Delivery:Acs:SenderAddress (or Delivery:From) is not set.");
        var to = delivery.Subscriber.Email ?? throw new InvalidOperationException($"Subscriber '{delivery.Subscriber.Id}' has no email address.");
        var email = composer.ComposeEmail(delivery.Alert);
        var message = new AcsEmailMessage(sender, [to], email.Subject, email.TextBody, email.HtmlBody)
        {
            ReplyTo = settings.ReplyTo,
            Headers = new Dictionary<string, string> { ["X-Alerts-Alert-Id"] = delivery.Alert.Id },
        };
        await client.SendAsync(message, AcsEmailClient.OperationIdFor(delivery.Id), cancellationToken);
    }
}
