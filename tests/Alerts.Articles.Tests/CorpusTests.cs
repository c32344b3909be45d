using System.Globalization;
using System.Text.Json;
using Alerts.Core;
using Alerts.Testing;
using AngleSharp.Html.Parser;

namespace Alerts.Articles.Tests;

/// <summary>Reads the shared dev and seed corpora (at run time, from <c>../shared</c>) and checks the reader against their gold files.</summary>
public sealed class CorpusTests
{
    private readonly ArticleReader _reader = new();

    private ArticleReadResult Read(params string[] path)
    {
        var file = SharedCorpus.Path(path);
        return _reader.Read(new ArticleInput(System.IO.Path.GetFileName(file), File.ReadAllBytes(file)));
    }

    private static JsonElement Gold(string corpus)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SharedCorpus.Gold(corpus)));
        return doc.RootElement.Clone();
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string WireName(PublishedSource source) => source switch
    {
        PublishedSource.FrontMatter => "front_matter",
        _ => source.ToString().ToLowerInvariant(),
    };

    [SharedCorpusFact]
    public void Read_DevArticles_PublishedMatchesGold()
    {
        var failures = new List<string>();
        foreach (var entry in Gold("dev").GetProperty("articles").EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            var result = Read("corpus", "dev", "articles", file);
            var gold = entry.GetProperty("published").GetString();
            if (gold is null)
            {
                if (result.Article?.Published is not null)
                {
                    failures.Add($"{file}: expected no date, got {result.Article.Published:o}");
                }

                continue;
            }

            var expected = DateTimeOffset.Parse(gold, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var article = result.Article;
            if (article is null)
            {
                failures.Add($"{file}: rejected {result.Rejection}");
            }
            else if (article.Published != expected || article.Published.Value.Offset != expected.Offset)
            {
                failures.Add($"{file}: expected {gold}, got {article.Published:o}");
            }
            else if (WireName(article.PublishedSource) != entry.GetProperty("published_source").GetString())
            {
                failures.Add($"{file}: expected source {entry.GetProperty("published_source")}, got {article.PublishedSource}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SharedCorpusFact]
    public void Read_DevArticles_EveryGoldEvidenceQuoteIsInText()
    {
        var failures = new List<string>();
        foreach (var entry in Gold("dev").GetProperty("articles").EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            var events = entry.GetProperty("events");
            if (events.GetArrayLength() == 0)
            {
                continue;
            }

            var article = Read("corpus", "dev", "articles", file).Article;
            if (article is null)
            {
                failures.Add($"{file}: rejected");
                continue;
            }

            ArticleReaderTests.AssertStoriesSliceText(article);
            var text = Squash(article.Text);
            foreach (var e in events.EnumerateArray())
            {
                var quote = Squash(e.GetProperty("evidence").GetString()!);
                if (!text.Contains(quote, StringComparison.Ordinal))
                {
                    failures.Add($"{file}: missing evidence '{quote}'");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SharedCorpusFact]
    public void Read_DevHtmlArticles_NoJunkBoxHeadlineOrScriptLeaks()
    {
        var parser = new HtmlParser();
        var checkedItems = 0;
        foreach (var path in Directory.GetFiles(SharedCorpus.Articles("dev"), "*.html"))
        {
            var article = Read("corpus", "dev", "articles", System.IO.Path.GetFileName(path)).Article;
            Assert.NotNull(article);
            Assert.Equal(ArticleFormat.Html, article.Format);

            // Junk is every list item, script and box outside the <article> element: none of it may reach the text.
            var document = parser.ParseDocument(File.ReadAllText(path));
            var outside = document.QuerySelectorAll("li, script, nav, footer, aside, h2, h3, .cookie, .ticker")
                .Where(e => e.Closest("article") is null)
                .Select(e => Squash(e.TextContent))
                .Where(t => t.Length >= 12);
            foreach (var junk in outside)
            {
                checkedItems++;
                Assert.False(article.Text.Contains(junk, StringComparison.Ordinal), $"{System.IO.Path.GetFileName(path)} leaks '{junk}'");
            }

            Assert.DoesNotContain("dataLayer", article.Text);
            Assert.DoesNotContain("\"@context\"", article.Text);
        }

        Assert.True(checkedItems > 10, $"only {checkedItems} junk items were checked");
    }

    [SharedCorpusFact]
    public void Read_DevBadInputsAndEmptyArticle_RejectedWithReason()
    {
        var expected = new Dictionary<string, RejectionReason[]>
        {
            ["binary"] = [RejectionReason.Binary],
            ["invalid_json"] = [RejectionReason.MalformedJson],
            ["empty_html"] = [RejectionReason.Empty, RejectionReason.MalformedHtml],
        };
        var bad = Gold("dev").GetProperty("bad_inputs").EnumerateArray().ToList();
        Assert.NotEmpty(bad);
        foreach (var entry in bad)
        {
            var result = Read(["corpus", "dev", .. entry.GetProperty("file").GetString()!.Split('/')]);
            Assert.Null(result.Article);
            Assert.Contains(result.Rejection!.Reason, expected[entry.GetProperty("kind").GetString()!]);
        }

        var empty = Read("corpus", "dev", "articles", "28-untitled.txt");
        Assert.Null(empty.Article);
        Assert.Equal(RejectionReason.Empty, empty.Rejection?.Reason);
    }

    [SharedCorpusFact]
    public void Read_Seeds_DatesFromBylineNotCaptureDate()
    {
        var expected = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        foreach (var entry in Gold("seeds").GetProperty("articles").EnumerateArray())
        {
            var gold = entry.GetProperty("published").GetString();
            expected[entry.GetProperty("file").GetString()!] = gold is null ? null : DateOnly.FromDateTime(DateTimeOffset.Parse(gold, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).DateTime);
        }

        Assert.Equal(5, expected.Count);
        foreach (var (file, date) in expected)
        {
            var article = Read("corpus", "seeds", "articles", file).Article;
            Assert.NotNull(article);
            ArticleReaderTests.AssertStoriesSliceText(article);
            Assert.True(date == article.PublishedDate, $"{file}: expected {date}, got {article.PublishedDate}");
            Assert.Equal(date is null ? PublishedSource.None : PublishedSource.Byline, article.PublishedSource);
            Assert.False(string.IsNullOrEmpty(article.Title), $"{file} has no title");
            Assert.DoesNotContain(article.Title!, article.Text, StringComparison.Ordinal);
        }

        Assert.Equal(new DateOnly(2024, 8, 19), expected.Single(e => e.Key.StartsWith("000", StringComparison.Ordinal)).Value);
    }

    [SharedCorpusFact]
    public void Read_SeedWithTwoStories_YieldsTwoTitledStories()
    {
        var file = Directory.GetFiles(SharedCorpus.Articles("seeds"), "003_*.txt").Single();
        var article = Read("corpus", "seeds", "articles", System.IO.Path.GetFileName(file)).Article;

        Assert.NotNull(article);
        Assert.Equal(2, article.Stories.Count);
        Assert.All(article.Stories, s => Assert.False(string.IsNullOrWhiteSpace(s.Title)));
        Assert.NotEqual(article.Stories[0].Title, article.Stories[1].Title);
        Assert.Equal(article.Title, article.Stories[0].Title);

        // Photo captions repeat on the page; they are not story text.
        var lines = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        foreach (var repeated in lines.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            Assert.DoesNotContain(repeated, article.Text, StringComparison.Ordinal);
        }
    }

    [SharedCorpusFact]
    public void Read_SeedPageJunk_Removed()
    {
        foreach (var file in Directory.GetFiles(SharedCorpus.Articles("seeds"), "*.txt"))
        {
            var article = Read("corpus", "seeds", "articles", System.IO.Path.GetFileName(file)).Article;
            Assert.NotNull(article);
            foreach (var paragraph in article.Text.Split("\n\n"))
            {
                Assert.True(paragraph.Split(' ').Length > 3, $"{System.IO.Path.GetFileName(file)} keeps a fragment '{paragraph}'");
            }
        }
    }
}
