using System.Text;
using Alerts.Articles;
using Alerts.Core;

namespace Alerts.Benchmarks;

/// <summary>
/// Benchmark articles made from the real news reports beside the repository (<c>shared/corpus/news/*/articles</c>, in name
/// order): the reports as published, or each report's paragraphs followed by the next reports' until the text reaches a size.
/// </summary>
public static class NewsArticles
{
    /// <summary>Set by the launching process, so the benchmark processes BenchmarkDotNet starts elsewhere find the corpus too.</summary>
    public const string CorpusVariable = "ALERTS_NEWS_CORPUS";

    /// <summary><paramref name="count"/> articles, cycling through the reports; of at least <paramref name="bytes"/> UTF-8 bytes of text each, or as published when it is 0.</summary>
    public static Article[] Build(int count, int bytes)
    {
        var reports = Read();
        var articles = new Article[count];
        for (var i = 0; i < count; i++)
        {
            var first = reports[i % reports.Length];
            articles[i] = bytes == 0 ? first : Joined(reports, i % reports.Length, bytes);
        }

        return articles;
    }

    /// <summary>The mean size of the articles' text in UTF-8 bytes.</summary>
    public static double MeanBytes(IReadOnlyList<Article> articles) => articles.Average(a => Encoding.UTF8.GetByteCount(a.Text));

    /// <summary>Passes the corpus location on to the benchmark processes.</summary>
    public static void ShareCorpusLocation()
    {
        if (Find() is { } folder)
        {
            Environment.SetEnvironmentVariable(CorpusVariable, Path.GetFullPath(folder));
        }
    }

    /// <summary>The report at <paramref name="first"/> with the paragraphs of the reports after it, until the text has <paramref name="bytes"/>: one story.</summary>
    private static Article Joined(Article[] reports, int first, int bytes)
    {
        var text = new StringBuilder();
        var size = 0;
        for (var k = first; size < bytes; k = (k + 1) % reports.Length)
        {
            foreach (var paragraph in reports[k].Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                if (size >= bytes)
                {
                    break;
                }

                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }

                text.Append(paragraph);
                size = Encoding.UTF8.GetByteCount(text.ToString());
            }
        }

        var joined = text.ToString();
        return reports[first] with { Text = joined, Stories = [new ArticleStory(0, reports[first].Title, 0, joined.Length)] };
    }

    private static Article[] Read()
    {
        var corpus = Find() ?? throw new InvalidOperationException("../shared/corpus/news is absent.");
        var reader = new ArticleReader();
        return
        [
            .. Directory.GetDirectories(corpus).Order(StringComparer.Ordinal)
                .SelectMany(set => Directory.GetFiles(Path.Combine(set, "articles")).Order(StringComparer.Ordinal))
                .Select(path => reader.Read(new ArticleInput(Path.GetFileName(path), File.ReadAllBytes(path))).Article)
                .OfType<Article>(),
        ];
    }

    /// <summary>The news corpus beside the repository: searched upward from the working folder (./alerts bench runs at the repo root), then from the build output.</summary>
    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(CorpusVariable) is { Length: > 0 } given && Directory.Exists(given))
        {
            return given;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpus", "news");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
