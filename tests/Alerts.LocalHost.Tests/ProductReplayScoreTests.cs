using Alerts.Testing;

namespace Alerts.LocalHost.Tests;

/// <summary>
/// What <c>./alerts replay</c> scores, as tests: the product's own reading, extraction (built-in gazetteer only), change detection and
/// alert rules over the seeds, the dev corpus and the repository's held-out corpus, judged by <c>../shared/tools/score.py</c>.
/// </summary>
public sealed class ProductReplayScoreTests
{
    [SharedCorpusFact(NeedsScorer = true)]
    public async Task Replay_Seeds_FindsEveryEventAndSendsExactlyTheFourGoldAlerts()
    {
        var score = await ReplayAsync(SharedCorpus.Articles("seeds"), SharedCorpus.Gold("seeds"));

        Assert.True((double)score.Events["recall"]! == 1.0 && (int)score.Events["speculation_as_fact"]! == 0, score.Report);
        Assert.True((double)score.Alerts["f1"]! == 1.0, score.Report);
    }

    [SharedCorpusFact(NeedsScorer = true)]
    public async Task Replay_DevCorpus_MeetsEventAndAlertTargetsWithoutDuplicates()
    {
        var score = await ReplayAsync(SharedCorpus.Articles("dev"), SharedCorpus.Gold("dev"));

        // Measured 0.905 / 0.980 (1 speculation, no duplicates) with the extractor built for real news (issue 11).
        Assert.True((double)score.Events["f1"]! >= 0.88 && (int)score.Events["speculation_as_fact"]! <= 1, score.Report);
        Assert.True((double)score.Alerts["f1"]! >= 0.95 && (int)score.Alerts["duplicates"]! == 0, score.Report);
    }

    [SharedCorpusFact(NeedsScorer = true)]
    public async Task Replay_RealReportsA_StaysAboveItsMeasuredScores()
    {
        // news/a (real reports): measured 0.857 / 0.947, no speculation as fact, no duplicates.
        var score = await ReplayAsync(SharedCorpus.Articles("news/a"), SharedCorpus.Gold("news/a"));

        Assert.True((double)score.Events["f1"]! >= 0.83 && (int)score.Events["speculation_as_fact"]! == 0, score.Report);
        Assert.True((double)score.Alerts["f1"]! >= 0.92 && (int)score.Alerts["duplicates"]! == 0, score.Report);
    }

    [SharedCorpusFact(NeedsScorer = true)]
    public async Task Replay_RealReportsB_StaysAboveItsMeasuredScores()
    {
        // news/b (real reports): measured 0.836 / 0.857, no speculation as fact, no duplicates.
        var score = await ReplayAsync(SharedCorpus.Articles("news/b"), SharedCorpus.Gold("news/b"));

        Assert.True((double)score.Events["f1"]! >= 0.81 && (int)score.Events["speculation_as_fact"]! == 0, score.Report);
        Assert.True((double)score.Alerts["f1"]! >= 0.83 && (int)score.Alerts["duplicates"]! == 0, score.Report);
    }

    [SharedCorpusFact(NeedsScorer = true)]
    public async Task Replay_RealReportsC_StaysAboveItsMeasuredScores()
    {
        // news/c (real reports) was kept closed until its first score, 0.582 / 0.256; measured since 0.800 / 0.759 (no duplicates).
        var score = await ReplayAsync(SharedCorpus.Articles("news/c"), SharedCorpus.Gold("news/c"));

        Assert.True((double)score.Events["f1"]! >= 0.77 && (int)score.Events["speculation_as_fact"]! == 0, score.Report);
        Assert.True((double)score.Alerts["f1"]! >= 0.73 && (int)score.Alerts["duplicates"]! == 0, score.Report);
    }

