using System.ComponentModel.DataAnnotations;

namespace Alerts.Extraction;

/// <summary>Settings of <see cref="EventExtractor"/>.</summary>
public sealed class ExtractionOptions
{
    public const string SectionName = "Extraction";

    /// <summary>Optional extra gazetteer JSON file (same shape as the built-in one) an operator can drop in without a rebuild.</summary>
    public string? GazetteerPath { get; set; }

    /// <summary>Optional extra actors JSON file (same shape as the built-in one).</summary>
    public string? ActorsPath { get; set; }

    /// <summary>Events dated more than this many days before the article's publication are background.</summary>
    [Range(1, 3650)]
    public int BackgroundDays { get; set; } = 30;

    /// <summary>Events dated more than this many days before the article's publication are history: recalled context, not events of the article.</summary>
    [Range(1, 36500)]
    public int HistoryDays { get; set; } = 90;
}
