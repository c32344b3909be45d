using Alerts.Core;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Blob trigger on <c>articles/{name}</c>: reads the article, extracts its events, emits one <c>article-events</c> message.</summary>
public sealed class ExtractArticleEvents(ArticleIntake intake)
{
    /// <returns>The message for <c>DetectChanges</c>, or null (no message) when the input was quarantined.</returns>
    [Function(nameof(ExtractArticleEvents))]
    [QueueOutput(PipelineNames.ArticleEventsQueue, Connection = PipelineNames.StorageConnection)]
    public Task<string?> Run(
        [BlobTrigger(PipelineNames.ArticlesPath, Connection = PipelineNames.StorageConnection, Source = BlobTriggerSource.EventGrid)] Stream blob,
        string name,
        FunctionContext context)
        => intake.ProcessAsync(name, blob, context.CancellationToken);
}
