using System.Text.RegularExpressions;
using Alerts.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.LocalHost.Tests;

/// <summary>
/// The local host <c>./alerts run</c> builds, wired to an <see cref="IsolatedAzurite"/>, with its console and outbox captured.
/// Each <see cref="RunOnceAsync"/> starts a fresh host (the WebJobs engine and its triggers), waits until the pipeline is
/// drained and stops it, as <c>./alerts run --once</c> does; <see cref="Services"/> is a host that is never started, for
/// dropping files and reading storage.
/// </summary>
internal sealed partial class LocalHostRun : IDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configure;
    private readonly IHost _client;

    public LocalHostRun(IsolatedAzurite azurite, string outbox, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        Outbox = outbox;
        _settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Delivery:OutboxPath"] = outbox,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _configure = configure;
        _client = Build();
    }

    /// <summary>host.json values for tests that must not wait: three tries, retries at once, fast polling.</summary>
    public static IReadOnlyDictionary<string, string?> FastRetries { get; } = new Dictionary<string, string?>
    {
        [$"{LocalConfiguration.RetrySection}:maxRetryCount"] = "0",
        [$"{LocalConfiguration.ExtensionsSection}:blobs:poisonBlobThreshold"] = "3",
        [$"{LocalConfiguration.ExtensionsSection}:queues:maxDequeueCount"] = "3",
        [$"{LocalConfiguration.ExtensionsSection}:queues:visibilityTimeout"] = "00:00:00",
        [$"{LocalConfiguration.ExtensionsSection}:queues:maxPollingInterval"] = "00:00:00.200",
    };

    public string Outbox { get; }

    public StringWriter Console { get; } = new();

    public IServiceProvider Services => _client.Services;

    public ArticleUploader Uploader => Services.GetRequiredService<ArticleUploader>();

    public BlobServiceClient Blobs => Services.GetRequiredService<BlobServiceClient>();

    public QueueServiceClient Queues => Services.GetRequiredService<QueueServiceClient>();

    /// <summary>Alerts printed on the console so far, across runs.</summary>
    public int AlertsPrinted => AlertLine().Count(Console.ToString());

    public Task EnsureStorageAsync() => LocalCommands.EnsureStorageAsync(Services, CancellationToken.None);

    /// <summary>Starts a host, runs until the container and queues are drained, and stops it, as <c>./alerts run --once</c> does.</summary>
    public async Task RunOnceAsync(TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(3));
        using var host = Build();
        await LocalCommands.EnsureStorageAsync(host.Services, timeout.Token);
        await host.StartAsync(timeout.Token);
        try
        {
            await host.Services.GetRequiredService<PipelineDrain>().WaitAsync(timeout.Token);
        }
        finally
        {
            await LocalCommands.StopAsync(host);
        }
    }

    /// <summary>
    /// For a host running elsewhere (a <see cref="LocalHostProcess"/>): waits until the pipeline is drained and every alert raised
    /// so far has reached <paramref name="teams"/>, three checks in a row a second apart.
    /// </summary>
    /// <returns>The ids of the alerts raised (stored in state).</returns>
    public async Task<IReadOnlyList<string>> WaitUntilDrainedAsync(TeamsEndpoint teams, TimeSpan timeout, Func<string> describe)
    {
        var drain = Services.GetRequiredService<PipelineDrain>();
        var deadline = DateTime.UtcNow + timeout;
        for (var quiet = 0; quiet < 3; await Task.Delay(TimeSpan.FromSeconds(1)))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not drained within {timeout.TotalSeconds:F0} s: {teams.Delivered.Count} alerts posted of {(await RaisedAsync()).Count} raised.\n{describe()}");
            }

            try
            {
                quiet = await drain.IsDrainedAsync(CancellationToken.None) && (await RaisedAsync()).Count == teams.Delivered.Count ? quiet + 1 : 0;
            }
            catch (Azure.RequestFailedException)
            {
                quiet = 0; // storage not back yet
            }
        }

        return await RaisedAsync();
    }

    /// <summary>The ids of the alerts stored in state (<c>alerts/{id}.json</c>).</summary>
    public async Task<IReadOnlyList<string>> RaisedAsync()
    {
        var ids = new List<string>();
        await foreach (var path in Services.GetRequiredService<IDocumentStore>().ListAsync("alerts/", CancellationToken.None))
        {
            ids.Add(path["alerts/".Length..^".json".Length]);
        }

        return ids;
    }

    /// <summary>Nothing on the engine's poison queues: no blob and no message was given up on.</summary>
    public async Task AssertNothingPoisonedAsync()
    {
        foreach (var queue in new[] { PipelineNames.BlobTriggerPoisonQueue, PipelineNames.PoisonQueueFor(PipelineNames.ArticleEventsQueue), PipelineNames.PoisonQueueFor(PipelineNames.AlertDeliveriesQueue) })
        {
            var client = Queues.GetQueueClient(queue);
            if (await client.ExistsAsync())
            {
                var poisoned = (await client.PeekMessagesAsync(32)).Value;
                Assert.True(poisoned.Length == 0, $"{queue} holds {string.Join(", ", poisoned.Select(m => m.Body.ToString()))}");
            }
        }
    }

    /// <summary>A host that is not started yet; the caller starts and stops it.</summary>
    public IHost Build() => LocalCommands.BuildHost(_settings, services =>
    {
        services.AddSingleton(sp => new AlertConsole(sp.GetRequiredService<IDocumentStore>(), Console));
        _configure?.Invoke(services);
    });

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("^ALERT ", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
