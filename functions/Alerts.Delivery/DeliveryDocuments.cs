using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Delivery;

/// <summary>The wire shape of <c>subscriptions.json</c>, before validation.</summary>
public sealed record SubscriptionsDocument
{
    public List<SubscriberEntry>? Subscribers { get; init; }

    public sealed record SubscriberEntry
    {
        public string? Id { get; init; }

        public string? Name { get; init; }

        /// <summary><c>email</c>, <c>teams</c> or <c>outbox</c>.</summary>
        public string? Channel { get; init; }

        public string? Email { get; init; }

        public string? WebhookSetting { get; init; }

        public FilterEntry? Filters { get; init; }

        /// <summary><c>immediate</c> (default) or <c>digest</c>.</summary>
        public string? Mode { get; init; }

        public int? DigestHour { get; init; }

        /// <summary>The zone of <see cref="DigestHour"/>: an IANA id (<c>Europe/Berlin</c>); UTC when absent.</summary>
        public string? TimeZone { get; init; }
    }

    public sealed record FilterEntry
    {
        public List<string>? Storylines { get; init; }

        public List<string>? Keywords { get; init; }

        public List<string>? EventTypes { get; init; }

        public List<string>? Places { get; init; }

        public List<string>? Actors { get; init; }

        public string? MinSeverity { get; init; }
    }
}

public enum DeliveryStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("sent")] Sent,
}

/// <summary>
/// What the durable send (<see cref="DurableSend"/>) records on an entry it sends: claimed (pending, with a claim id) before a
/// send and sent, or its failure, after it. Holds no secrets: no webhook URL, no password, errors redacted.
/// </summary>
public abstract record OutboxEntry
{
    /// <summary>Null before the first attempt; pending once a send was attempted; sent after.</summary>
    public DeliveryStatus? Status { get; init; }

    public ChannelKind? Channel { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The reason of the last failure, with URLs cut to scheme and host.</summary>
    public string? LastError { get; init; }

    /// <summary>Which send claimed the entry (a random id per attempt), so a sender whose claim landed unanswered knows it is its own.</summary>
    public string? ClaimId { get; init; }

    /// <summary>When the claim was last renewed: a pending entry without a failure is someone's send in progress until <see cref="DeliveryOptions.SendClaim"/> after it.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }
}

/// <summary>The durable outbox entry of one (alert, subscriber): <c>deliveries/{alertId}/{subscriberId}.json</c>.</summary>
public sealed record DeliveryRecord : OutboxEntry
{
    public required string AlertId { get; init; }

    public required string SubscriberId { get; init; }

    public static string PathFor(string alertId, string subscriberId) => $"deliveries/{alertId}/{subscriberId}.json";
}

/// <summary>
/// Alerts waiting for one subscriber's daily digest: <c>digests/{subscriberId}/{yyyy-MM-dd}.json</c>, the day it is due in the
/// subscriber's time zone.
/// </summary>
public sealed record DigestDocument : OutboxEntry
{
    public required string SubscriberId { get; init; }

    /// <summary>The subscriber's local date the digest is due on.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The subscriber's local hour the digest is due at.</summary>
    public required int DigestHour { get; init; }

    /// <summary>The subscriber's time zone when the document was started (for people; <see cref="DueAt"/> is what counts). Null is UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The alerts of the digest; none join it once <see cref="OutboxEntry.Status"/> is set (a send was attempted).</summary>
    public List<string> AlertIds { get; init; } = [];

    /// <summary>
    /// When the digest is due, fixed when the document is started (<see cref="DigestSchedule.DueAt"/>) so that editing the
    /// catalog does not move it. A document stored without it is due at <see cref="Date"/> <see cref="DigestHour"/> UTC.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset DueAt
    {
        get => StoredDueAt ?? DigestSchedule.DueAt(Date, DigestHour, TimeZoneInfo.Utc);
        init => StoredDueAt = value;
    }

    /// <summary>The wire form of <see cref="DueAt"/>: nullable, so that a document without it is not read as due at year 1.</summary>
    [JsonInclude]
    [JsonPropertyName("dueAt")]
    internal DateTimeOffset? StoredDueAt { get; init; }

    public static string PathFor(string subscriberId, DateOnly date) => $"digests/{subscriberId}/{date:yyyy-MM-dd}.json";
}

/// <summary>
/// Who an alert was routed to when it was raised: <c>routes/{alertId}.json</c>, written once (<c>If-None-Match: *</c>). The same
/// alert raised again (a redelivered message, a re-dropped article) goes to these subscribers, never to ones added since.
/// </summary>
public sealed record AlertRouting
{
    public required string AlertId { get; init; }

    /// <summary>The immediate subscribers, one delivery each (digest subscribers had it filed in their digest).</summary>
    public required List<string> SubscriberIds { get; init; }

    public DateTimeOffset RoutedAt { get; init; }

    public static string PathFor(string alertId) => $"routes/{alertId}.json";
}

/// <summary>
/// An alert that could not be routed because <c>subscriptions.json</c> is invalid: <c>held/{alertId}.json</c>, until
/// <see cref="HeldAlerts.ReleaseAsync"/> routes and delivers it once the document is valid again.
/// </summary>
public sealed record HeldAlert
{
    public const string Prefix = "held/";

    public required string AlertId { get; init; }

    public DateTimeOffset HeldAt { get; init; }

    /// <summary>What is wrong with the document, one problem per entry.</summary>
    public List<string> Problems { get; init; } = [];

    public static string PathFor(string alertId) => $"{Prefix}{alertId}.json";
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SubscriptionsDocument))]
[JsonSerializable(typeof(DeliveryRecord))]
[JsonSerializable(typeof(DigestDocument))]
[JsonSerializable(typeof(AlertRouting))]
[JsonSerializable(typeof(HeldAlert))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
