using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alerts.Storylines.Tests;

/// <summary>Finds <c>../shared</c> (a <c>shared/corpus</c> sibling of the repo root) by walking up from the test assembly, and runs its scorer.</summary>
internal static class SharedCorpus
{
    public static readonly string? Root = Locate();

    public static readonly string? Python = FindOnPath("python3");

    private static string? Locate()
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

    private static string? FindOnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs <c>tools/score.py --json</c> and returns its result object.</summary>
    public static JsonNode Score(string goldPath, IEnumerable<string> replayLines)
    {
        var pred = Path.Combine(Path.GetTempPath(), $"storylines-replay-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(pred, replayLines);
        try
        {
            var start = new ProcessStartInfo(Python!, [Path.Combine(Root!, "tools", "score.py"), "--gold", goldPath, "--pred", pred, "--json"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"score.py failed: {error}");

            // --json prints the result object, then three summary lines.
            var json = output[..output.IndexOf("\nevents:", StringComparison.Ordinal)];
            return JsonNode.Parse(json) ?? throw new InvalidDataException("score.py printed no JSON.");
        }
        finally
        {
            File.Delete(pred);
        }
    }
}

/// <summary>A fact that needs <c>../shared</c> (and python3 for the scorer); skipped with the reason when it is absent.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (SharedCorpus.Root is null)
        {
            Skip = "../shared is absent: no shared/corpus folder next to the repository root.";
        }
        else if (SharedCorpus.Python is null)
        {
            Skip = "python3 is not on PATH, so ../shared/tools/score.py can't run.";
        }
    }
}
