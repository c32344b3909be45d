using System.Text.Json.Nodes;
using Alerts.Core;
using Alerts.Testing;

namespace Alerts.Extraction.Tests;

/// <summary>Extracts every dev and seed article and scores the events with <c>shared/tools/score.py</c>, the product's judge.</summary>
public sealed class CorpusScoreTests
{
    [SharedCorpusFact(NeedsScorer = true)]
    public void Extract_DevCorpus_MeetsF1TargetWithoutSpeculationAsFact()
    {
        var (events, verbose) = Score("dev");

        Assert.True((int)events["speculation_as_fact"]! <= 1, verbose);
        Assert.True((double)events["f1"]! >= 0.88, verbose);
    }

    [SharedCorpusFact(NeedsScorer = true)]
    public void Extract_Seeds_FindsEveryEventWithoutSpeculationAsFact()
    {
        var (events, verbose) = Score("seeds");

        Assert.True((int)events["speculation_as_fact"]! == 0, verbose);
        Assert.True((double)events["recall"]! >= 1.0, verbose);
    }

    private static (JsonObject Events, string Verbose) Score(string corpus)
    {
        var extractor = CorpusExtraction.CreateExtractor();
        var lines = new List<string>();
        foreach (var (name, article) in CorpusExtraction.ReadArticles(SharedCorpus.Articles(corpus)))
        {
            if (article is null)
            {
                continue;
            }

            lines.AddRange(extractor.Extract(article).Select(e => ReplayRecords.ForEvent(name, e)));
        }

        var score = SharedCorpus.Score(SharedCorpus.Gold(corpus), lines, verbose: true);
        return (score.Events, score.Report);
    }
}
