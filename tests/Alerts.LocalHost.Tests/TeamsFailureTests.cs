using System.Text.Json.Nodes;
using Alerts.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.LocalHost.Tests;

/// <summary>A Teams endpoint answering 500 slows only deliveries: every other article is still extracted and its changes detected.</summary>
public sealed class TeamsFailureTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task Run_TeamsAnswers500_EveryArticleIsStillExtractedAndAppliedThenEachAlertDeliveredOnce()
    {
        var articles = Path.Combine(IsolatedAzurite.RepoRoot, "tests", "corpus", "holdout", "articles");
        var expected = await ReplayedAlertIdsAsync(articles);
        using var storage = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName);
        await storage.EnsureStorageAsync();
        await TeamsEndpoint.SubscribeAsync(azurite.ConnectionString);
        await using var teams = await TeamsEndpoint.StartAsync();
        teams.Status = 500;
        await using var host = LocalHostProcess.Start(
            Directory.CreateTempSubdirectory("alerts-host-").FullName,
            new Dictionary<string, string>(teams.Settings) { ["AzureWebJobsStorage"] = azurite.ConnectionString, ["Delivery__OutboxPath"] = storage.Outbox },
            "run", articles);

        // Each failing delivery takes about 30 s of the channel's retries and comes back after 10 s, five times; extraction and
        // change detection of all 21 articles, behind a stalled loop, would take many minutes. Extraction can finish before the
        // delivery loop first polls its queue, so the wait also covers Teams' first (failing) call.
        var drain = storage.Services.GetRequiredService<PipelineDrain>();
        await Eventually.TrueAsync(
            async () => await drain.CountAsync(LocalHostNames.BlobTriggerQueue, default) == 0
                && await drain.CountAsync(PipelineNames.ArticleEventsQueue, default) == 0
                && await drain.EveryBlobTakenAsync(default)
                && (await storage.RaisedAsync()).Count == expected.Count
                && teams.Requests > 0,
            TimeSpan.FromMinutes(2), () => host.Console);

        Assert.Equal(expected, (await storage.RaisedAsync()).Order(StringComparer.Ordinal));
        Assert.Empty(teams.Delivered);

        teams.Status = 200;
        await storage.WaitUntilDrainedAsync(teams, TimeSpan.FromMinutes(3), () => host.Console);
        Assert.Equal(expected, teams.Delivered.Keys.Order(StringComparer.Ordinal));
        Assert.All(teams.Delivered, pair => Assert.True(pair.Value == 1, $"alert {pair.Key} was posted {pair.Value} times"));
        await storage.AssertNothingPoisonedAsync();
    }

    /// <summary>The ids of the alerts an in-memory replay of the folder raises (the same pipeline, in name order).</summary>
    private static async Task<List<string>> ReplayedAlertIdsAsync(string folder)
    {
        var output = new FileInfo(Path.Combine(Path.GetTempPath(), $"alerts-replay-{Guid.NewGuid():N}.jsonl"));
        try
        {
            Assert.Equal(0, await LocalCommands.ReplayAsync(new DirectoryInfo(folder), output, gold: null, CancellationToken.None));
            return [.. File.ReadAllLines(output.FullName)
                .Select(line => JsonNode.Parse(line)!)
                .Where(record => (string?)record["record"] == "alert")
                .Select(alert => (string)alert["id"]!)
                .Order(StringComparer.Ordinal)];
        }
        finally
        {
            output.Delete();
        }
    }
}
