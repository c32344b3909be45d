using Alerts.Core;

namespace Alerts.Delivery;

/// <summary>One alert for one subscriber. <see cref="Id"/> is stable across retries.</summary>
public sealed record AlertDeliveryContext(Alert Alert, Subscriber Subscriber)
{
    public string Id => $"{Alert.Id}/{Subscriber.Id}";
}

/// <summary>A way of sending alerts (outbox folder, SMTP, ACS Email, Teams). Failures throw; messages never carry secrets.</summary>
public interface IAlertChannel
{
    ChannelKind Kind { get; }

    Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken);
}
