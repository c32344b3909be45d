using Alerts.Core;

namespace Alerts.LocalHost.Tests;

/// <summary>Azurite goes away for 15 s in the middle of a run and comes back: the host rides it out and loses and repeats nothing.</summary>
public sealed class StorageOutageTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Run_AzuriteStoppedFifteenSecondsMidRun_HostKeepsRunningAndDeliversEveryAlertOnce()
    {
        var articles = Path.Combine(IsolatedAzurite.RepoRoot, "tests", "corpus", "holdout", "articles");
        using var storage = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName);
        await storage.EnsureStorageAsync();
        await TeamsEndpoint.SubscribeAsync(azurite.ConnectionString);
        await using var teams = await TeamsEndpoint.StartAsync();
        teams.Latency = TimeSpan.FromMilliseconds(200);
        await using var host = LocalHostProcess.Start(
            Directory.CreateTempSubdirectory("alerts-host-").FullName,
            new Dictionary<string, string>(teams.Settings) { ["AzureWebJobsStorage"] = azurite.ConnectionString, ["Delivery__OutboxPath"] = storage.Outbox },
            "run", articles);

        await teams.WaitForDeliveriesAsync(1, TimeSpan.FromMinutes(3), () => host.Console);
        await azurite.StopAsync();
        await Task.Delay(Outage);
        Assert.False(host.HasExited, $"the host ended while Azurite was away:\n{host.Console}");
        await azurite.StartAsync();

        // A blob-trigger message the engine had taken when storage went away comes back only after its 10-minute visibility
        // timeout (README, "Running locally"); the articles named after it wait up to ArticleOrder:MaxWait for it, then go on.
        var raised = await storage.WaitUntilDrainedAsync(teams, TimeSpan.FromMinutes(13), () => host.Console);

        Assert.False(host.HasExited, $"the host ended after Azurite came back:\n{host.Console}");
        Assert.True(raised.Count > 1, host.Console);
        Assert.Equal(raised.Order(StringComparer.Ordinal), teams.Delivered.Keys.Order(StringComparer.Ordinal));
        Assert.All(teams.Delivered, pair => Assert.True(pair.Value == 1, $"alert {pair.Key} was posted {pair.Value} times"));
        await storage.AssertNothingPoisonedAsync();
    }
}
