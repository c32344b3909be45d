using Alerts.Core;

namespace Alerts.Extraction.Tests;

/// <summary>Builds small articles of our own writing for the rule tests.</summary>
internal static class TestArticles
{
    public static readonly EventExtractor Extractor = new(Alerts.Extraction.Places.PlaceCatalog.Shared, ActorCatalog.Load());

    public static Article Create(string text, string? published = "2026-05-06T10:00:00+03:00") => new()
    {
        Id = "test",
        Name = "test.txt",
        Format = ArticleFormat.Text,
        Text = text,
        Stories = [new ArticleStory(0, null, 0, text.Length)],
        Published = published is null ? null : DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture),
    };

    public static IReadOnlyList<ArticleEvent> Extract(string text, string? published = "2026-05-06T10:00:00+03:00") => Extractor.Extract(Create(text, published));

    public static ArticleEvent Single(string text, EventType type, string? published = "2026-05-06T10:00:00+03:00") =>
        Assert.Single(Extract(text, published), e => e.Type == type);
}
