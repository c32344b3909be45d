using System.Text.Json;
using Alerts.Core;

namespace Alerts.Delivery.Tests;

public sealed class AlertRouterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RouteAsync_NoSubscriptions_RoutesToLocalOutbox()
    {
        var store = new InMemoryDocumentStore();

        var ids = await new AlertRouter(new SubscriptionCatalog(store), store, new FixedTime(Now)).RouteAsync(TestAlerts.Attack(), CancellationToken.None);

        Assert.Equal(["local-outbox"], ids);
    }

    [Fact]
    public async Task RouteAsync_Subscriptions_ReturnsMatchingImmediateSubscribersOnly()
    {
        var store = new InMemoryDocumentStore();
        await TestAlerts.PutSubscriptionsAsync(store, SubscriptionCatalogTests.ValidDocument);
        var router = new AlertRouter(new SubscriptionCatalog(store), store, new FixedTime(Now));

        Assert.Equal(["ops-email", "ops-teams"], await router.RouteAsync(TestAlerts.Attack(), CancellationToken.None));
        Assert.Equal(["ops-teams"], await router.RouteAsync(TestAlerts.TalksSuspended(), CancellationToken.None));
        Assert.Empty(await router.RouteAsync(TestAlerts.Attack() with { Id = "low-attack", Severity = Severity.Low, Headline = "Attack", Summary = "-", StorylineTitle = "Northern attacks" }, CancellationToken.None));
    }

    [Fact]
    public async Task RouteAsync_SameAlertAfterASubscriberJoined_GoesToTheSubscribersOfItsFirstRouting()
    {
        var store = new InMemoryDocumentStore();
        await TestAlerts.PutSubscriptionsAsync(store, """{ "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox" } ] }""");
        var router = new AlertRouter(new SubscriptionCatalog(store), store, new FixedTime(Now));
        Assert.Equal(["desk"], await router.RouteAsync(TestAlerts.Attack(), CancellationToken.None));

        await TestAlerts.PutSubscriptionsAsync(store, """{ "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox" }, { "id": "late", "name": "Late", "channel": "outbox" } ] }""");

        Assert.Equal(["desk"], await router.RouteAsync(TestAlerts.Attack(), CancellationToken.None));
        Assert.Equal(["desk", "late"], await router.RouteAsync(TestAlerts.TalksSuspended(), CancellationToken.None));
    }

    [Fact]
    public async Task RouteAsync_SubscriptionsInvalid_HoldsTheAlertAndRoutesNobodyYet()
    {
        var store = new InMemoryDocumentStore();
        await TestAlerts.PutSubscriptionsAsync(store, """{ "subscribers": [ { "id": "Desk!", "name": "Desk", "channel": "outbox" } ] }""");
        var router = new AlertRouter(new SubscriptionCatalog(store), store, new FixedTime(Now));

        Assert.Null(await router.TryRouteAsync(TestAlerts.Attack(), CancellationToken.None));

        var held = await store.GetAsync(HeldAlert.PathFor(TestAlerts.Attack().Id), CancellationToken.None);
        Assert.NotNull(held);
        using var json = JsonDocument.Parse(held.Content.ToString());
        Assert.StartsWith("subscriber 'Desk!' (#1): id:", Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray()).GetString());
        Assert.Null(await store.GetAsync(AlertRouting.PathFor(TestAlerts.Attack().Id), CancellationToken.None));
    }

    [Fact]
    public async Task RouteAsync_DigestSubscriber_AddsAlertOnceToNextDigestDocument()
    {
        var store = new InMemoryDocumentStore();
        await TestAlerts.PutSubscriptionsAsync(store, SubscriptionCatalogTests.ValidDocument);
        var router = new AlertRouter(new SubscriptionCatalog(store), store, new FixedTime(Now));

        await router.RouteAsync(TestAlerts.TalksSuspended("t1"), CancellationToken.None);
        await router.RouteAsync(TestAlerts.TalksSuspended("t1"), CancellationToken.None);
        await router.RouteAsync(TestAlerts.TalksSuspended("t2"), CancellationToken.None);

        // 09:00 UTC is past the 07:00 digest, so the alerts wait for tomorrow's.
        var stored = await store.GetAsync("digests/morning-digest/2026-03-16.json", CancellationToken.None);
        Assert.NotNull(stored);
        var digest = JsonSerializer.Deserialize<DigestDocument>(stored.Content.ToString(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(["t1", "t2"], digest.AlertIds);
        Assert.Equal(7, digest.DigestHour);
    }

    [Theory]
    [InlineData("America/Chicago", 7, "2026-11-21T03:00:00Z", "2026-11-21", "2026-11-21T13:00:00Z")] // 21:00 CST on the 20th: next 07:00 CST
    [InlineData("America/Chicago", 7, "2026-07-15T03:00:00Z", "2026-07-15", "2026-07-15T12:00:00Z")] // 22:00 CDT on the 14th: next 07:00 CDT
    [InlineData("America/Chicago", 7, "2026-11-21T10:00:00Z", "2026-11-21", "2026-11-21T13:00:00Z")] // 04:00 CST: today's (UTC would say tomorrow)
    [InlineData("America/Chicago", 22, "2026-11-21T03:00:00Z", "2026-11-20", "2026-11-21T04:00:00Z")] // 21:00 CST on the 20th: the 20th's 22:00
    [InlineData("Asia/Beirut", 1, "2026-11-21T22:30:00Z", "2026-11-22", "2026-11-21T23:00:00Z")] // 00:30 EET on the 22nd: the 22nd's 01:00
    [InlineData("Central Standard Time", 7, "2026-11-21T03:00:00Z", "2026-11-21", "2026-11-21T13:00:00Z")] // a Windows id
    public async Task RouteAsync_DigestSubscriberInTimeZone_FilesUnderLocalDigestDateDueAtLocalHour(string zone, int hour, string now, string date, string dueAt)
    {
        var store = new InMemoryDocumentStore();
        await TestAlerts.PutSubscriptionsAsync(store, $$"""
            { "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox", "mode": "digest", "digestHour": {{hour}}, "timeZone": "{{zone}}" } ] }
            """);

        await new AlertRouter(new SubscriptionCatalog(store), store, new FixedTime(DateTimeOffset.Parse(now))).RouteAsync(TestAlerts.Attack(), CancellationToken.None);

        var stored = await store.GetAsync($"digests/desk/{date}.json", CancellationToken.None);
        Assert.NotNull(stored);
        var digest = JsonSerializer.Deserialize<DigestDocument>(stored.Content.ToString(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(DateTimeOffset.Parse(dueAt), digest.DueAt);
        Assert.Equal(zone, digest.TimeZone);
        Assert.Equal(["b7d210"], digest.AlertIds);
    }

    [Theory]
    [InlineData(6, 7, "2026-03-15")]
    [InlineData(7, 7, "2026-03-16")]
    [InlineData(23, 0, "2026-03-16")]
    public void DigestDate_Hour_NextDigestDay(int hourNow, int digestHour, string expected)
        => Assert.Equal(DateOnly.Parse(expected), DigestSchedule.DigestDate(new DateTimeOffset(2026, 3, 15, hourNow, 30, 0, TimeSpan.Zero), digestHour, TimeZoneInfo.Utc));
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
