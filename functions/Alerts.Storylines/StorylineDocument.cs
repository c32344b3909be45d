using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core;

namespace Alerts.Storylines;

/// <summary>Where a negotiation stands.</summary>
public enum NegotiationStatus
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("ongoing")] Ongoing,
    [JsonStringEnumMemberName("postponed")] Postponed,
    [JsonStringEnumMemberName("suspended")] Suspended,
    [JsonStringEnumMemberName("resumed")] Resumed,
    [JsonStringEnumMemberName("concluded")] Concluded,
    [JsonStringEnumMemberName("agreement_reached")] AgreementReached,
    [JsonStringEnumMemberName("ceasefire_in_force")] CeasefireInForce,
    [JsonStringEnumMemberName("ceasefire_broken")] CeasefireBroken,
    [JsonStringEnumMemberName("withdrawal_announced")] WithdrawalAnnounced,
    [JsonStringEnumMemberName("withdrawal_postponed")] WithdrawalPostponed,
}

/// <summary>
/// State of one storyline, stored as <c>storylines/{Id}.json</c> and replaced with If-Match. A storyline gathers everything
/// reported at its places (see <see cref="StorylineIndex"/>): a negotiation (its parties and status) and the incidents there.
/// A freshly read copy is mutated while one article is applied, then written back whole. Its size follows what the storyline
/// holds (places, parties, events, status history), not how many articles told it: which articles were applied and the alerts
/// they raised live in the article ledger (<see cref="ArticleLedger"/>, keyed by content hash); the document keeps only the
/// last article applied here and its alerts, so a retried article gets them back instead of being applied twice.
/// </summary>
internal sealed class StorylineDocument
{
    public required string Id { get; init; }

    public string Title { get; set; } = "";

    /// <summary>True once <see cref="Title"/> names a negotiation rather than incidents.</summary>
    public bool IsNegotiation { get; set; }

    /// <summary>The place as first recorded, or null for the storyline of events without a place.</summary>
    public string? Place { get; set; }

    /// <summary>Every place reported in this storyline, as first spelled.</summary>
    public List<string> Places { get; init; } = [];

    /// <summary>Parties to the negotiation: actors of talks and status events, in order of first appearance.</summary>
    public List<string> Parties { get; init; } = [];

    public NegotiationStatus Status { get; set; }

    public DateOnly? StatusDate { get; set; }

    public List<KnownEvent> Events { get; init; } = [];

    /// <summary>Every asserted talks or status report, dated or not, in arrival order; <see cref="StatusEntry.SetStatus"/> marks those that moved the status.</summary>
    public List<StatusEntry> History { get; init; } = [];

    /// <summary>The article applied here last (its content hash).</summary>
    public string? LastArticleId { get; set; }

    /// <summary>The alerts <see cref="LastArticleId"/> raised here.</summary>
    public List<Alert> LastAlerts { get; set; } = [];
}

/// <summary>One real-world event as known so far, merged from every report of it.</summary>
internal sealed class KnownEvent
{
    /// <summary>Unique within the storyline: the event key, plus a suffix for undated events.</summary>
    public required string Id { get; init; }

    public required string Key { get; init; }

    public required EventType Type { get; init; }

    public DateOnly? Date { get; init; }

    public string? Place { get; init; }

    /// <summary>The places that contain <see cref="Place"/>, innermost first, as the gazetteer gave them.</summary>
    public List<string> Within { get; init; } = [];

    /// <summary>The kind of <see cref="Place"/> ("border" for a frontier between the two countries of <see cref="Within"/>), when known.</summary>
    public string? PlaceKind { get; init; }

    /// <summary>Every other place reports of this event named, with theirs (so a later report naming any level matches).</summary>
    public List<string> OtherPlaces { get; init; } = [];

    /// <summary>Known only from reports that did not state it as fact (unverified, "reportedly"): kept to date a later certain report, never alerted until one comes.</summary>
    public bool IsUnconfirmed { get; set; }

    public List<string> Actors { get; init; } = [];

    public List<string> Weapons { get; init; } = [];

    /// <summary>Highest figures reported so far (missing = 0).</summary>
    public int Killed { get; set; }

    public int Injured { get; set; }

    /// <summary>Independent sources: folded outlet names, or the start of the article id when the outlet is unknown.</summary>
    public List<string> Sources { get; init; } = [];

    public List<AlertEvidence> Evidence { get; init; } = [];

    /// <summary>First seen as background (far older than its article): recorded, never alerted.</summary>
    public bool IsHistory { get; init; }
}

internal sealed record StatusEntry(EventType Type, DateOnly? Date, string ArticleId, string ArticleName, bool SetStatus);

/// <summary>The applied-article ledger, <c>articles/{ArticleId}.json</c>: written once after the article was applied to every storyline.</summary>
internal sealed record ArticleLedger(string ArticleId, string Name, DateTimeOffset AppliedAt, IReadOnlyList<Alert> Alerts);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(StorylineDocument))]
[JsonSerializable(typeof(ArticleLedger))]
[JsonSerializable(typeof(StorylineIndex))]
internal sealed partial class StorylineJsonContext : JsonSerializerContext;
