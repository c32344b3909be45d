namespace Alerts.Articles.Tests;

/// <summary>Finds <c>../shared</c> (a sibling of the repo root holding <c>corpus/</c>) by walking up from the test assembly.</summary>
internal static class SharedCorpus
{
    public static readonly string? Root = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root ?? throw new InvalidOperationException("../shared is absent"), .. parts]);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "corpus")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the shared corpus; skipped with a reason when <c>../shared</c> is absent.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (SharedCorpus.Root is null)
        {
            Skip = "../shared is absent (no 'shared/corpus' folder next to the repo root), so the corpus cannot be read.";
        }
    }
}
