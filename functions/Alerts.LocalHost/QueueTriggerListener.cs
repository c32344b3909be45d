using Alerts.Core;
using Alerts.Storage;
using Microsoft.Extensions.Logging;

namespace Alerts.LocalHost;

/// <summary>
/// A queue trigger, the way the Functions host runs it: messages are received in batches and leased while the function
/// runs; on success its output messages are sent and the message deleted; on failure the message becomes visible again
/// after <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c> attempts it moves to <c>&lt;queue&gt;-poison</c>.
/// </summary>
internal sealed partial class QueueTriggerListener(
    string functionName,
    IQueueClient queue,
    IQueueClient poison,
    IQueueClient? output,
    Func<string, LocalFunctionContext, Task<IReadOnlyList<string>>> invoke,
    IServiceProvider services,
    HostSemantics semantics,
    ILogger logger,
    int maxParallelism = -1)
{
    /// <summary>Runs the function once for each message of one batch.</summary>
    /// <returns>How many messages were received.</returns>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var messages = await queue.ReceiveAsync(semantics.BatchSize, semantics.Lease, cancellationToken);
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
            (message, ct) => new ValueTask(ProcessAsync(message, ct)));
        return messages.Count;
    }

    private async Task ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var context = new LocalFunctionContext(
            functionName,
            services,
            new Dictionary<string, object?> { ["Id"] = message.MessageId, ["DequeueCount"] = message.DequeueCount, ["QueueTrigger"] = message.Text },
            (int)message.DequeueCount - 1,
            semantics.MaxDequeueCount,
            cancellationToken);
        try
        {
            var outputs = await invoke(message.Text, context);
            if (output is not null)
            {
                foreach (var text in outputs)
                {
                    await output.SendAsync(text, cancellationToken: cancellationToken);
                }
            }

            await queue.DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= semantics.MaxDequeueCount)
            {
                LogPoisoned(logger, ex, functionName, message.MessageId, message.DequeueCount, poison.Name);
                await poison.SendAsync(message.Text, cancellationToken: cancellationToken);
                await queue.DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken);
                return;
            }

            LogRetry(logger, ex, functionName, message.MessageId, message.DequeueCount, semantics.MaxDequeueCount);
            await queue.UpdateAsync(message.MessageId, message.PopReceipt, semantics.VisibilityTimeout, cancellationToken: cancellationToken);
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "{FunctionName} failed for message {MessageId} (attempt {DequeueCount} of {MaxDequeueCount}); it will be retried")]
    private static partial void LogRetry(ILogger logger, Exception exception, string functionName, string messageId, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(EventId = 311, Level = LogLevel.Error, Message = "{FunctionName} failed {DequeueCount} times for message {MessageId}; moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, Exception exception, string functionName, string messageId, long dequeueCount, string poisonQueue);
}
