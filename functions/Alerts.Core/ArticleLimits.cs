using System.ComponentModel.DataAnnotations;

namespace Alerts.Core;

/// <summary>The size limit on dropped files, shared by the intake and the article reader.</summary>
public sealed class ArticleLimits
{
    public const string SectionName = "Articles";

    /// <summary>Files larger than this are quarantined unread.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBytes { get; set; } = 5 * 1024 * 1024;
}
