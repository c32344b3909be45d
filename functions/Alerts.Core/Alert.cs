using System.Text.Json.Serialization;

namespace Alerts.Core;

public enum AlertKind
{
    [JsonStringEnumMemberName("new_incident")] NewIncident,
    [JsonStringEnumMemberName("status_change")] StatusChange,
    [JsonStringEnumMemberName("casualties_update")] CasualtiesUpdate,
}

public enum Severity
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>One sentence of evidence behind an alert, with where it was read.</summary>
public sealed record AlertEvidence(string Sentence, string ArticleName, string? Source, string? Url, DateTimeOffset? Published);

/// <summary>What changed: the value before (null for a new incident) and after, in words a subscriber reads.</summary>
public sealed record AlertChange(string? Before, string After);

/// <summary>An alert raised by change detection. Its <see cref="Id"/> is deterministic, so a re-delivered message never raises it twice.</summary>
public sealed record Alert
{
    /// <summary>Deterministic id: the same change in the same storyline always gets the same id.</summary>
    public required string Id { get; init; }

    public required AlertKind Kind { get; init; }

    public required string StorylineId { get; init; }

    /// <summary>A human title for the storyline ("US-Iraq coalition mission talks").</summary>
    public required string StorylineTitle { get; init; }

    public required EventType EventType { get; init; }

    /// <summary>Date of the event as first recorded.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Canonical place of the event as first recorded.</summary>
    public string? Location { get; init; }

    /// <summary><c>type|YYYY-MM-DD|location</c> of the event as first recorded.</summary>
    public required string EventKey { get; init; }

    /// <summary>A subject line a person understands at a glance ("Talks suspended: US-Iraq coalition mission talks").</summary>
    public required string Headline { get; init; }

    /// <summary>One or two sentences saying what happened.</summary>
    public required string Summary { get; init; }

    public required AlertChange Change { get; init; }

    public int? Killed { get; init; }

    public int? Injured { get; init; }

    public IReadOnlyList<string> Actors { get; init; } = [];

    public IReadOnlyList<AlertEvidence> Evidence { get; init; } = [];

    /// <summary>Independent sources (outlets) reporting the event so far.</summary>
    public int SourceCount { get; init; }

    public Severity Severity { get; init; }

    public required string Cameo { get; init; }

    public required string Plover { get; init; }

    /// <summary>The article after which the alert was raised.</summary>
    public required string ArticleName { get; init; }

    public required string ArticleId { get; init; }

    public DateTimeOffset RaisedAt { get; init; }
}
