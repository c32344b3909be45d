using Alerts.Core;
using Xunit.Abstractions;

namespace Alerts.Storylines.Tests;

/// <summary>Replays the gold events of both corpora through the detector and scores the alerts with <c>../shared/tools/score.py</c>.</summary>
public sealed class ChangeDetectorReplayTests(ITestOutputHelper output)
{
    [SharedCorpusFact]
    public async Task ApplyAsync_SeedGoldEventsInOrder_AlertsScorePerfectly()
        => await AssertPerfectAsync(Path.Combine(SharedCorpus.Root!, "corpus", "seeds"));

    [SharedCorpusFact]
    public async Task ApplyAsync_DevGoldEventsInOrder_AlertsScorePerfectly()
        => await AssertPerfectAsync(Path.Combine(SharedCorpus.Root!, "corpus", "dev"));

    [SharedCorpusFact]
    public async Task ApplyAsync_EveryArticleTwiceInterleavedAndUnderSecondName_SameAlertsAsOnce()
    {
        foreach (var corpus in new[] { "seeds", "dev" })
        {
            var messages = GoldReplay.Messages(Path.Combine(SharedCorpus.Root!, "corpus", corpus));
            var once = await ReplayAsync(messages);

            var detector = Builders.Detector(new InMemoryDocumentStore());
            var distinct = new Dictionary<string, Alert>();
            for (var i = 0; i < messages.Count; i++)
            {
                var first = await detector.ApplyAsync(messages[i], CancellationToken.None);
                if (i > 0)
                {
                    // The previous article re-delivered, then re-uploaded under another name: the alerts of the first time, nothing new.
                    var again = await detector.ApplyAsync(messages[i - 1], CancellationToken.None);
                    var renamed = await detector.ApplyAsync(messages[i - 1] with { Name = "copy-of-" + messages[i - 1].Name }, CancellationToken.None);
                    Assert.Equal(again.Select(a => a.Id), renamed.Select(a => a.Id));
                    Assert.All(renamed, a => Assert.Equal(messages[i - 1].Name, a.ArticleName));
                }

                Assert.Equal(Builders.Json(first), Builders.Json(await detector.ApplyAsync(messages[i], CancellationToken.None)));
                foreach (var alert in first)
                {
                    Assert.True(distinct.TryAdd(alert.Id, alert), $"{corpus}: alert {alert.Key()} raised twice");
                }
            }

            Assert.Equal(once.Select(a => a.Id), distinct.Keys);
        }
    }

    private async Task AssertPerfectAsync(string corpusFolder)
    {
        var alerts = await ReplayAsync(GoldReplay.Messages(corpusFolder));
        var result = SharedCorpus.Score(Path.Combine(corpusFolder, "gold.json"), alerts.Select(ReplayRecords.ForAlert));
        var scored = result["alerts"]!;
        var detail = string.Join("\n", alerts.Select(a => $"{a.ArticleName} [{a.Severity}] {a.Headline} | {a.Summary} | {a.Change.Before} -> {a.Change.After} | sources {a.SourceCount}"));
        output.WriteLine(scored.ToJsonString());
        output.WriteLine(detail);
        Assert.True((double)scored["f1"]! == 1.0, $"alerts {scored.ToJsonString()}\n{detail}");
        Assert.Equal(0, (int)scored["duplicates"]!);
        Assert.Equal(alerts.Count, alerts.Select(a => a.Id).Distinct().Count());
    }

    private static async Task<List<Alert>> ReplayAsync(IReadOnlyList<ArticleEventsMessage> messages)
    {
        var detector = Builders.Detector(new InMemoryDocumentStore());
        var alerts = new List<Alert>();
        foreach (var message in messages)
        {
            alerts.AddRange(await detector.ApplyAsync(message, CancellationToken.None));
        }

        return alerts;
    }
}
