using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Alerts.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.LocalHost.Tests;

/// <summary>A blob that keeps failing is retried with growing pauses, not five times in one second.</summary>
public sealed class BlobRetryTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task BlobTrigger_FunctionKeepsFailing_AttemptsAreSpacedByGrowingPauses()
    {
        var quarantine = new FailingQuarantine();
        using var run = await FailingQuarantine.DropBlobAsync(azurite, quarantine, settings: null);

        using var host = run.Build();
        await host.StartAsync();
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(quarantine.Attempts.Count >= 5), TimeSpan.FromMinutes(2), () => $"{quarantine.Attempts.Count} attempts");
        }
        finally
        {
            await LocalCommands.StopAsync(host);
        }

        var attempts = quarantine.Attempts.Take(5).ToArray();
        var pauses = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        var shown = string.Join(", ", pauses.Select(p => $"{p.TotalSeconds:F1} s"));
        Assert.True(attempts[^1] - attempts[0] > TimeSpan.FromSeconds(5), $"five attempts within {(attempts[^1] - attempts[0]).TotalSeconds:F1} s");
        Assert.All(pauses, pause => Assert.True(pause > TimeSpan.FromMilliseconds(500), $"pauses {shown}"));
        Assert.True(pauses[^1] > pauses[0], $"pauses do not grow: {shown}");
    }
}

/// <summary>The engine's retry semantics: a blob or a message that keeps failing ends on the poison queue and stops being retried.</summary>
public sealed class PoisonTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task BlobTrigger_FunctionFailsEveryTime_ReportsTheBlobOnWebjobsBlobtriggerPoisonAfterTheThreshold()
    {
        var quarantine = new FailingQuarantine();
        using var run = await FailingQuarantine.DropBlobAsync(azurite, quarantine, LocalHostRun.FastRetries);

        await run.RunOnceAsync();

        Assert.Equal(3, quarantine.Attempts.Count);
        var poison = run.Queues.GetQueueClient(PipelineNames.BlobTriggerPoisonQueue);
        var message = Assert.Single((await poison.ReceiveMessagesAsync(32)).Value);
        using var report = JsonDocument.Parse(message.Body.ToString());
        Assert.Equal("noise.bin", report.RootElement.GetProperty("BlobName").GetString());
        Assert.Equal(PipelineNames.ArticlesContainer, report.RootElement.GetProperty("ContainerName").GetString());
        Assert.False(string.IsNullOrEmpty(report.RootElement.GetProperty("ETag").GetString()));

        await run.RunOnceAsync(); // the receipt stops further attempts
        Assert.Equal(3, quarantine.Attempts.Count);
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
}

/// <summary>A quarantine store that is down: every call fails, and is remembered.</summary>
internal sealed class FailingQuarantine : IQuarantine
{
    public ConcurrentQueue<DateTime> Attempts { get; } = new();

    /// <summary>A host whose quarantine is <paramref name="quarantine"/>, and a binary blob (so it goes to quarantine) waiting in <c>articles</c>.</summary>
    public static async Task<LocalHostRun> DropBlobAsync(IsolatedAzurite azurite, FailingQuarantine quarantine, IReadOnlyDictionary<string, string?>? settings)
    {
        var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, settings, services => services.AddSingleton<IQuarantine>(quarantine));
        var file = new FileInfo(Path.Combine(Directory.CreateTempSubdirectory("alerts-drop-").FullName, "noise.bin"));
        await File.WriteAllBytesAsync(file.FullName, RandomNumberGenerator.GetBytes(512));
        await run.EnsureStorageAsync();
        await run.Uploader.UploadAsync(file, CancellationToken.None);
        return run;
    }

    public Task QuarantineAsync(ArticleInput input, ArticleRejection rejection, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(DateTime.UtcNow);
        throw new IOException("quarantine store unavailable");
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
    public void RetryPolicy_LocalDefaults_ExponentialBackOffFourTimes()
    {
        var retry = Assert.IsType<Microsoft.Azure.WebJobs.ExponentialBackoffRetryAttribute>(LocalConfiguration.RetryPolicy(LocalCommands.BuildConfiguration()));

        Assert.Equal(4, retry.MaxRetryCount);
        Assert.Equal("00:00:01", retry.MinimumInterval);
        Assert.Null(LocalConfiguration.RetryPolicy(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
    }

    [Fact]
    public void Defaults_AzuritePortVariables_MoveTheStorageConnection()
    {
        var moved = LocalConfiguration.Defaults("20100", "20101")["AzureWebJobsStorage"]!;

        Assert.Contains("BlobEndpoint=http://127.0.0.1:20100/devstoreaccount1", moved);
        Assert.Contains("QueueEndpoint=http://127.0.0.1:20101/devstoreaccount1", moved);
        Assert.Equal("UseDevelopmentStorage=true", LocalConfiguration.Defaults(null, null)["AzureWebJobsStorage"]);
    }
}
