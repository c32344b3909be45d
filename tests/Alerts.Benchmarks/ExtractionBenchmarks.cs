using Alerts.Extraction;
using BenchmarkDotNet.Attributes;

namespace Alerts.Benchmarks;

/// <summary>
/// Extraction alone, single-threaded, over the real news reports (<c>../shared/corpus/news/*</c>, read once in setup): as
/// published (<see cref="ArticleBytes"/> 0), and joined into articles of 5 KB (<see cref="NewsArticles"/>). One operation is
/// one article, so Mean is the time and Allocated the bytes per article; the Articles/s and MB/s columns follow from Mean
/// and the articles' mean size (setup prints it).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ExtractionBenchmarks
{
    /// <summary>Articles per operation set.</summary>
    public const int Articles = 128;

    private Alerts.Core.Article[] _articles = [];
    private EventExtractor _extractor = null!;

    /// <summary>The size articles are joined to, in UTF-8 bytes of text; 0 for the reports as published.</summary>
    [Params(0, 5 * 1024)]
    public int ArticleBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _articles = NewsArticles.Build(Articles, ArticleBytes);
        _extractor = new EventExtractor(Alerts.Extraction.Places.PlaceCatalog.Shared, ActorCatalog.Load());
        Console.WriteLine($"// articles: {_articles.Length}, {NewsArticles.MeanBytes(_articles):F0} bytes of text on average");
    }

    [Benchmark(OperationsPerInvoke = Articles)]
    public int Extract()
    {
        var count = 0;
        foreach (var article in _articles)
        {
            count += _extractor.Extract(article).Count;
        }

        return count;
    }
}
