using Alerts.Core;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Queue trigger on <c>article-events</c>: applies the events to storyline state; each alert goes out as one delivery message per subscriber.</summary>
public sealed class DetectChanges(ChangeProcessor processor)
{
    [Function(nameof(DetectChanges))]
    [QueueOutput(PipelineNames.AlertDeliveriesQueue, Connection = PipelineNames.StorageConnection)]
    public async Task<string[]> Run(
        [QueueTrigger(PipelineNames.ArticleEventsQueue, Connection = PipelineNames.StorageConnection)] string message,
        FunctionContext context)
    {
        var result = await processor.ProcessAsync(message, context.CancellationToken);
        return [.. result.Deliveries];
    }
}
