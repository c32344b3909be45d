using System.Reflection;
using System.Text.Json;
using Alerts.Core;
using Alerts.Delivery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Alerts.Functions.Tests;

public sealed class SendDigestsTests
{
    [Fact]
    public void Run_BindsTimerTriggerEveryFifteenMinutes()
    {
        var method = typeof(SendDigests).GetMethod(nameof(SendDigests.Run))!;

        Assert.Equal(nameof(SendDigests), method.GetCustomAttribute<FunctionAttribute>()!.Name);
        var trigger = method.GetParameters()[0].GetCustomAttribute<TimerTriggerAttribute>()!;
        Assert.Equal("0 */15 * * * *", trigger.Schedule);
        Assert.True(trigger.UseMonitor);
        Assert.False(trigger.RunOnStartup);
        Assert.Equal(typeof(TimerInfo), method.GetParameters()[0].ParameterType);
    }

    [Fact]
    public async Task Run_DueDigest_IsSentThroughTheDigestSender()
    {
        var store = new InMemoryDocumentStore();
        var alert = new Alert
        {
            Id = "c4e801",
            Kind = AlertKind.NewIncident,
            StorylineId = "harbour-talks",
            StorylineTitle = "Harbour talks",
            EventType = EventType.TalksHeld,
            EventKey = "talks_held|2026-11-20|Port Aster",
            Headline = "Talks held in Port Aster",
            Summary = "Delegations met at the harbour office.",
            Change = new AlertChange(null, "talks held"),
            Cameo = "043",
            Plover = "CONSULT",
            ArticleName = "harbour.txt",
            ArticleId = "art-9",
        };
        await store.PutAsync(ChangeProcessor.AlertPath(alert.Id), BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(alert, AlertsJsonContext.Default.Alert)), WriteCondition.None, CancellationToken.None);
        await store.PutAsync(
            SubscriptionCatalog.DocumentPath,
            BinaryData.FromString("""{ "subscribers": [ { "id": "night-desk", "name": "Night desk", "channel": "outbox", "mode": "digest", "digestHour": 7 } ] }"""),
            WriteCondition.None,
            CancellationToken.None);
        var time = new SettableTime { Now = new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero) };
        await new AlertRouter(new SubscriptionCatalog(store), store, time).RouteAsync(alert, CancellationToken.None);
        var channel = new RecordingChannel();
        var sender = new DigestSender(store, new SubscriptionCatalog(store), [channel], time, Options.Create(new DeliveryOptions()), NullLogger<DigestSender>.Instance);
        time.Now = new DateTimeOffset(2026, 11, 21, 7, 15, 0, TimeSpan.Zero);

        var router = new AlertRouter(new SubscriptionCatalog(store), store, time);
        var held = new HeldAlerts(store, router, new AlertDeliverer(store, new SubscriptionCatalog(store), [channel], time, Options.Create(new DeliveryOptions()), NullLogger<AlertDeliverer>.Instance), NullLogger<HeldAlerts>.Instance);

        await new SendDigests(sender, held).Run(new TimerInfo(), Mock.Of<FunctionContext>());

        var digest = Assert.Single(channel.Digests);
        Assert.Equal("night-desk", digest.Subscriber.Id);
        Assert.Equal("c4e801", Assert.Single(digest.Alerts).Id);
        Assert.Equal(DeliveryStatus.Sent, (await sender.GetDigestAsync("night-desk", new DateOnly(2026, 11, 21), CancellationToken.None))!.Status);
    }

    private sealed class SettableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class RecordingChannel : IAlertChannel
    {
        public ChannelKind Kind => ChannelKind.Outbox;

        public List<DigestDeliveryContext> Digests { get; } = [];

        public Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SendDigestAsync(DigestDeliveryContext digest, CancellationToken cancellationToken)
        {
            Digests.Add(digest);
            return Task.CompletedTask;
        }
    }
}
