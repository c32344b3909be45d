using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core;

/// <summary>The work of <c>ExtractArticleEvents</c>: read a dropped blob, extract its events, and build the message for change detection.</summary>
public sealed partial class ArticleIntake(
    IArticleReader reader,
    IEventExtractor extractor,
    IEnumerable<IEventEnricher> enrichers,
    IQuarantine quarantine,
    ArticleEventsCodec codec,
    IOptions<ArticleLimits> limits,
    ILogger<ArticleIntake> logger)
{
    /// <summary>Processes one blob.</summary>
    /// <returns>The queue message text for <c>article-events</c>, or null when the input was quarantined.</returns>
    public async Task<string?> ProcessAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.ActivitySource.StartActivity("ExtractArticleEvents");
        activity?.SetTag("alerts.article.name", name);
        AlertsTelemetry.ArticlesReceived.Add(1);

        if (BlobNames.Problem(name) is { } unsafeName)
        {
            // Never read, never used as a path: quarantined under an encoded key with its name kept as data.
            await QuarantineAsync(new ArticleInput(name, ReadOnlyMemory<byte>.Empty), new ArticleRejection(
                RejectionReason.UnsafeName, $"{unsafeName} Names are data, never paths: the file was not read. Rename it and drop it again."), cancellationToken);
            return null;
        }

        var maxBytes = limits.Value.MaxBytes;
        var (bytes, truncated) = await ReadAtMostAsync(content, maxBytes, cancellationToken);
        var input = new ArticleInput(name, bytes);
        if (truncated)
        {
            var rejection = new ArticleRejection(
                RejectionReason.TooLarge,
                $"The file is larger than the {maxBytes:N0}-byte limit (Articles:MaxBytes); the original stays in the '{PipelineNames.ArticlesContainer}' container.");
            await QuarantineAsync(input with { Content = ReadOnlyMemory<byte>.Empty }, rejection, cancellationToken);
            return null;
        }

        var result = reader.Read(input);
        if (result.Article is not { } article)
        {
            await QuarantineAsync(input, result.Rejection!, cancellationToken);
            return null;
        }

        IReadOnlyList<ArticleEvent> events;
        try
        {
            // On a worker thread, waited for at most MaxExtractionTime: a pathological text never holds up the next article
            // (the abandoned extraction finishes in the background; its result is dropped).
            events = await Task.Run(() => extractor.Extract(article), CancellationToken.None).WaitAsync(limits.Value.MaxExtractionTime, cancellationToken);
        }
        catch (TimeoutException)
        {
            var limit = limits.Value.MaxExtractionTime;
            await QuarantineAsync(input, new ArticleRejection(
                RejectionReason.TooComplex,
                $"Extracting events took longer than {limit.TotalSeconds:0.###} s (Articles:MaxExtractionTime) for {article.Text.Length:N0} characters of text; the article was set aside so the next one is not held up."),
                cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug in a rule must not hold up the pipeline: keep the input and its reason, go on with the next article.
            LogExtractionFailed(logger, ex, name);
            await QuarantineAsync(input, new ArticleRejection(RejectionReason.ProcessingFailed, $"Extraction failed: {ex.GetType().Name}: {ex.Message}"), cancellationToken);
            return null;
        }

        foreach (var enricher in enrichers)
        {
            events = await enricher.EnrichAsync(article, events, cancellationToken);
        }

        foreach (var e in events)
        {
            AlertsTelemetry.EventsExtracted.Add(1, new("type", EventTypeInfo.Of(e.Type).WireName), new("modality", e.Modality.ToString()));
        }

        LogExtracted(logger, name, article.Id, events.Count, events.Count(e => e.IsAsserted), article.Published);
        var message = new ArticleEventsMessage
        {
            ArticleId = article.Id,
            Name = name,
            Title = article.Title,
            Published = article.Published,
            PublishedSource = article.PublishedSource,
            Source = article.Source,
            Url = article.Url,
            Events = events,
        };
        return await codec.EncodeAsync(message, cancellationToken);
    }

    private async Task QuarantineAsync(ArticleInput input, ArticleRejection rejection, CancellationToken cancellationToken)
    {
        LogQuarantined(logger, input.Name, rejection.Reason, rejection.Message);
        AlertsTelemetry.ArticlesQuarantined.Add(1, new KeyValuePair<string, object?>("reason", rejection.Reason.ToString()));
        await quarantine.QuarantineAsync(input, rejection, cancellationToken);
    }

    private static async Task<(ReadOnlyMemory<byte> Bytes, bool Truncated)> ReadAtMostAsync(Stream content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > maxBytes)
        {
            return (ReadOnlyMemory<byte>.Empty, true);
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (ReadOnlyMemory<byte>.Empty, true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), false);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Article {Name} ({ArticleId}) yielded {EventCount} events, {AssertedCount} asserted; published {Published}")]
    private static partial void LogExtracted(ILogger logger, string name, string articleId, int eventCount, int assertedCount, DateTimeOffset? published);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Quarantined {Name}: {Reason}: {Detail}")]
    private static partial void LogQuarantined(ILogger logger, string name, RejectionReason reason, string detail);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Extraction failed for {Name}")]
    private static partial void LogExtractionFailed(ILogger logger, Exception exception, string name);
}
