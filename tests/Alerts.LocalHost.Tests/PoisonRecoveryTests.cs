using Alerts.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.LocalHost.Tests;

/// <summary><c>./alerts poison list|retry</c>: deliveries poisoned while a channel was down go out once it is back, exactly once.</summary>
public sealed class PoisonRecoveryTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task PoisonRetry_DeliveriesPoisonedWhileTeamsWasDown_ListedWithTheirErrorThenSentExactlyOnceAfterItRecovers()
    {
        await using var teams = await TeamsEndpoint.StartAsync();
        teams.Status = 500;
        var settings = new Dictionary<string, string?>(LocalHostRun.FastRetries) { ["Delivery:MaxRetries"] = "0" };
        foreach (var (key, value) in teams.Settings)
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
            settings[key] = value;
        }

        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, settings);
        await run.EnsureStorageAsync();
        await TeamsEndpoint.SubscribeAsync(azurite.ConnectionString);
        await run.Uploader.UploadAsync(new FileInfo(Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles", "01-drone-hits-erbil-air-base.txt")), CancellationToken.None);
        await run.RunOnceAsync();

        var alert = Assert.Single(await run.RaisedAsync());
        Assert.Empty(teams.Delivered);
        Assert.True(teams.Requests >= 3, $"{teams.Requests} requests");
        var poison = run.Services.GetRequiredService<PoisonQueues>();
        var listing = new StringWriter();
        Assert.Equal(1, await poison.ListAsync(listing, CancellationToken.None));
        Assert.Contains("alert-deliveries-poison: 1 message(s)", listing.ToString());
        Assert.Contains($"alert {alert} to ops-teams: 3 attempts, last error:", listing.ToString());
        Assert.Contains("500", listing.ToString());
        Assert.Contains("webjobs-blobtrigger-poison: 0 message(s)", listing.ToString());
        Assert.DoesNotContain("sig=local", listing.ToString()); // the webhook's secret never shows

        teams.Status = 200;
        Assert.Equal(1, await poison.RetryAsync("alert-deliveries-poison", TextWriter.Null, CancellationToken.None));
        await run.RunOnceAsync();

        Assert.Equal(1, teams.Delivered.GetValueOrDefault(alert));
        Assert.Equal(0, await poison.ListAsync(TextWriter.Null, CancellationToken.None));

        // A second retry of the same delivery (an operator retrying twice, a message put back twice) sends nothing more.
        await run.Queues.GetQueueClient(PipelineNames.AlertDeliveriesQueue).SendMessageAsync($$"""{"schema":"alert-delivery.v1","alertId":"{{alert}}","subscriberId":"ops-teams"}""");
        await run.RunOnceAsync();
        Assert.Equal(1, teams.Delivered.GetValueOrDefault(alert));
        await run.AssertNothingPoisonedAsync();
    }

    [Fact]
    public async Task PoisonRetry_PoisonedBlob_IsTriggeredAgainAndQuarantinedOnceTheStoreIsBack()
    {
        var quarantine = new FailingQuarantine();
        using var run = await FailingQuarantine.DropBlobAsync(azurite, quarantine, LocalHostRun.FastRetries);
        await run.RunOnceAsync();
        var poison = run.Services.GetRequiredService<PoisonQueues>();
        var listing = new StringWriter();
        Assert.Equal(1, await poison.ListAsync(listing, CancellationToken.None));
        Assert.Contains("blob articles/noise.bin", listing.ToString());

        Assert.Equal(1, await poison.RetryAsync(null, TextWriter.Null, CancellationToken.None));
        using var healthy = new LocalHostRun(azurite, run.Outbox, LocalHostRun.FastRetries);
        await healthy.RunOnceAsync();

        var kept = (await healthy.Blobs.GetBlobContainerClient(PipelineNames.QuarantineContainer).GetBlobClient("noise.bin/content").GetPropertiesAsync()).Value;
        Assert.Contains(kept.Metadata, m => m.Key == "reason" && m.Value is "binary" or "unknown_encoding");
        await healthy.AssertNothingPoisonedAsync();
    }
}
