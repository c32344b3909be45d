using System.Security.Cryptography;
using System.Text.Json;
using Alerts.Core;
using Alerts.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.LocalHost.Tests;

/// <summary>The host's retry semantics: a blob or a message that keeps failing ends on the poison queue and stops being retried.</summary>
public sealed class PoisonTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    private static readonly HostSemantics Fast = new() { PoisonBlobThreshold = 3, MaxDequeueCount = 3, VisibilityTimeout = TimeSpan.Zero, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task BlobTrigger_FunctionFailsEveryTime_ReportsTheBlobOnWebjobsBlobtriggerPoisonAfterTheThreshold()
    {
        var quarantine = new FailingQuarantine();
        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, Fast, services => services.AddSingleton<IQuarantine>(quarantine));
        var file = new FileInfo(Path.Combine(Directory.CreateTempSubdirectory("alerts-drop-").FullName, "noise.bin"));
        await File.WriteAllBytesAsync(file.FullName, RandomNumberGenerator.GetBytes(512));
        await run.Runtime.EnsureStorageAsync(CancellationToken.None);
        await run.Uploader.UploadAsync(file, CancellationToken.None);

        await run.RunOnceAsync();

        Assert.Equal(3, quarantine.Calls);
        var poison = run.Services.GetRequiredService<IQueueServiceClient>().GetQueue(PipelineNames.BlobTriggerPoisonQueue);
        var message = Assert.Single(await poison.ReceiveAsync(32));
        using var report = JsonDocument.Parse(message.Text);
        Assert.Equal("noise.bin", report.RootElement.GetProperty("BlobName").GetString());
        Assert.Equal(PipelineNames.ArticlesContainer, report.RootElement.GetProperty("ContainerName").GetString());
        Assert.False(string.IsNullOrEmpty(report.RootElement.GetProperty("ETag").GetString()));

        await run.RunOnceAsync(); // the receipt stops further attempts
        Assert.Equal(3, quarantine.Calls);
    }

    [Fact]
    public async Task QueueTrigger_MessageFailsEveryTime_MovesToThePoisonQueueAfterMaxDequeueCount()
    {
        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, Fast);
        await run.Runtime.EnsureStorageAsync(CancellationToken.None);
        var queues = run.Services.GetRequiredService<IQueueServiceClient>();
        await queues.GetQueue(PipelineNames.ArticleEventsQueue).SendAsync("{\"schema\":\"not-article-events\"}");

        await run.RunOnceAsync();

        var poisoned = Assert.Single(await queues.GetQueue(PipelineNames.PoisonQueueFor(PipelineNames.ArticleEventsQueue)).ReceiveAsync(32));
        Assert.Equal("{\"schema\":\"not-article-events\"}", poisoned.Text);
        Assert.Equal(0, await queues.GetQueue(PipelineNames.ArticleEventsQueue).GetApproximateMessageCountAsync());
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

public sealed class HostSemanticsTests
{
    [Fact]
    public void Load_TheAppsHostJson_ReadsTheTriggerSettings()
    {
        var semantics = HostSemantics.Load(Path.Combine(IsolatedAzurite.RepoRoot, "host.json"));

        Assert.Equal(5, semantics.PoisonBlobThreshold);
        Assert.Equal(5, semantics.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(10), semantics.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), semantics.MaxPollingInterval);
        Assert.Equal(16, semantics.BatchSize);
    }

    [Fact]
    public void Load_NoFile_UsesTheFunctionsHostDefaults()
    {
        var semantics = HostSemantics.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host.json"));

        Assert.Equal(5, semantics.PoisonBlobThreshold);
        Assert.Equal(5, semantics.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, semantics.VisibilityTimeout);
    }
}
