using Alerts.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.LocalHost.Tests;

/// <summary>The host is killed (SIGKILL) in the middle of a delivery and started again.</summary>
public sealed class HostKillTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task Run_HostKilledMidDelivery_TheMessageComesBackAfterVisibilityTimeoutAndEveryAlertIsDeliveredOnce()
    {
        var samples = Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles");
        using var storage = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName);
        await storage.EnsureStorageAsync();
        await TeamsEndpoint.SubscribeAsync(azurite.ConnectionString);
        await using var teams = await TeamsEndpoint.StartAsync();
        teams.Latency = TimeSpan.FromMinutes(10); // the first delivery hangs: it is in flight when the host dies
        var settings = new Dictionary<string, string>(teams.Settings) { ["AzureWebJobsStorage"] = azurite.ConnectionString, ["Delivery__OutboxPath"] = storage.Outbox };
        var folder = Directory.CreateTempSubdirectory("alerts-host-").FullName;

        await using (var first = LocalHostProcess.Start(folder, settings, "run", samples))
        {
            // Every article extracted and applied (no blob or article message in flight), one delivery waiting on Teams.
            var drain = storage.Services.GetRequiredService<PipelineDrain>();
            await Eventually.TrueAsync(
                async () => teams.Requests > 0
                    && await drain.CountAsync(LocalHostNames.BlobTriggerQueue, default) == 0
                    && await drain.CountAsync(PipelineNames.ArticleEventsQueue, default) == 0
                    && await drain.EveryBlobTakenAsync(default),
                TimeSpan.FromMinutes(3), () => first.Console);
            await first.KillAsync();
        }

        teams.Latency = TimeSpan.Zero;
        var killed = DateTime.UtcNow;
        await using var second = LocalHostProcess.Start(folder, settings, "run", samples);
        var raised = await storage.WaitUntilDrainedAsync(teams, TimeSpan.FromMinutes(2), () => second.Console);

        // The engine alone would keep the killed host's message invisible for 10 minutes; host.json's visibilityTimeout is 10 s.
        Assert.True(DateTime.UtcNow - killed < TimeSpan.FromMinutes(2), second.Console);
        Assert.True(raised.Count > 1, second.Console);
        Assert.Equal(raised.Order(StringComparer.Ordinal), teams.Delivered.Keys.Order(StringComparer.Ordinal));
        Assert.All(teams.Delivered, pair => Assert.True(pair.Value == 1, $"alert {pair.Key} was posted {pair.Value} times"));
        await storage.AssertNothingPoisonedAsync();
    }
}
