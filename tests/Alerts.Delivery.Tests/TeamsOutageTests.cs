using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Alerts.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

/// <summary>The one slow test (about 70 s of wall clock): a Teams outage of 60 s with the shipped retry settings.</summary>
public sealed class TeamsOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    /// <summary>host.json: <c>visibilityTimeout</c> 10 s, <c>maxDequeueCount</c> 5.</summary>
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    private const int MaxDequeueCount = 5;

    [Fact]
    public async Task DeliverAsync_SixtySecondOutage_EveryAlertDeliveredExactlyOnce()
    {
        var clock = Stopwatch.StartNew();
        var aborted = 0;
        var unavailable = 0;
        var delivered = new ConcurrentDictionary<string, int>();
        await using var listener = await LocalHttpListener.StartAsync(async (context, request) =>
        {
            if (clock.Elapsed < Outage / 2)
            {
                // First half: the connection is dropped without an answer.
                Interlocked.Increment(ref aborted);
                context.Abort();
                return;
            }

            if (clock.Elapsed < Outage)
            {
                Interlocked.Increment(ref unavailable);
                context.Response.StatusCode = 503;
                context.Response.Headers["Retry-After"] = "5";
                return;
            }

            delivered.AddOrUpdate(AlertIdOf(request.BodyText), 1, (_, n) => n + 1);
            await context.Response.WriteAsync("1");
        });

        var alerts = Enumerable.Range(1, 5).Select(i => TestAlerts.Attack($"outage{i}")).ToArray();
        var store = TestAlerts.StoreWith(alerts);
        await TestAlerts.PutSubscriptionsAsync(store, """{"subscribers":[{"id":"ops-teams","name":"Ops","channel":"teams","webhookSetting":"Teams__OpsChannel"}]}""");
        var deliverer = new AlertDeliverer(store, new SubscriptionCatalog(store), [Channel(listener)], TimeProvider.System, Options.Create(new DeliveryOptions()), NullLogger<AlertDeliverer>.Instance);
        var messages = alerts.Select(a => new AlertDeliveryMessage { AlertId = a.Id, SubscriberId = "ops-teams" }).ToArray();

        // The queue: each message is retried after the visibility timeout and poisoned after five dequeues.
        var poisoned = new ConcurrentBag<string>();
        await Task.WhenAll(messages.Select(async message =>
        {
            for (var dequeue = 1; ; dequeue++)
            {
                try
                {
                    await deliverer.DeliverAsync(message, CancellationToken.None);
                    return;
                }
                catch (DeliveryException) when (dequeue < MaxDequeueCount)
                {
                    await Task.Delay(VisibilityTimeout);
                }
                catch (DeliveryException)
                {
                    poisoned.Add(message.AlertId);
                    return;
                }
            }
        }));

        // A redelivered message (say, a lost completion) must not post again.
        foreach (var message in messages)
        {
            await deliverer.DeliverAsync(message, CancellationToken.None);
        }

        Assert.Empty(poisoned);
        Assert.True(aborted > 0 && unavailable > 0, $"the outage was exercised ({aborted} dropped, {unavailable} answered 503)");
        Assert.Equal(alerts.Select(a => a.Id).Order(), delivered.Keys.Order());
        Assert.All(delivered.Values, count => Assert.Equal(1, count));
        foreach (var alert in alerts)
        {
            var record = await deliverer.GetRecordAsync(alert.Id, "ops-teams", CancellationToken.None);
            Assert.Equal(DeliveryStatus.Sent, record!.Status);
        }
    }

    /// <summary>
    /// The channel with the shipped retry settings (<see cref="DeliveryOptions"/> defaults); only the allow-list is overridden to
    /// 127.0.0.1 with plain http on loopback, to reach the local listener.
    /// </summary>
    private static TeamsWebhookChannel Channel(LocalHttpListener listener)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Teams:OpsChannel"] = TeamsWebhookChannelTests.WebhookOn(listener).AbsoluteUri })
            .Build();
        var options = new DeliveryOptions { TeamsWebhookHosts = ["127.0.0.1"], AllowLoopbackHttpWebhooks = true };
        return new TeamsWebhookChannel(new AlertComposer(), configuration, Options.Create(options));
    }

    private static string AlertIdOf(string payload)
    {
        var facts = JsonNode.Parse(payload)!["attachments"]![0]!["content"]!["body"]!.AsArray().Single(b => (string?)b!["type"] == "FactSet")!["facts"]!.AsArray();
        return AlertTextEncoding.UnescapeMarkdown(facts.Single(f => (string?)f!["title"] == "Alert id")!["value"]!.GetValue<string>());
    }
}
