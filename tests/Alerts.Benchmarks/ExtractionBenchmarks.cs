using Alerts.Articles;
using Alerts.Core;
using Alerts.Extraction;
using BenchmarkDotNet.Attributes;

namespace Alerts.Benchmarks;

/// <summary>
/// Extraction alone, single-threaded, over the development corpus (read once in setup with <see cref="ArticleReader"/>).
/// One operation = the whole corpus: articles/s = articles ÷ mean, MB/s = corpus text ÷ mean, bytes/article = allocated ÷ articles
/// (setup prints the article count and text size).
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private Article[] _articles = [];
    private EventExtractor _extractor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = FindDevArticles() ?? throw new InvalidOperationException("../shared/corpus/dev/articles is absent.");
        var reader = new ArticleReader();
        _articles = Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(path => reader.Read(new ArticleInput(Path.GetFileName(path), File.ReadAllBytes(path))).Article)
            .OfType<Article>()
            .ToArray();
        _extractor = new EventExtractor(Alerts.Extraction.Places.PlaceCatalog.Shared, ActorCatalog.Load());
        var bytes = _articles.Sum(a => (long)System.Text.Encoding.UTF8.GetByteCount(a.Text));
        Console.WriteLine($"// corpus: {_articles.Length} articles, {bytes} bytes of text ({bytes / Math.Max(1, _articles.Length)} bytes/article)");
    }

    [Benchmark]
    public int ExtractDevCorpus()
    {
        var count = 0;
        foreach (var article in _articles)
        {
            count += _extractor.Extract(article).Count;
        }

        return count;
    }

    /// <summary>Set by the launching process, so the benchmark processes BenchmarkDotNet starts elsewhere find the corpus too.</summary>
    public const string DevArticlesVariable = "ALERTS_DEV_ARTICLES";

    public static void ShareCorpusLocation()
    {
        if (FindDevArticles() is { } folder)
        {
            Environment.SetEnvironmentVariable(DevArticlesVariable, Path.GetFullPath(folder));
        }
    }

    /// <summary>The dev corpus beside the repository: searched upward from the working folder (./alerts bench runs at the repo root), then from the build output.</summary>
    private static string? FindDevArticles()
    {
        if (Environment.GetEnvironmentVariable(DevArticlesVariable) is { Length: > 0 } given && Directory.Exists(given))
        {
            return given;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpus", "dev", "articles");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
