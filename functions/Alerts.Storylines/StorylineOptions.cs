using System.ComponentModel.DataAnnotations;

namespace Alerts.Storylines;

/// <summary>Settings of storyline state and change detection.</summary>
public sealed class StorylineOptions
{
    public const string SectionName = "Storylines";

    /// <summary>An event first seen more than this many days before its article's date is history: recorded, never alerted.</summary>
    [Range(1, 36_500)]
    public int BackgroundDays { get; set; } = 30;

    /// <summary>Two dated reports of one type at one place are the same happening when their dates are at most this many days apart.</summary>
    [Range(0, 30)]
    public int IncidentWindowDays { get; set; } = 1;

    /// <summary>Alerts one article may raise; beyond it, the rest are merged into one "N more events in this article" alert with their evidence.</summary>
    [Range(2, 1_000)]
    public int MaxAlertsPerArticle { get; set; } = 10;

    /// <summary>How often a storyline update is re-read and re-applied after losing an ETag race before the message is failed (and retried by the queue).</summary>
    [Range(1, 1_000)]
    public int MaxConcurrencyRetries { get; set; } = 20;
}
