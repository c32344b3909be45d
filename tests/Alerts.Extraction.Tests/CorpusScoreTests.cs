using System.Diagnostics;
using System.Text.Json;
using Alerts.Core;

namespace Alerts.Extraction.Tests;

/// <summary>Extracts every dev and seed article and scores the events with <c>shared/tools/score.py</c>, the product's judge.</summary>
public sealed class CorpusScoreTests
{
    [SharedCorpusFact]
    public void Extract_DevCorpus_MeetsF1TargetWithoutSpeculationAsFact()
    {
        var (events, verbose) = Score("dev");

        Assert.True(events.GetProperty("speculation_as_fact").GetInt32() == 0, verbose);
        Assert.True(events.GetProperty("f1").GetDouble() >= 0.85, verbose);
    }

    [SharedCorpusFact]
    public void Extract_Seeds_FindsEveryEventWithoutSpeculationAsFact()
    {
        var (events, verbose) = Score("seeds");

        Assert.True(events.GetProperty("speculation_as_fact").GetInt32() == 0, verbose);
        Assert.True(events.GetProperty("recall").GetDouble() >= 1.0, verbose);
    }

    private static (JsonElement Events, string Verbose) Score(string corpus)
    {
        var root = SharedCorpus.Root!;
        var extractor = SharedCorpus.CreateExtractor();
        var lines = new List<string>();
        foreach (var (name, article) in SharedCorpus.ReadArticles(Path.Combine(root, "corpus", corpus, "articles")))
        {
            if (article is null)
            {
                continue;
            }

            lines.AddRange(extractor.Extract(article).Select(e => ReplayRecords.ForEvent(name, e)));
        }

        var pred = Path.Combine(Path.GetTempPath(), $"alerts-extraction-{corpus}.jsonl");
        File.WriteAllLines(pred, lines);
        var gold = Path.Combine(root, "corpus", corpus, "gold.json");
        var json = Run(root, gold, pred, "--json");
        var verbose = Run(root, gold, pred, "-v");
        using var document = JsonDocument.Parse(json[..(json.LastIndexOf('}') + 1)]);
        return (document.RootElement.GetProperty("events").Clone(), verbose);
    }

    private static string Run(string root, string gold, string pred, string flag)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(root, "tools", "score.py"), "--gold", gold, "--pred", pred, flag })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }
}
