using System.Text.Json.Serialization;

namespace Alerts.Core;

/// <summary>The closed set of key events the product extracts (the dev corpus README's taxonomy).</summary>
public enum EventType
{
    [JsonStringEnumMemberName("attack")] Attack,
    [JsonStringEnumMemberName("airstrike")] Airstrike,
    [JsonStringEnumMemberName("casualties")] Casualties,
    [JsonStringEnumMemberName("talks_held")] TalksHeld,
    [JsonStringEnumMemberName("talks_suspended")] TalksSuspended,
    [JsonStringEnumMemberName("talks_postponed")] TalksPostponed,
    [JsonStringEnumMemberName("talks_resumed")] TalksResumed,
    [JsonStringEnumMemberName("talks_concluded")] TalksConcluded,
    [JsonStringEnumMemberName("agreement")] Agreement,
    [JsonStringEnumMemberName("withdrawal_announced")] WithdrawalAnnounced,
    [JsonStringEnumMemberName("withdrawal_postponed")] WithdrawalPostponed,
    [JsonStringEnumMemberName("ceasefire")] Ceasefire,
    [JsonStringEnumMemberName("ceasefire_broken")] CeasefireBroken,
    [JsonStringEnumMemberName("statement_denial")] StatementDenial,
}

/// <summary>How the article presents an event.</summary>
public enum Modality
{
    /// <summary>Stated as fact, or attributed to an on-record source.</summary>
    [JsonStringEnumMemberName("asserted")] Asserted,
    /// <summary>Speculation: "could derail", "may", "is expected to", "threatened to".</summary>
    [JsonStringEnumMemberName("hedged")] Hedged,
    /// <summary>Reported as denied or false by the article's sources.</summary>
    [JsonStringEnumMemberName("denied")] Denied,
    /// <summary>Negated by the article itself ("did not", "no ... were").</summary>
    [JsonStringEnumMemberName("negated")] Negated,
    /// <summary>Planned or scheduled, not yet happened.</summary>
    [JsonStringEnumMemberName("future")] Future,
    /// <summary>Depends on a condition ("if the attacks continue").</summary>
    [JsonStringEnumMemberName("conditional")] Conditional,
}

/// <summary>How an event's date was found.</summary>
public enum DateBasis
{
    /// <summary>No day could be resolved.</summary>
    [JsonStringEnumMemberName("unresolved")] Unresolved,
    /// <summary>Written out ("4 February", "Feb. 4", "August 5").</summary>
    [JsonStringEnumMemberName("explicit")] Explicit,
    /// <summary>Relative to the publication date ("on Monday", "yesterday").</summary>
    [JsonStringEnumMemberName("relative")] Relative,
    /// <summary>Borrowed from context (a neighbouring dated mention, or the publication date for "today").</summary>
    [JsonStringEnumMemberName("inferred")] Inferred,
}

/// <summary>A place after gazetteer normalisation.</summary>
/// <param name="Name">Canonical name (for example "Ain al-Asad Air Base").</param>
/// <param name="Province">Province or governorate, when known.</param>
/// <param name="Country">Country, when known.</param>
/// <param name="Kind">city, base, province, region, country ...</param>
/// <param name="NamedAs">The article's own name for a part of the place ("Greyquay" for the Greyquay district of Kalvessa), so that
/// later reports naming only the part can be recognised as the same place.</param>
/// <param name="Within">The places that contain it, innermost first (district, region, country), so that reports naming
/// another level of the same place can be recognised as one incident.</param>
public sealed record Place(string Name, string? Province = null, string? Country = null, string? Kind = null, string? NamedAs = null, IReadOnlyList<string>? Within = null)
{
    /// <summary>The name (and the article's own spelling, when it differs) with the places that contain it: "Pahlgam (Pahalgam), Anantnag, Jammu and Kashmir, India".</summary>
    [JsonIgnore]
    public string FullName
    {
        get
        {
            var name = NamedAs is { Length: > 0 } own && !string.Equals(own, Name, StringComparison.OrdinalIgnoreCase) ? $"{Name} ({own})" : Name;
            return Within is { Count: > 0 } within ? $"{name}, {string.Join(", ", within)}" : name;
        }
    }

    /// <summary>True when <paramref name="other"/> is this place, lies inside it, or contains it.</summary>
    public bool Overlaps(Place other)
    {
        static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        return Same(Name, other.Name)
            || (other.Within?.Any(w => Same(w, Name)) ?? false)
            || (Within?.Any(w => Same(w, other.Name)) ?? false);
    }
}

/// <summary>The sentence an event came from.</summary>
/// <param name="Sentence">The sentence, verbatim from <see cref="Article.Text"/>.</param>
/// <param name="Start">Offset of the sentence in <see cref="Article.Text"/>.</param>
/// <param name="Length">Length of the sentence.</param>
public sealed record Evidence(string Sentence, int Start, int Length);

/// <summary>One key event extracted from one article.</summary>
public sealed record ArticleEvent
{
    public required EventType Type { get; init; }

    /// <summary>The real-world day of the event, resolved against the article's local publication date; null when it can't be resolved.</summary>
    public DateOnly? Date { get; init; }

    public DateBasis DateBasis { get; init; }

    /// <summary>For an event with no day of its own: the earliest day it can have been ("this week", "in August").</summary>
    public DateOnly? NotBefore { get; init; }

    /// <summary>For an event with no day of its own: the latest day it can have been (a recall is no later than its article).</summary>
    public DateOnly? NotAfter { get; init; }

    public Place? Place { get; init; }

    /// <summary>Canonical names of the actors (who did it).</summary>
    public IReadOnlyList<string> Actors { get; init; } = [];

    /// <summary>Canonical names of the targets (who it was done to).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Weapons named: rockets, drones, ballistic missiles, mortars, shells ...</summary>
    public IReadOnlyList<string> Weapons { get; init; } = [];

    public int? Killed { get; init; }

    public int? Injured { get; init; }

    public Modality Modality { get; init; }

    /// <summary>Old context the article only recalls (far older than the article).</summary>
    public bool IsBackground { get; init; }

    public required Evidence Evidence { get; init; }

    /// <summary>0..1, how sure the extractor is.</summary>
    public double Confidence { get; init; }

    /// <summary>Index of the <see cref="ArticleStory"/> the event came from.</summary>
    public int Story { get; init; }

    [JsonIgnore]
    public bool IsHedged => Modality is Modality.Hedged or Modality.Future or Modality.Conditional;

    [JsonIgnore]
    public bool IsDenied => Modality is Modality.Denied or Modality.Negated;

    [JsonIgnore]
    public bool IsAsserted => Modality == Modality.Asserted;

    /// <summary>CAMEO code of the event type, for joining with GDELT data.</summary>
    public string Cameo => EventTypeInfo.Of(Type).Cameo;

    /// <summary>PLOVER category of the event type, for joining with POLECAT data.</summary>
    public string Plover => EventTypeInfo.Of(Type).Plover;
}

/// <summary>Turns an article into its key events. Pure and synchronous: no I/O.</summary>
public interface IEventExtractor
{
    IReadOnlyList<ArticleEvent> Extract(Article article);
}

/// <summary>Optional second pass that sharpens extracted events (for example with a cloud language service).</summary>
public interface IEventEnricher
{
    Task<IReadOnlyList<ArticleEvent>> EnrichAsync(Article article, IReadOnlyList<ArticleEvent> events, CancellationToken cancellationToken);
}
