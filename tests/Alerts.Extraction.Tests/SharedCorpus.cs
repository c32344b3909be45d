using Alerts.Articles;
using Alerts.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Extraction.Tests;

/// <summary>Locates <c>../shared</c> (a <c>shared/corpus</c> sibling of the repo root) by walking up from the test assembly.</summary>
internal static class SharedCorpus
{
    public static readonly string? Root = Find();

    public const string AbsentReason = "../shared is absent: the shared corpus (a shared/corpus sibling of the repo root) was not found.";

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

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "corpus")) && File.Exists(Path.Combine(candidate, "tools", "score.py")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs <c>../shared</c>; skipped with a reason when it is absent.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (SharedCorpus.Root is null)
        {
            Skip = SharedCorpus.AbsentReason;
        }
    }
}
