using Alerts.Articles;
using Alerts.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Extraction.Tests;

/// <summary>Reads corpus articles and extracts them as the product does, with the test-only data of the dev corpus.</summary>
internal static class CorpusExtraction
{
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>An extractor with the built-in data plus the test-only fictional places and actors of the dev corpus.</summary>
    public static EventExtractor CreateExtractor() => new(Options.Create(new ExtractionOptions
    {
        GazetteerPath = DataFile("fictional-gazetteer.json"),
        ActorsPath = DataFile("fictional-actors.json"),
    }));

    /// <summary>Reads every article of a corpus folder, in file-name order (= processing order), with the product's <see cref="ArticleReader"/>.</summary>
    public static IEnumerable<(string Name, Article? Article)> ReadArticles(string folder)
    {
        var reader = new ArticleReader(Options.Create(new ArticleLimits()));
        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var result = reader.Read(new ArticleInput(name, File.ReadAllBytes(path)));
            yield return (name, result.Article);
        }
    }
}
