namespace Alerts.Core;

/// <summary>Names of the containers, queues and connection the functions bind to. Constants, because binding attributes need them.</summary>
public static class PipelineNames
{
    /// <summary>The app setting (or setting prefix, for identity-based connections) of the storage account.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>Where articles are dropped.</summary>
    public const string ArticlesContainer = "articles";

    /// <summary>Blob trigger path of <c>ExtractArticleEvents</c>.</summary>
    public const string ArticlesPath = ArticlesContainer + "/{name}";

    /// <summary>Storyline state, applied-article ledger, alerts, deliveries and subscriptions.</summary>
    public const string StateContainer = "state";

    /// <summary>Refused inputs, each with its reason.</summary>
    public const string QuarantineContainer = "quarantine";

    /// <summary>From <c>ExtractArticleEvents</c> to <c>DetectChanges</c>.</summary>
    public const string ArticleEventsQueue = "article-events";

    /// <summary>From <c>DetectChanges</c> to <c>DeliverAlert</c>: one message per (alert, subscriber).</summary>
    public const string AlertDeliveriesQueue = "alert-deliveries";

    /// <summary>Where the Functions host keeps blob receipts (and the local host does the same).</summary>
    public const string HostsContainer = "azure-webjobs-hosts";

    /// <summary>Where the blob trigger sends a blob that failed <c>poisonBlobThreshold</c> times.</summary>
    public const string BlobTriggerPoisonQueue = "webjobs-blobtrigger-poison";

    public static string PoisonQueueFor(string queue) => queue + "-poison";
}
