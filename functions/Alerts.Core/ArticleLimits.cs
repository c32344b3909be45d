using System.ComponentModel.DataAnnotations;

namespace Alerts.Core;

/// <summary>The limits on dropped files (size, extraction time), shared by the intake and the article reader.</summary>
public sealed class ArticleLimits
{
    public const string SectionName = "Articles";

    /// <summary>Files larger than this are quarantined unread.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// An article whose extraction takes longer is quarantined as <c>too_complex</c> and the intake goes on with the next one
    /// (a typical article takes about a millisecond).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan MaxExtractionTime { get; set; } = TimeSpan.FromSeconds(10);
}
