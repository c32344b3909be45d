using System.Security.Cryptography;
using System.Text.Json;
using Alerts.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.LocalHost.Tests;

/// <summary>The engine's retry semantics: a blob or a message that keeps failing ends on the poison queue and stops being retried.</summary>
public sealed class PoisonTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task BlobTrigger_FunctionFailsEveryTime_ReportsTheBlobOnWebjobsBlobtriggerPoisonAfterTheThreshold()
    {
        var quarantine = new FailingQuarantine();
        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, LocalHostRun.FastRetries,
            services => services.AddSingleton<IQuarantine>(quarantine));
        var file = new FileInfo(Path.Combine(Directory.CreateTempSubdirectory("alerts-drop-").FullName, "noise.bin"));
        await File.WriteAllBytesAsync(file.FullName, RandomNumberGenerator.GetBytes(512));
        await run.EnsureStorageAsync();
        await run.Uploader.UploadAsync(file, CancellationToken.None);

        await run.RunOnceAsync();

        Assert.Equal(3, quarantine.Calls);
        var poison = run.Queues.GetQueueClient(PipelineNames.BlobTriggerPoisonQueue);
        var message = Assert.Single((await poison.ReceiveMessagesAsync(32)).Value);
        using var report = JsonDocument.Parse(message.Body.ToString());
        Assert.Equal("noise.bin", report.RootElement.GetProperty("BlobName").GetString());
        Assert.Equal(PipelineNames.ArticlesContainer, report.RootElement.GetProperty("ContainerName").GetString());
        Assert.False(string.IsNullOrEmpty(report.RootElement.GetProperty("ETag").GetString()));

        await run.RunOnceAsync(); // the receipt stops further attempts
        Assert.Equal(3, quarantine.Calls);
    }

    [Fact]
    public async Task QueueTrigger_MessageFailsEveryTime_MovesToThePoisonQueueAfterMaxDequeueCount()
    {
        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, LocalHostRun.FastRetries);
        await run.EnsureStorageAsync();
        await run.Queues.GetQueueClient(PipelineNames.ArticleEventsQueue).SendMessageAsync("{\"schema\":\"not-article-events\"}");

        await run.RunOnceAsync();

        var poisoned = Assert.Single((await run.Queues.GetQueueClient(PipelineNames.PoisonQueueFor(PipelineNames.ArticleEventsQueue)).ReceiveMessagesAsync(32)).Value);
        Assert.Equal("{\"schema\":\"not-article-events\"}", poisoned.Body.ToString());
        Assert.Equal(0, (await run.Queues.GetQueueClient(PipelineNames.ArticleEventsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private sealed class FailingQuarantine : IQuarantine
    {
        private int _calls;

        public int Calls => _calls;

        public Task QuarantineAsync(ArticleInput input, ArticleRejection rejection, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new IOException("quarantine store unavailable");
        }
    }
}

public sealed class LocalConfigurationTests
{
    [Fact]
    public void HostJsonExtensions_TheAppsHostJson_AreWhereTheWebJobsEngineReadsThem()
    {
        var settings = LocalConfiguration.HostJsonExtensions(Path.Combine(IsolatedAzurite.RepoRoot, "host.json")).ToDictionary();

        Assert.Equal("5", settings["AzureWebJobs:extensions:blobs:poisonBlobThreshold"]);
        Assert.Equal("5", settings["AzureWebJobs:extensions:queues:maxDequeueCount"]);
        Assert.Equal("00:00:10", settings["AzureWebJobs:extensions:queues:visibilityTimeout"]);
        Assert.Equal("00:00:02", settings["AzureWebJobs:extensions:queues:maxPollingInterval"]);
    }

    [Fact]
    public void HostJsonExtensions_NoFile_AddsNothingSoTheEngineKeepsItsDefaults()
        => Assert.Empty(LocalConfiguration.HostJsonExtensions(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host.json")));

    [Fact]
    public void Defaults_AzuritePortVariables_MoveTheStorageConnection()
    {
        var moved = LocalConfiguration.Defaults("20100", "20101")["AzureWebJobsStorage"]!;

        Assert.Contains("BlobEndpoint=http://127.0.0.1:20100/devstoreaccount1", moved);
        Assert.Contains("QueueEndpoint=http://127.0.0.1:20101/devstoreaccount1", moved);
        Assert.Equal("UseDevelopmentStorage=true", LocalConfiguration.Defaults(null, null)["AzureWebJobsStorage"]);
    }
}
