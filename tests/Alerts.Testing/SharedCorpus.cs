using System.Diagnostics;
using IOPath = System.IO.Path;

namespace Alerts.Testing;

/// <summary>
/// The shared corpora and their scorer: <c>../shared</c>, a folder holding <c>corpus/</c> beside the repository root, found
/// by walking up from the test assembly.
/// </summary>
public static class SharedCorpus
{
    public const string AbsentReason = "../shared is absent: no shared/corpus folder next to the repository root, so the corpus cannot be read.";

    public const string NoScorerReason = "../shared/tools/score.py is absent, so the replay cannot be scored.";

    public const string NoPythonReason = "python3 is not on PATH, so ../shared/tools/score.py can't run.";

    /// <summary>The <c>shared</c> folder; null when it is absent.</summary>
    public static string? Root { get; } = Find();

    /// <summary>python3 on PATH; null when there is none.</summary>
    public static string? Python { get; } = FindOnPath("python3");

    /// <summary>A path below <see cref="Root"/>.</summary>
    public static string Path(params string[] parts) => IOPath.Combine([Root ?? throw new InvalidOperationException(AbsentReason), .. parts]);

    /// <summary>A corpus folder (<c>dev</c>, <c>seeds</c>): <c>articles/</c> and <c>gold.json</c>.</summary>
    public static string Corpus(string name) => Path("corpus", name);

    public static string Articles(string corpus) => Path("corpus", corpus, "articles");

    public static string Gold(string corpus) => Path("corpus", corpus, "gold.json");

    public static string Scorer => Path("tools", "score.py");

    /// <summary>Why a test that needs the corpus (and, with <paramref name="needsScorer"/>, the scorer) can't run; null when it can.</summary>
    public static string? MissingReason(bool needsScorer)
        => Root is null ? AbsentReason
            : !needsScorer ? null
            : !File.Exists(Scorer) ? NoScorerReason
            : Python is null ? NoPythonReason
            : null;

    /// <summary>
    /// Scores replay records (JSON Lines, as <c>ReplayRecords</c> writes them) against a gold file with <c>tools/score.py --json</c>,
    /// with <c>-v</c> when <paramref name="verbose"/> (every mismatch listed in <see cref="ScoreResult.Report"/>).
    /// </summary>
    public static ScoreResult Score(string goldPath, IEnumerable<string> replayLines, bool verbose = false)
    {
        var pred = IOPath.Combine(IOPath.GetTempPath(), $"alerts-replay-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(pred, replayLines);
        try
        {
            var start = new ProcessStartInfo(Python ?? "python3", [Scorer, "--gold", goldPath, "--pred", pred, "--json", .. verbose ? ["-v"] : Array.Empty<string>()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"score.py failed: {error.Result}");
            return ScoreResult.Parse(output);
        }
        finally
        {
            File.Delete(pred);
        }
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = IOPath.Combine(dir.FullName, "shared");
            if (Directory.Exists(IOPath.Combine(candidate, "corpus")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? FindOnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(IOPath.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => IOPath.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
