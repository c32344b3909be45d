using System.Reflection;
using Alerts.Core;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Tests;

/// <summary>The functions bind to the containers and queues the rest of the system (local host, infra) uses.</summary>
public sealed class FunctionBindingTests
{
    [Fact]
    public void ExtractArticleEvents_BindsBlobTriggerOnArticlesAndOutputsToArticleEventsQueue()
    {
        var method = typeof(ExtractArticleEvents).GetMethod(nameof(ExtractArticleEvents.Run))!;

        Assert.Equal(nameof(ExtractArticleEvents), method.GetCustomAttribute<FunctionAttribute>()!.Name);
        var trigger = method.GetParameters()[0].GetCustomAttribute<BlobTriggerAttribute>()!;
        Assert.Equal("articles/{name}", trigger.BlobPath);
        Assert.Equal("AzureWebJobsStorage", trigger.Connection);
        Assert.Equal(BlobTriggerSource.EventGrid, trigger.Source);
        Assert.Equal("article-events", method.GetCustomAttribute<QueueOutputAttribute>()!.QueueName);
        Assert.Equal("name", method.GetParameters()[1].Name);
    }

    [Fact]
    public void DetectChanges_TriggersOnArticleEventsAndOutputsToAlertDeliveries()
    {
        var method = typeof(DetectChanges).GetMethod(nameof(DetectChanges.Run))!;

        Assert.Equal(nameof(DetectChanges), method.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal("article-events", method.GetParameters()[0].GetCustomAttribute<QueueTriggerAttribute>()!.QueueName);
        Assert.Equal("alert-deliveries", method.GetCustomAttribute<QueueOutputAttribute>()!.QueueName);
        Assert.Equal(typeof(Task<string[]>), method.ReturnType);
    }

    [Fact]
    public void DeliverAlert_TriggersOnAlertDeliveries()
    {
        var method = typeof(DeliverAlert).GetMethod(nameof(DeliverAlert.Run))!;

        Assert.Equal(nameof(DeliverAlert), method.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal(PipelineNames.AlertDeliveriesQueue, method.GetParameters()[0].GetCustomAttribute<QueueTriggerAttribute>()!.QueueName);
        Assert.Null(method.GetCustomAttribute<QueueOutputAttribute>());
    }
}
