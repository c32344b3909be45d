using System.Diagnostics;
using Xunit.Abstractions;

namespace Alerts.LocalHost.Tests;

/// <summary><c>./alerts run</c> without <c>--once</c>: it keeps watching, and a file dropped while it is idle is processed.</summary>
public sealed class WatchTests(IsolatedAzurite azurite, ITestOutputHelper output) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task Run_Watching_FileDroppedWhileIdleIsProcessed()
    {
        using var storage = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName);
        await storage.EnsureStorageAsync();
        await using var host = LocalHostProcess.Start(
            Directory.CreateTempSubdirectory("alerts-host-").FullName,
            new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString, ["Delivery__OutboxPath"] = storage.Outbox },
            "run", Directory.CreateTempSubdirectory("alerts-empty-").FullName);
        await Eventually.TrueAsync(() => Task.FromResult(host.Console.Contains("watching for more")), TimeSpan.FromMinutes(1), () => host.Console);
        await Task.Delay(TimeSpan.FromSeconds(5)); // idle: the queues have backed off to maxPollingInterval

        var clock = Stopwatch.StartNew();
        await storage.Uploader.UploadAsync(new FileInfo(Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles", "01-drone-hits-erbil-air-base.txt")), CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(host.Console.Contains("ALERT new_incident")), TimeSpan.FromSeconds(30), () => host.Console);

        output.WriteLine($"dropped to alerted: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.False(host.HasExited, host.Console);
        Assert.Single(Directory.GetFiles(storage.Outbox, "*.eml"));
    }
}
