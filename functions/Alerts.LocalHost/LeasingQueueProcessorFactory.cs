using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Queues;

namespace Alerts.LocalHost;

/// <summary>
/// The queue processor of the local host's queue triggers (<c>article-events</c>, <c>alert-deliveries</c>), through the engine's
/// <see cref="IQueueProcessorFactory"/> extension point. The engine's queue listener takes every message invisible for a fixed
/// 10 minutes and renews that while the function runs, so a message whose host was killed would come back only 10 minutes later.
/// Here a message taken for processing is leased for host.json's <c>visibilityTimeout</c> instead (at least
/// <see cref="MinimumLease"/>), renewed at half of it while the function runs: after a kill it is back within
/// <c>visibilityTimeout</c>, like a failed message. Completing, releasing and poisoning stay the engine's, on the renewed pop receipt.
/// (The blob trigger's internal queue does not go through this factory, by the engine's design; its messages keep the 10 minutes.)
/// </summary>
internal sealed class LeasingQueueProcessorFactory : IQueueProcessorFactory
{
    /// <summary>The shortest lease, for a <c>visibilityTimeout</c> of zero (retry at once).</summary>
    public static readonly TimeSpan MinimumLease = TimeSpan.FromSeconds(4);

    public QueueProcessor Create(QueueProcessorOptions context) => new LeasingQueueProcessor(context);

    private sealed class LeasingQueueProcessor(QueueProcessorOptions options) : QueueProcessor(options)
    {
        private readonly QueueClient _queue = options.Queue;
        private readonly TimeSpan _lease = options.Options.VisibilityTimeout > MinimumLease ? options.Options.VisibilityTimeout : MinimumLease;
        private readonly ConcurrentDictionary<string, MessageLease> _leases = new(StringComparer.Ordinal);

        protected override async Task<bool> BeginProcessingMessageAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            if (!await base.BeginProcessingMessageAsync(message, cancellationToken))
            {
                return false;
            }

            var lease = await MessageLease.TakeAsync(_queue, message, _lease, cancellationToken);
            if (lease is null)
            {
                return false; // deleted or taken over since it was received
            }

            _leases[message.MessageId] = lease;
            return true;
        }

        protected override async Task CompleteProcessingMessageAsync(QueueMessage message, FunctionResult result, CancellationToken cancellationToken)
        {
            if (_leases.TryRemove(message.MessageId, out var lease))
            {
                message = await lease.EndAsync();
            }

            await base.CompleteProcessingMessageAsync(message, result, cancellationToken);
        }
    }

    /// <summary>One message kept invisible for a lease period at a time, renewed at half of it until <see cref="EndAsync"/>.</summary>
    private sealed class MessageLease
    {
        private readonly CancellationTokenSource _end = new();
        private QueueMessage _message;
        private Task _renewing = Task.CompletedTask;

        private MessageLease(QueueMessage message) => _message = message;

        /// <returns>The lease; null when the message is gone or someone else holds it now.</returns>
        public static async Task<MessageLease?> TakeAsync(QueueClient queue, QueueMessage message, TimeSpan period, CancellationToken cancellationToken)
        {
            var lease = new MessageLease(message);
            try
            {
                await lease.RenewAsync(queue, period, cancellationToken);
            }
            catch (RequestFailedException exception) when (Lost(exception))
            {
                return null;
            }
            catch (Exception exception) when (exception is RequestFailedException or AggregateException)
            {
                // Storage is unreachable right now (after the client's retries): the engine's 10-minute lease still holds it.
            }

            lease._renewing = lease.KeepAsync(queue, period, cancellationToken);
            return lease;
        }

        /// <returns>The message with the pop receipt of the last renewal, for the engine to complete it with.</returns>
        public async Task<QueueMessage> EndAsync()
        {
            await _end.CancelAsync();
            await _renewing;
            _end.Dispose();
            return Volatile.Read(ref _message);
        }

        private async Task KeepAsync(QueueClient queue, TimeSpan period, CancellationToken hostStopping)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, _end.Token);
            using var timer = new PeriodicTimer(period / 2);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    try
                    {
                        await RenewAsync(queue, period, stop.Token);
                    }
                    catch (RequestFailedException exception) when (Lost(exception))
                    {
                        return;
                    }
                    catch (Exception exception) when (exception is RequestFailedException or AggregateException)
                    {
                        // Unreachable for now; the next tick tries again.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Ended, or the host is stopping.
            }
        }

        private async Task RenewAsync(QueueClient queue, TimeSpan period, CancellationToken cancellationToken)
        {
            var message = Volatile.Read(ref _message);
            UpdateReceipt receipt = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: period, cancellationToken: cancellationToken);
            Volatile.Write(ref _message, message.Update(receipt));
        }

        /// <summary>The message was deleted, or its pop receipt no longer matches: someone else has it.</summary>
        private static bool Lost(RequestFailedException exception)
            => exception.Status == 404 || (exception.Status == 400 && exception.ErrorCode == QueueErrorCode.PopReceiptMismatch.ToString());
    }
}
