using System.Diagnostics;
using Alerts.Core;
using Alerts.Delivery;
using Alerts.Functions;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Hosting;
using Microsoft.Azure.WebJobs.Host.Queues;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.LocalHost;

/// <summary>The verbs of <c>./alerts</c> that the local host carries out.</summary>
internal static class LocalCommands
{
    public static async Task<int> RunAsync(DirectoryInfo? folder, bool once, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        folder ??= new DirectoryInfo(Path.Combine(Directory.GetCurrentDirectory(), "samples", "articles"));
        using var host = BuildHost();
        var services = host.Services;
        await EnsureStorageAsync(services, cancellationToken);
        var dropped = await services.GetRequiredService<ArticleUploader>().UploadFolderAsync(folder, skipUnchanged: true, cancellationToken);
        Console.WriteLine(
            $"Alerts local host: dropped {dropped} new file(s) from {folder.FullName} into '{PipelineNames.ArticlesContainer}'; " +
            (once ? "running until drained." : "watching for more (./alerts drop FILE, Storage Explorer, az CLI). Ctrl+C stops."));
        var afterDrop = Stopwatch.StartNew();
        try
        {
            await host.StartAsync(cancellationToken);
            if (once)
            {
                await services.GetRequiredService<PipelineDrain>().WaitAsync(cancellationToken);
                if (dropped > 0)
                {
                    Console.WriteLine($"drained {dropped} dropped file(s) in {afterDrop.Elapsed.TotalSeconds:F1} s ({dropped / afterDrop.Elapsed.TotalSeconds:F0} files/s)");
                }
            }
            else
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        var console = services.GetRequiredService<AlertConsole>();
        Console.WriteLine($"{console.Printed} alert(s) sent in {clock.Elapsed.TotalSeconds:F1} s; outbox: {services.GetRequiredService<IConfiguration>()["Delivery:OutboxPath"]}");
        await StopAsync(host);
        return 0;
    }

    /// <summary>Stops the engine; its timers sometimes report being stopped twice, which changes nothing.</summary>
    internal static async Task StopAsync(IHost host)
    {
        try
        {
            await host.StopAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public static async Task<int> DropAsync(FileInfo[] files, CancellationToken cancellationToken)
    {
        using var host = BuildHost();
        var services = host.Services;
        await EnsureStorageAsync(services, cancellationToken);
        var uploader = services.GetRequiredService<ArticleUploader>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                Console.Error.WriteLine($"No file '{file.FullName}'.");
                return 2;
            }

            await uploader.UploadAsync(file, cancellationToken);
            Console.WriteLine($"dropped {file.Name} into '{PipelineNames.ArticlesContainer}'");
        }

        return 0;
    }

    /// <summary>Creates the containers and queues the functions bind to (idempotent); the engine creates its own.</summary>
    internal static async Task EnsureStorageAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var blobs = services.GetRequiredService<BlobServiceClient>();
        foreach (var container in new[] { PipelineNames.ArticlesContainer, PipelineNames.StateContainer, PipelineNames.QuarantineContainer, PipelineNames.HostsContainer })
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        var queues = services.GetRequiredService<QueueServiceClient>();
        foreach (var queue in new[] { PipelineNames.ArticleEventsQueue, PipelineNames.AlertDeliveriesQueue })
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public static async Task<int> PreviewAsync(string alertId, FileInfo? output, CancellationToken cancellationToken)
    {
        if (BlobNames.Key(alertId) != alertId)
        {
            // An id is data, never a path: one that would need encoding is no alert id (they are letters, digits and '-').
            Console.Error.WriteLine($"'{alertId}' is not an alert id (alert ids are printed by ./alerts run).");
            return 2;
        }

        using var host = BuildHost();
        var state = host.Services.GetRequiredService<IDocumentStore>();
        var stored = await state.GetAsync(ChangeProcessor.AlertPath(alertId), cancellationToken);
        if (stored is null)
        {
            Console.Error.WriteLine($"No stored alert '{alertId}' (alert ids are printed by ./alerts run).");
            return 2;
        }

        var alert = System.Text.Json.JsonSerializer.Deserialize(stored.Content.ToString(), AlertsJsonContext.Default.Alert)!;
        output ??= new FileInfo(Path.Combine(".alerts", "previews", $"{alertId}.html"));
        output.Directory?.Create();
        await File.WriteAllTextAsync(output.FullName, host.Services.GetRequiredService<AlertPreviewRenderer>().Render(alert), cancellationToken);
        Console.WriteLine($"preview of {alertId}: {output.FullName}");
        return 0;
    }

    public static async Task<int> PoisonAsync(bool retry, string? queue, CancellationToken cancellationToken)
    {
        using var host = BuildHost();
        var poison = host.Services.GetRequiredService<PoisonQueues>();
        if (!retry)
        {
            await poison.ListAsync(Console.Out, cancellationToken);
            return 0;
        }

        try
        {
            await poison.RetryAsync(queue, Console.Out, cancellationToken);
            return 0;
        }
        catch (ArgumentException wrong)
        {
            Console.Error.WriteLine(wrong.Message);
            return 2;
        }
    }

    /// <summary>The app's own host.json, copied beside the local host.</summary>
    internal static string HostJsonPath => Path.Combine(AppContext.BaseDirectory, "host.json");

    /// <summary>
    /// The local host: the function app's composition (the same <c>AddAlertsFunctionApp</c> as its Program.cs) plus the WebJobs
    /// trigger engine with its storage, blob, queue and timer extensions running <see cref="LocalTriggers"/>.
    /// </summary>
    internal static IHost BuildHost(IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddLocalSources(HostJsonPath);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        ConfigureLogging(builder.Logging, builder.Configuration);
        builder.Services.AddAlertsFunctionApp(builder.Configuration);
        builder.Services.AddSingleton(sp => new AlertConsole(sp.GetRequiredService<IDocumentStore>(), Console.Out));
        builder.Services.AddSingleton<ArticleUploader>();
        builder.Services.AddSingleton<LocalWork>();
        builder.Services.AddSingleton<PipelineDrain>();
        builder.Services.AddOptions<ArticleOrderOptions>().Bind(builder.Configuration.GetSection(ArticleOrderOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IArticleOrder, NameOrder>();
        builder.Services.AddSingleton<UnsafeNameSweeper>();
        builder.Services.AddSingleton<PoisonQueues>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UnsafeNameSweeper>());
        builder.Services.AddWebJobs(_ => { })
            .UseHostId(LocalHostNames.HostId)
            .AddAzureStorageCoreServices()
            .AddAzureStorageBlobs()
            .AddAzureStorageQueues()
            .AddTimers();

        // The timers extension's storage-backed schedule monitor predates this Host.Storage; the local timer runs without one.
        builder.Services.AddSingleton<ScheduleMonitor, UnmonitoredSchedule>();
        builder.Services.AddSingleton<IQueueProcessorFactory, LeasingQueueProcessorFactory>();
        if (LocalConfiguration.RetryPolicy(builder.Configuration) is { } retry)
        {
            // The engine's default retry policy (what the Functions host makes of host.json "retry"); the queue doors opt out.
            builder.Services.AddSingleton<IRetryStrategy>(retry);
        }

        builder.Services.AddSingleton<ITypeLocator, LocalTypeLocator>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, JobHostService>());
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>For timers with <c>UseMonitor = false</c>: a schedule status kept in memory, never consulted for past-due runs.</summary>
    private sealed class UnmonitoredSchedule : ScheduleMonitor
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ScheduleStatus> _status = new(StringComparer.Ordinal);

        public override Task<ScheduleStatus> GetStatusAsync(string timerName) => Task.FromResult(_status.GetValueOrDefault(timerName)!);

        public override Task UpdateStatusAsync(string timerName, ScheduleStatus status)
        {
            _status[timerName] = status;
            return Task.CompletedTask;
        }
    }

    /// <summary>The engine indexes only the local doors.</summary>
    private sealed class LocalTypeLocator : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [typeof(LocalTriggers)];
    }

