using System.ComponentModel.DataAnnotations;

namespace Alerts.Articles;

/// <summary>Settings of <see cref="ArticleReader"/>.</summary>
public sealed class ArticleReaderOptions
{
    public const string SectionName = "Articles";

    /// <summary>Inputs larger than this are rejected as <c>too_large</c> without being decoded.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBytes { get; set; } = 5_242_880;
}
