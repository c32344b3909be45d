using Alerts.Core;
using Azure.Storage.Blobs;

namespace Alerts.LocalHost.Tests;

/// <summary><c>./alerts azurite</c> and the local host on ports moved by the two environment variables alone.</summary>
public sealed class AzuriteScriptTests
{
    [Fact]
    public async Task Stop_DataFolderDeleted_StillStopsTheAzuriteItStarted()
    {
        await using var azurite = ScriptedAzurite.Create();
        var (started, output) = await azurite.RunAsync("start");
        Assert.True(started == 0, output);
        Assert.True(ScriptedAzurite.Listening(azurite.BlobPort) && ScriptedAzurite.Listening(azurite.QueuePort), output);

        Directory.Delete(Path.Combine(azurite.Root, ".alerts", "azurite"), recursive: true);
        var (stopped, stopOutput) = await azurite.RunAsync("stop");

        Assert.Equal(0, stopped);
        Assert.Contains("Stopped Azurite blob", stopOutput);
        Assert.Contains("Stopped Azurite queue", stopOutput);
        Assert.False(ScriptedAzurite.Listening(azurite.BlobPort), stopOutput);
        Assert.False(ScriptedAzurite.Listening(azurite.QueuePort), stopOutput);
    }

    [Fact]
    public async Task Run_OnlyAzuritePortVariablesSet_AzuriteAndTheLocalHostBothMove()
    {
        await using var azurite = ScriptedAzurite.Create();
        var (started, output) = await azurite.RunAsync("start");
        Assert.True(started == 0, output);
        Assert.Contains($"127.0.0.1:{azurite.BlobPort}", output);
        Assert.Contains($"127.0.0.1:{azurite.QueuePort}", output);

        var samples = Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles");
        await using var host = LocalHostProcess.Start(azurite.Root, azurite.Ports, "run", samples, "--once");
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromMinutes(3)) == 0, host.Console);

        Assert.Contains("ALERT ", host.Console);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var dropped = new List<string>();
        await foreach (var blob in blobs.GetBlobContainerClient(PipelineNames.ArticlesContainer).GetBlobsAsync())
        {
            dropped.Add(blob.Name);
        }

        Assert.Equal(new DirectoryInfo(samples).GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal), dropped.Order(StringComparer.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(azurite.Root, ".alerts", "outbox"), "*.eml"));
    }
}
