using System.Diagnostics;
using Alerts.Core;
using Alerts.Functions;
using Alerts.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.LocalHost;

/// <summary>
/// Runs the function app's three functions against storage with the Functions host's trigger semantics: the blob trigger
/// on <c>articles</c>, the queue triggers on <c>article-events</c> and <c>alert-deliveries</c>, poison handling and
/// visibility timeouts, as set in <c>host.json</c>. Prints each alert as it goes out.
/// </summary>
internal sealed partial class LocalFunctionsHost
{
    private static readonly TimeSpan IdleCeiling = TimeSpan.FromSeconds(1);

    private readonly IBlobServiceClient _blobs;
    private readonly IQueueServiceClient _queues;
    private readonly IServiceProvider _services;
    private readonly HostSemantics _semantics;
    private readonly IDocumentStore _state;
    private readonly AlertConsole _console;
    private readonly ILogger<LocalFunctionsHost> _logger;
    private readonly BlobTriggerListener _articles;
    private readonly QueueTriggerListener _articleEvents;
    private readonly QueueTriggerListener _deliveries;
    private readonly SendDigests _digests;
    private DateTimeOffset _nextDigestRun = DateTimeOffset.MinValue;

    public LocalFunctionsHost(IServiceProvider services, HostSemantics semantics)
    {
        _services = services;
        _semantics = semantics;
        _blobs = services.GetRequiredService<IBlobServiceClient>();
        _queues = services.GetRequiredService<IQueueServiceClient>();
        _state = services.GetRequiredService<IDocumentStore>();
        _console = services.GetRequiredService<AlertConsole>();
        _logger = services.GetRequiredService<ILogger<LocalFunctionsHost>>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var maxBytes = services.GetRequiredService<IOptions<ArticleLimits>>().Value.MaxBytes;

        _articles = new BlobTriggerListener(
            _blobs.GetContainer(PipelineNames.ArticlesContainer),
            _blobs.GetContainer(PipelineNames.HostsContainer),
            _queues.GetQueue(PipelineNames.ArticleEventsQueue),
            _queues.GetQueue(PipelineNames.BlobTriggerPoisonQueue),
            services.GetRequiredService<ExtractArticleEvents>(),
            services,
            semantics,
            maxBytes,
            loggers.CreateLogger<BlobTriggerListener>());

        var detect = services.GetRequiredService<DetectChanges>();
        _articleEvents = new QueueTriggerListener(
            nameof(DetectChanges),
            _queues.GetQueue(PipelineNames.ArticleEventsQueue),
            _queues.GetQueue(PipelineNames.PoisonQueueFor(PipelineNames.ArticleEventsQueue)),
            _queues.GetQueue(PipelineNames.AlertDeliveriesQueue),
            async (text, context) => await detect.Run(text, context),
            services,
            semantics,
            loggers.CreateLogger(typeof(DetectChanges).FullName!),
            maxParallelism: 1); // in arrival order locally; in Azure instances run it concurrently and ETags keep state safe

        var deliver = services.GetRequiredService<DeliverAlert>();
        _digests = services.GetRequiredService<SendDigests>();
        _deliveries = new QueueTriggerListener(
            nameof(DeliverAlert),
            _queues.GetQueue(PipelineNames.AlertDeliveriesQueue),
            _queues.GetQueue(PipelineNames.PoisonQueueFor(PipelineNames.AlertDeliveriesQueue)),
            null,
            async (text, context) =>
            {
                await deliver.Run(text, context);
                await _console.AnnounceAsync(AlertDeliveryMessage.Parse(text), context.CancellationToken);
                return [];
            },
            services,
            semantics,
            loggers.CreateLogger(typeof(DeliverAlert).FullName!),
            maxParallelism: 1); // in the order raised locally, so the console reads as a timeline; in Azure deliveries run concurrently
    }

    /// <summary>
    /// The timer trigger of <c>SendDigests</c>. Its schedule is every 15 minutes; the local host runs it every minute
    /// (and at start), which only makes a due digest go out sooner.
    /// </summary>
    private async Task RunTimerAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now < _nextDigestRun)
        {
            return;
        }

        _nextDigestRun = now.AddMinutes(1);
        var context = new LocalFunctionContext(nameof(SendDigests), _services, new Dictionary<string, object?>(), 0, 0, cancellationToken);
        try
        {
            await _digests.Run(new TimerInfo { IsPastDue = false }, context);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // As in the Functions host, a failed timer run is logged and the schedule goes on.
            LogTimerFailed(_logger, ex, nameof(SendDigests));
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Error, Message = "{FunctionName} failed; it runs again on its schedule")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string functionName);

    /// <summary>Creates every container and queue the functions and the host use (idempotent).</summary>
    public async Task EnsureStorageAsync(CancellationToken cancellationToken)
    {
        foreach (var container in new[] { PipelineNames.ArticlesContainer, PipelineNames.StateContainer, PipelineNames.QuarantineContainer, PipelineNames.HostsContainer })
        {
            await _blobs.GetContainer(container).CreateIfNotExistsAsync(cancellationToken);
        }

        foreach (var queue in new[]
                 {
                     PipelineNames.ArticleEventsQueue, PipelineNames.AlertDeliveriesQueue, PipelineNames.BlobTriggerPoisonQueue,
                     PipelineNames.PoisonQueueFor(PipelineNames.ArticleEventsQueue), PipelineNames.PoisonQueueFor(PipelineNames.AlertDeliveriesQueue),
                 })
        {
            await _queues.GetQueue(queue).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    /// <summary>Runs until cancelled, or with <paramref name="once"/> until the container and the queues are drained.</summary>
    public async Task RunAsync(bool once, CancellationToken cancellationToken)
    {
        var idle = TimeSpan.FromMilliseconds(50);
        var ceiling = _semantics.MaxPollingInterval < IdleCeiling ? _semantics.MaxPollingInterval : IdleCeiling;
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunTimerAsync(cancellationToken);
            var work = await _articles.ScanAsync(cancellationToken)
                + await _articleEvents.PollAsync(cancellationToken)
                + await _deliveries.PollAsync(cancellationToken);
            if (work > 0)
            {
                idle = TimeSpan.FromMilliseconds(50);
                continue;
            }

            if (once && await DrainedAsync(cancellationToken))
            {
                return;
            }

            await Task.Delay(idle, cancellationToken);
            idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, ceiling.Ticks));
        }
    }

    private async Task<bool> DrainedAsync(CancellationToken cancellationToken)
    {
        // Messages waiting out a visibility timeout still count: a retry is work not yet done.
        foreach (var queue in new[] { PipelineNames.ArticleEventsQueue, PipelineNames.AlertDeliveriesQueue })
        {
            if (await _queues.GetQueue(queue).GetApproximateMessageCountAsync(cancellationToken) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
