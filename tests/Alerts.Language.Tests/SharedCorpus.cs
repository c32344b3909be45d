namespace Alerts.Language.Tests;

/// <summary>Finds the shared corpora: a <c>shared/corpus</c> folder next to the repository root, found by walking up from the test assembly.</summary>
internal static class SharedCorpus
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "corpus")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when <c>../shared</c> is absent.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (SharedCorpus.Root is null)
        {
            Skip = "../shared is absent: no shared/corpus folder next to the repository root, so the seed replay cannot run.";
        }
    }
}
