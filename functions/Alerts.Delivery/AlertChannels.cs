using Alerts.Core;

namespace Alerts.Delivery;

/// <summary>One alert for one subscriber. <see cref="Id"/> is stable across retries.</summary>
public sealed record AlertDeliveryContext(Alert Alert, Subscriber Subscriber)
{
    public string Id => $"{Alert.Id}/{Subscriber.Id}";
}

/// <summary>One subscriber's daily digest: every alert of <see cref="Date"/>'s digest document. <see cref="Id"/> is stable across retries.</summary>
public sealed record DigestDeliveryContext(Subscriber Subscriber, DateOnly Date, IReadOnlyList<Alert> Alerts)
{
    public string Id => IdFor(Subscriber.Id, Date);

    public static string IdFor(string subscriberId, DateOnly date) => $"digest-{subscriberId}-{date:yyyy-MM-dd}";
}

/// <summary>A way of sending alerts (outbox folder, SMTP, ACS Email, Teams). Failures throw; messages never carry secrets.</summary>
public interface IAlertChannel
{
    ChannelKind Kind { get; }

    Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken);

    /// <summary>Sends one message listing every alert of a digest. Channels that can't send digests keep this default.</summary>
    Task SendDigestAsync(DigestDeliveryContext digest, CancellationToken cancellationToken)
        => throw new NotSupportedException($"The {Kind} channel does not send digests.");
}
