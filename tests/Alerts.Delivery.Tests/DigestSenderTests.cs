using System.Text.Json.Nodes;
using Alerts.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

public sealed class DigestSenderTests : IDisposable
{
    private const string EmailDigestAtSeven = """
        { "subscribers": [ { "id": "morning-desk", "name": "Morning desk", "channel": "email", "email": "desk@example.org", "mode": "digest", "digestHour": 7 } ] }
        """;

    private const string OutboxDigestAtSeven = """
        { "subscribers": [ { "id": "morning-desk", "name": "Morning desk", "channel": "outbox", "mode": "digest", "digestHour": 7 } ] }
        """;

    private static readonly DateOnly Day = new(2026, 11, 21);

    private static string OutboxDigestIn(string timeZone, int digestHour) => $$"""
        { "subscribers": [ { "id": "morning-desk", "name": "Morning desk", "channel": "outbox", "mode": "digest", "digestHour": {{digestHour}}, "timeZone": "{{timeZone}}" } ] }
        """;

    private readonly DirectoryInfo _outbox = Directory.CreateTempSubdirectory("alerts-digest-");
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 21, 5, 30, 0, TimeSpan.Zero));

    public void Dispose() => _outbox.Delete(recursive: true);

    [Fact]
    public async Task SendDueAsync_BeforeAndAfterDigestHour_SendsOnceAt0701WithAllAlerts()
    {
        await using var server = new SmtpTestServer();
        var store = await RoutedStoreAsync(EmailDigestAtSeven, TestAlerts.TalksSuspended(), TestAlerts.Attack());
        var sender = Sender(store, SmtpChannel(server));

        _time.Now = new DateTimeOffset(2026, 11, 21, 6, 59, 0, TimeSpan.Zero);
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        Assert.Empty(server.Messages);
        Assert.Null((await sender.GetDigestAsync("morning-desk", Day, CancellationToken.None))!.Status);

        _time.Now = new DateTimeOffset(2026, 11, 21, 7, 1, 0, TimeSpan.Zero);
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));

        var mail = Assert.Single(server.Messages);
        Assert.Equal(["desk@example.org"], mail.RcptTo);
        var eml = ParsedEmail.Parse(mail.Data);
        Assert.Equal("Alerts digest: 2 alerts for 21 Nov 2026", eml.Header("Subject"));
        Assert.Contains(TestAlerts.TalksSuspended().Headline, eml.Text);
        Assert.Contains(TestAlerts.Attack().Headline, eml.Text);
        Assert.Contains("Alert a1f3c9", eml.Html);
        Assert.Contains("Alert b7d210", eml.Html);
        var digest = (await sender.GetDigestAsync("morning-desk", Day, CancellationToken.None))!;
        Assert.Equal(DeliveryStatus.Sent, digest.Status);
        Assert.Equal(ChannelKind.Smtp, digest.Channel);
        Assert.Equal(1, digest.Attempts);
        Assert.Equal(_time.Now, digest.SentAt);
    }

    [Fact]
    public async Task SendDueAsync_AlreadySent_IsNoOp()
    {
        await using var server = new SmtpTestServer();
        var store = await RoutedStoreAsync(EmailDigestAtSeven, TestAlerts.TalksSuspended());
        var sender = Sender(store, SmtpChannel(server));
        _time.Now = new DateTimeOffset(2026, 11, 21, 7, 1, 0, TimeSpan.Zero);
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));

        _time.Now = new DateTimeOffset(2026, 11, 21, 7, 16, 0, TimeSpan.Zero);
        var again = await sender.SendDueAsync(CancellationToken.None);

        Assert.Equal(0, again);
        Assert.Single(server.Messages);
        Assert.Equal(1, (await sender.GetDigestAsync("morning-desk", Day, CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task SendDueAsync_ChannelFails_RecordsRedactedFailureAndRetrySendsOnce()
    {
        var store = await RoutedStoreAsync(OutboxDigestAtSeven, TestAlerts.TalksSuspended(), TestAlerts.Attack());
        var channel = new FlakyDigestChannel(failures: 1);
        var sender = Sender(store, channel);
        _time.Now = new DateTimeOffset(2026, 11, 21, 7, 1, 0, TimeSpan.Zero);

        var failure = await Assert.ThrowsAsync<DeliveryException>(() => sender.SendDueAsync(CancellationToken.None));

        Assert.DoesNotContain("sig=", failure.Message, StringComparison.Ordinal);
        var failed = (await sender.GetDigestAsync("morning-desk", Day, CancellationToken.None))!;
        Assert.Equal(DeliveryStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("https://hooks.example.org", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(channel.Sent);

        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        var digest = Assert.Single(channel.Sent);
        Assert.Equal(["a1f3c9", "b7d210"], digest.Alerts.Select(a => a.Id));
        var record = (await sender.GetDigestAsync("morning-desk", Day, CancellationToken.None))!;
        Assert.Equal(DeliveryStatus.Sent, record.Status);
        Assert.Equal(2, record.Attempts);
        Assert.Null(record.LastError);
    }

    [Fact]
    public async Task SendDueAsync_HostileArticleText_DigestEmailAndCardAreInert()
    {
        var store = await RoutedStoreAsync(OutboxDigestAtSeven, TestAlerts.Hostile(), TestAlerts.Attack());
        var sender = Sender(store, OutboxChannel());
        _time.Now = new DateTimeOffset(2026, 11, 21, 7, 1, 0, TimeSpan.Zero);

        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));

        var stem = Path.Combine(_outbox.FullName, "digest-morning-desk-2026-11-21");
        var eml = ParsedEmail.Parse(await File.ReadAllTextAsync(stem + ".eml"));
        Assert.Equal("Alerts digest: 2 alerts for 21 Nov 2026", eml.Header("Subject"));
        Assert.DoesNotMatch("(?i)<script", eml.Html);
        Assert.DoesNotMatch("(?i)<img", eml.Html);
        Assert.DoesNotMatch("(?i)href=\"(javascript|data):", eml.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", eml.Html);
        Assert.DoesNotContain("<javascript:", eml.Text);
        var json = await File.ReadAllTextAsync(stem + ".card.json");
        Assert.DoesNotContain("<script", json, StringComparison.OrdinalIgnoreCase);
        var texts = JsonNode.Parse(json)!["attachments"]![0]!["content"]!["body"]!.AsArray().Select(b => (string?)b!["text"]).OfType<string>().ToList();
        Assert.Contains(texts, t => t.Contains(@"\<script\>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RouteAsync_DigestAlreadyPending_AddsAlertToNextDaysDigest()
    {
        var store = await RoutedStoreAsync(OutboxDigestAtSeven, TestAlerts.TalksSuspended());
        var channel = new FlakyDigestChannel(failures: 1);
        _time.Now = new DateTimeOffset(2026, 11, 21, 7, 1, 0, TimeSpan.Zero);
        await Assert.ThrowsAsync<DeliveryException>(() => Sender(store, channel).SendDueAsync(CancellationToken.None));

        _time.Now = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);
        await new AlertRouter(new SubscriptionCatalog(store), store, _time).RouteAsync(TestAlerts.Attack(), CancellationToken.None);

        var sender = Sender(store, channel);
        Assert.Equal(["a1f3c9"], (await sender.GetDigestAsync("morning-desk", Day, CancellationToken.None))!.AlertIds);
        Assert.Equal(["b7d210"], (await sender.GetDigestAsync("morning-desk", Day.AddDays(1), CancellationToken.None))!.AlertIds);
    }

    [Theory]
    [InlineData("America/Chicago", 7, "2026-11-21T03:00:00Z", "2026-11-21T13:00:00Z", "2026-11-21")] // routed 21:00 CST on the 20th: 07:00 CST, not UTC
    [InlineData("America/Chicago", 7, "2026-07-15T03:00:00Z", "2026-07-15T12:00:00Z", "2026-07-15")] // summer: 07:00 CDT
    [InlineData("America/Chicago", 22, "2026-11-21T03:00:00Z", "2026-11-21T04:00:00Z", "2026-11-20")] // local date behind UTC
    [InlineData("Asia/Beirut", 1, "2026-11-21T22:30:00Z", "2026-11-21T23:00:00Z", "2026-11-22")] // local date ahead of UTC: before UTC midnight
    [InlineData("America/Chicago", 2, "2026-03-07T12:00:00Z", "2026-03-08T08:00:00Z", "2026-03-08")] // spring forward: 02:00 is skipped, 03:00 CDT
    public async Task SendDueAsync_SubscriberTimeZone_SendsOnceAtTheLocalHour(string zone, int hour, string routedAt, string dueAt, string date)
    {
        _time.Now = DateTimeOffset.Parse(routedAt);
        var store = await RoutedStoreAsync(OutboxDigestIn(zone, hour), TestAlerts.TalksSuspended());
        var channel = new FlakyDigestChannel(failures: 0);
        var due = DateTimeOffset.Parse(dueAt);

        var sent = await SendAtAsync(Sender(store, channel), due.AddMinutes(-1), due, due.AddDays(1));
        Assert.Equal([0, 1, 0], sent);

        Assert.Equal(DateOnly.Parse(date), Assert.Single(channel.Sent).Date);
    }

    [Fact]
    public async Task SendDueAsync_TimeZoneEditedAfterFiling_KeepsTheStoredDueInstant()
    {
        _time.Now = new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
        var store = await RoutedStoreAsync(OutboxDigestIn("America/Chicago", 7), TestAlerts.TalksSuspended());
        await TestAlerts.PutSubscriptionsAsync(store, OutboxDigestIn("Asia/Beirut", 7));
        var sender = Sender(store, new FlakyDigestChannel(failures: 0));

        // 07:00 in Beirut, then 07:00 in Chicago.
        var sent = await SendAtAsync(sender, new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.Zero));
        Assert.Equal([0, 1], sent);
    }

    [Fact]
    public async Task SendDueAsync_DigestStoredWithoutDueAt_StillSendsAtTheUtcHour()
    {
        var store = TestAlerts.StoreWith(TestAlerts.TalksSuspended());
        await TestAlerts.PutSubscriptionsAsync(store, OutboxDigestIn("America/Chicago", 7));
        await store.PutAsync(
            DigestDocument.PathFor("morning-desk", Day),
            BinaryData.FromString("""{ "subscriberId": "morning-desk", "date": "2026-11-21", "digestHour": 7, "alertIds": ["a1f3c9"] }"""),
            WriteCondition.NotExists,
            CancellationToken.None);
        var channel = new FlakyDigestChannel(failures: 0);

        var sent = await SendAtAsync(Sender(store, channel), new DateTimeOffset(2026, 11, 21, 6, 59, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal([0, 1], sent);

        Assert.Equal(["a1f3c9"], Assert.Single(channel.Sent).Alerts.Select(a => a.Id));
    }

    [Fact]
    public async Task SendDigestAsync_Teams_PostsOneCardListingAlertsWithinSizeLimit()
    {
        await using var listener = await LocalHttpListener.StartAsync((context, _) => context.Response.WriteAsync("1"));
        var ops = new Subscriber("ops-teams", "Ops channel", SubscriberChannel.Teams, null, "Teams__OpsChannel", new SubscriptionFilter(), DeliveryMode.Digest, 7);
        Alert[] alerts = [.. Enumerable.Range(1, 40).Select(i => TestAlerts.Attack($"b7d2{i:00}"))];

        await TeamsWebhookChannelTests.Channel(TeamsWebhookChannelTests.WebhookOn(listener), maxPayloadBytes: 12 * 1024)
            .SendDigestAsync(new DigestDeliveryContext(ops, Day, alerts), CancellationToken.None);

        var request = Assert.Single(listener.Requests);
        Assert.True(request.Body.Length <= 12 * 1024);
        var card = JsonNode.Parse(request.BodyText)!["attachments"]![0]!["content"]!;
        var texts = card["body"]!.AsArray().Select(b => (string?)b!["text"]).OfType<string>().ToList();
        Assert.Equal("Alerts digest: 40 alerts for 21 Nov 2026", texts[0]);
        Assert.Contains(texts, t => t.EndsWith("more alerts are in the email digest.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddAlertsDelivery_Registers_DigestSender()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDocumentStore, InMemoryDocumentStore>();
        services.AddAlertsDelivery(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Equal(0, await provider.GetRequiredService<DigestSender>().SendDueAsync(CancellationToken.None));
    }

    private async Task<InMemoryDocumentStore> RoutedStoreAsync(string subscriptions, params Alert[] alerts)
    {
        var store = TestAlerts.StoreWith(alerts);
        await TestAlerts.PutSubscriptionsAsync(store, subscriptions);
        var router = new AlertRouter(new SubscriptionCatalog(store), store, _time);
        foreach (var alert in alerts)
        {
            Assert.Empty(await router.RouteAsync(alert, CancellationToken.None));
        }

        return store;
    }

    /// <summary>Runs the sender at each of <paramref name="times"/>; how many digests each run sent.</summary>
    private async Task<int[]> SendAtAsync(DigestSender sender, params DateTimeOffset[] times)
    {
        var sent = new List<int>();
        foreach (var now in times)
        {
            _time.Now = now;
            sent.Add(await sender.SendDueAsync(CancellationToken.None));
        }

        return [.. sent];
    }

    private DigestSender Sender(IDocumentStore store, IAlertChannel channel)
        => new(store, new SubscriptionCatalog(store), [channel], _time, Options.Create(new DeliveryOptions()), NullLogger<DigestSender>.Instance);

    private SmtpChannel SmtpChannel(SmtpTestServer server) => server.CreateChannel(_time);

    private OutboxFolderChannel OutboxChannel()
        => new(new AlertComposer(), Options.Create(new DeliveryOptions { OutboxPath = _outbox.FullName }), _time);

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>An outbox-kind channel whose first <c>failures</c> digest sends throw an error naming a secret webhook URL.</summary>
    private sealed class FlakyDigestChannel(int failures) : IAlertChannel
    {
        private int _failuresLeft = failures;

        public ChannelKind Kind => ChannelKind.Outbox;

        public List<DigestDeliveryContext> Sent { get; } = [];

        public Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SendDigestAsync(DigestDeliveryContext digest, CancellationToken cancellationToken)
        {
            if (_failuresLeft-- > 0)
            {
                throw new HttpRequestException("Connection reset by https://hooks.example.org/workflows/abc?sig=s3cr3t");
            }

            Sent.Add(digest);
            return Task.CompletedTask;
        }
    }
}