    public static Task<int> ExplainAsync(FileInfo file, bool alone, CancellationToken cancellationToken)
        => ExplainAsync(file, alone, Console.Out, cancellationToken);

    internal static async Task<int> ExplainAsync(FileInfo file, bool alone, TextWriter output, CancellationToken cancellationToken)
    {
        await using var provider = InMemoryPipeline(quiet: true);
        return await provider.GetRequiredService<Explainer>().RunAsync(file, alone, output, cancellationToken);
    }

    /// <summary>The pipeline with all state in memory: nothing touches storage, so replays and explain need no Azurite.</summary>
    private static ServiceProvider InMemoryPipeline(bool quiet = false)
    {
        var configuration = BuildConfiguration();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            ConfigureLogging(logging, configuration);
            if (quiet)
            {
                logging.SetMinimumLevel(LogLevel.Error);
            }
        });
        services.AddAlertsFunctionApp(configuration);
        services.AddSingleton<IDocumentStore, InMemoryDocumentStore>();
        services.AddSingleton<RecordingQuarantine>();
        services.AddSingleton<IQuarantine>(sp => sp.GetRequiredService<RecordingQuarantine>());
        services.AddSingleton<Replayer>();
        services.AddSingleton<Explainer>();
        return services.BuildServiceProvider();
    }

    public static async Task<int> ReplayAsync(DirectoryInfo folder, FileInfo output, FileInfo? gold, CancellationToken cancellationToken)
    {
        await using var provider = InMemoryPipeline();

        output.Directory?.Create();
        ReplaySummary summary;
        await using (var writer = new StreamWriter(output.FullName, append: false))
        {
            summary = await provider.GetRequiredService<Replayer>().RunAsync(folder, writer, cancellationToken);
        }

        Console.WriteLine(
            $"replayed {summary.Articles} files in {summary.Elapsed.TotalMilliseconds:F0} ms: {summary.Events} events, {summary.Alerts} alerts, " +
            $"{summary.Quarantined} quarantined -> {output.FullName}");
        return gold is null ? 0 : await ScoreAsync(gold, output, cancellationToken);
    }

    private static async Task<int> ScoreAsync(FileInfo gold, FileInfo predictions, CancellationToken cancellationToken)
    {
        if (!gold.Exists)
        {
            Console.Error.WriteLine($"No gold file '{gold.FullName}'.");
            return 2;
        }

        var scorer = FindScorer(gold.Directory);
        if (scorer is null)
        {
            Console.Error.WriteLine("Can't score: no tools/score.py or shared/tools/score.py above the gold file.");
            return 2;
        }

        var start = new ProcessStartInfo("python3") { UseShellExecute = false };
        foreach (var argument in new[] { scorer.FullName, "--gold", gold.FullName, "--pred", predictions.FullName })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    private static FileInfo? FindScorer(DirectoryInfo? folder)
    {
        for (var current = folder; current is not null; current = current.Parent)
        {
            // shared/tools/score.py for a corpus of the shared folder; the shared folder beside the repo for the repo's own corpora.
            foreach (var candidate in new[] { new FileInfo(Path.Combine(current.FullName, "tools", "score.py")), new FileInfo(Path.Combine(current.FullName, "shared", "tools", "score.py")) })
            {
                if (candidate.Exists)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    internal static IConfigurationRoot BuildConfiguration()
    {
        var builder = new ConfigurationBuilder();
        builder.AddLocalSources(HostJsonPath);
        return builder.Build();
    }

    internal static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
    }
}
