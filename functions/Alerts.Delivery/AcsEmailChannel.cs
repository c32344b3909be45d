using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>Email alerts through Azure Communication Services; the Operation-Id comes from the delivery id, so a retry is not a second email.</summary>
public sealed class AcsEmailChannel(AcsEmailClient client, AlertComposer composer, IOptions<AcsEmailOptions> acsOptions, IOptions<DeliveryOptions> deliveryOptions) : IAlertChannel
{
    public ChannelKind Kind => ChannelKind.AcsEmail;

    public Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken)
        => SendAsync(delivery.Subscriber, delivery.Id, composer.ComposeEmail(delivery.Alert), new Dictionary<string, string> { ["X-Alerts-Alert-Id"] = delivery.Alert.Id }, cancellationToken);

    public Task SendDigestAsync(DigestDeliveryContext digest, CancellationToken cancellationToken)
        => SendAsync(digest.Subscriber, digest.Id, composer.ComposeDigestEmail(digest.Date, digest.Alerts), new Dictionary<string, string>(), cancellationToken);

    private async Task SendAsync(Subscriber subscriber, string deliveryId, AlertEmail email, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var settings = deliveryOptions.Value;
        var sender = acsOptions.Value.SenderAddress ?? settings.From ?? throw new InvalidOperationException("Delivery:Acs:SenderAddress (or Delivery:From) is not set.");
        var to = subscriber.Email ?? throw new InvalidOperationException($"Subscriber '{subscriber.Id}' has no email address.");
        var message = new AcsEmailMessage(sender, [to], email.Subject, email.TextBody, email.HtmlBody) { ReplyTo = settings.ReplyTo, Headers = headers };
        await client.SendAsync(message, AcsEmailClient.OperationIdFor(deliveryId), cancellationToken);
    }
}
