using System.Text.Json.Serialization;
using Alerts.Core;

namespace Alerts.Delivery;

/// <summary>Where a subscriber wants alerts.</summary>
public enum SubscriberChannel
{
    /// <summary>The local outbox folder.</summary>
    Outbox,

    /// <summary>An email address, sent over SMTP or ACS (whichever is configured; the outbox when neither is).</summary>
    Email,

    /// <summary>A Teams channel, through a Workflows webhook.</summary>
    Teams,
}

/// <summary>When a subscriber gets alerts.</summary>
public enum DeliveryMode
{
    Immediate,

    /// <summary>Collected in a digest document, sent once a day at <see cref="Subscriber.DigestHour"/> in <see cref="Subscriber.TimeZone"/>.</summary>
    Digest,
}

/// <summary>The transport that carries a delivery.</summary>
public enum ChannelKind
{
    [JsonStringEnumMemberName("outbox")] Outbox,
    [JsonStringEnumMemberName("smtp")] Smtp,
    [JsonStringEnumMemberName("acs_email")] AcsEmail,
    [JsonStringEnumMemberName("teams")] Teams,
}

/// <summary>Which alerts a subscriber wants. Every non-empty criterion must hold; within one, any value matches.</summary>
public sealed record SubscriptionFilter
{
    /// <summary>Storyline ids; an alert passes when its storyline is listed or when a <see cref="Keywords"/> entry matches.</summary>
    public IReadOnlyList<string> Storylines { get; init; } = [];

    /// <summary>Words matched case-insensitively against the headline, summary and storyline title.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<EventType> EventTypes { get; init; } = [];

    /// <summary>Canonical place names (the alert's location).</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    public IReadOnlyList<string> Actors { get; init; } = [];

    public Severity MinSeverity { get; init; } = Severity.Low;

    public bool Matches(Alert alert)
    {
        if (alert.Severity < MinSeverity)
        {
            return false;
        }

        if ((Storylines.Count > 0 || Keywords.Count > 0)
            && !Storylines.Contains(alert.StorylineId, StringComparer.OrdinalIgnoreCase)
            && !Keywords.Any(k => Mentions(alert, k)))
        {
            return false;
        }

        if (EventTypes.Count > 0 && !EventTypes.Contains(alert.EventType))
        {
            return false;
        }

        if (Places.Count > 0 && (alert.Location is null || !Places.Contains(alert.Location, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        return Actors.Count == 0 || alert.Actors.Any(a => Actors.Contains(a, StringComparer.OrdinalIgnoreCase));
    }

    private static bool Mentions(Alert alert, string keyword)
        => alert.Headline.Contains(keyword, StringComparison.OrdinalIgnoreCase)
            || alert.Summary.Contains(keyword, StringComparison.OrdinalIgnoreCase)
            || alert.StorylineTitle.Contains(keyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One subscriber from <c>subscriptions.json</c>.</summary>
/// <param name="Id">Stable id, used in delivery paths: lowercase letters, digits, '-' and '_'.</param>
/// <param name="Name">Who it is, for people.</param>
/// <param name="Channel">Where alerts go.</param>
/// <param name="Email">The address, for <see cref="SubscriberChannel.Email"/>.</param>
/// <param name="WebhookSetting">The NAME of the app setting holding the Teams webhook URL (never the URL itself).</param>
/// <param name="Filter">Which alerts.</param>
/// <param name="Mode">Immediate or daily digest.</param>
/// <param name="DigestHour">Local hour of the digest, for <see cref="DeliveryMode.Digest"/>.</param>
/// <param name="TimeZone">The zone of <paramref name="DigestHour"/> and of digest dates; null is UTC. See <see cref="DigestSchedule"/>.</param>
public sealed record Subscriber(
    string Id,
    string Name,
    SubscriberChannel Channel,
    string? Email,
    string? WebhookSetting,
    SubscriptionFilter Filter,
    DeliveryMode Mode = DeliveryMode.Immediate,
    int? DigestHour = null,
    TimeZoneInfo? TimeZone = null)
{
    /// <summary>The built-in subscriber used when no subscriptions document exists: every alert, to the outbox folder.</summary>
    public static Subscriber LocalOutbox { get; } = new("local-outbox", "Local outbox", SubscriberChannel.Outbox, null, null, new SubscriptionFilter());
}