    [SharedCorpusFact(NeedsScorer = true)]
    public async Task Replay_HeldOutCorpus_StaysAboveItsMeasuredScores()
    {
        // tests/corpus/holdout was written without looking at the extractor; its first blind scores were events F1 0.674 and
        // alerts F1 0.718. The extractor rebuilt for real news (issue 11) scores 0.710 / 0.780 on it; the floor guards that.
        var holdout = Path.Combine(RepositoryRoot(), "tests", "corpus", "holdout");
        var score = await ReplayAsync(Path.Combine(holdout, "articles"), Path.Combine(holdout, "gold.json"));

        Assert.True((double)score.Events["f1"]! >= 0.68 && (int)score.Events["speculation_as_fact"]! <= 1, score.Report);
        Assert.True((double)score.Alerts["f1"]! >= 0.75 && (int)score.Alerts["duplicates"]! <= 3, score.Report);
    }

    [SharedCorpusFact]
    public async Task Replay_EveryArticleAgainInterleavedAndUnderASecondName_SendsExactlyTheSameAlerts()
    {
        var files = new DirectoryInfo(SharedCorpus.Articles("dev")).GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var twice = Directory.CreateTempSubdirectory("alerts-twice-");
        try
        {
            // 000a-01…, 001b-01… (01 again under another name), 002a-02…, 003b-01… (01 re-delivered), 004b-02…, …
            var n = 0;
            for (var i = 0; i < files.Count; i++)
            {
                files[i].CopyTo(Path.Combine(twice.FullName, $"{n++:000}a-{files[i].Name}"));
                foreach (var earlier in files.Take(i + 1).TakeLast(2))
                {
                    files[i].Directory!.GetFiles(earlier.Name)[0].CopyTo(Path.Combine(twice.FullName, $"{n++:000}b-{earlier.Name}"));
                }
            }

            var once = await AlertsOfAsync(SharedCorpus.Articles("dev"));
            var again = await AlertsOfAsync(twice.FullName);

            Assert.NotEmpty(once);
            Assert.Equal(once, again);
        }
        finally
        {
            twice.Delete(recursive: true);
        }
    }

    /// <summary>The alerts of a replay: id, kind, type, date and place, in the order they were raised.</summary>
    private static async Task<List<string>> AlertsOfAsync(string folder)
    {
        var output = new FileInfo(Path.Combine(Path.GetTempPath(), $"alerts-replay-{Guid.NewGuid():N}.jsonl"));
        try
        {
            Assert.Equal(0, await LocalCommands.ReplayAsync(new DirectoryInfo(folder), output, gold: null, CancellationToken.None));
            return [.. File.ReadAllLines(output.FullName)
                .Select(line => System.Text.Json.Nodes.JsonNode.Parse(line)!)
                .Where(record => (string?)record["record"] == "alert")
                .Select(a => $"{a["id"]} {a["kind"]} {a["type"]} {a["date"]} {a["location"]}")];
        }
        finally
        {
            output.Delete();
        }
    }

    [SharedCorpusFact(NeedsScorer = true)]
    public async Task Replay_SecondBlindCorpus_StaysAboveItsMeasuredScores()
    {
        // tests/corpus/blind first scored events F1 0.559 and alerts F1 0.412, blind; the extractor rebuilt for real news
        // (issue 11) scores 0.641 / 0.578 on it (its ships and sea places are its weak spot); the floor guards that.
        var blind = Path.Combine(RepositoryRoot(), "tests", "corpus", "blind");
        var score = await ReplayAsync(Path.Combine(blind, "articles"), Path.Combine(blind, "gold.json"));

        Assert.True((double)score.Events["f1"]! >= 0.61 && (int)score.Events["speculation_as_fact"]! <= 4, score.Report);
        Assert.True((double)score.Alerts["f1"]! >= 0.55 && (int)score.Alerts["duplicates"]! <= 4, score.Report);
    }

    private static async Task<ScoreResult> ReplayAsync(string articles, string gold)
    {
        var output = new FileInfo(Path.Combine(Path.GetTempPath(), $"alerts-replay-{Guid.NewGuid():N}.jsonl"));
        try
        {
            var exit = await LocalCommands.ReplayAsync(new DirectoryInfo(articles), output, gold: null, CancellationToken.None);
            Assert.Equal(0, exit);
            return SharedCorpus.Score(gold, File.ReadAllLines(output.FullName), verbose: true);
        }
        finally
        {
            output.Delete();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Alerts.sln) is not above the test assembly.");
    }
}
