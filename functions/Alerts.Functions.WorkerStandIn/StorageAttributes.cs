// Stand-in for Microsoft.Azure.Functions.Worker.Extensions.Storage.Blobs / .Queues: the attributes the functions use.
namespace Microsoft.Azure.Functions.Worker;

public enum BlobTriggerSource
{
    LogsAndContainerScan,
    EventGrid,
}

public sealed class BlobTriggerAttribute : TriggerBindingAttribute
{
    public BlobTriggerAttribute(string blobPath) => BlobPath = blobPath;

    public string BlobPath { get; }

    public string? Connection { get; set; }

    public BlobTriggerSource Source { get; set; } = BlobTriggerSource.LogsAndContainerScan;
}

public sealed class QueueTriggerAttribute : TriggerBindingAttribute
{
    public QueueTriggerAttribute(string queueName) => QueueName = queueName;

    public string QueueName { get; }

    public string? Connection { get; set; }
}

public sealed class QueueOutputAttribute : OutputBindingAttribute
{
    public QueueOutputAttribute(string queueName) => QueueName = queueName;

    public string QueueName { get; }

    public string? Connection { get; set; }
}
