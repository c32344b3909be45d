using Alerts.Core;

namespace Alerts.Delivery.Tests;

public sealed class SubscriptionCatalogTests
{
    internal const string ValidDocument = """
        {
          // Invented subscribers for tests.
          "subscribers": [
            { "id": "ops-email", "name": "Operations desk", "channel": "email", "email": "ops@example.org",
              "filters": { "eventTypes": ["attack", "airstrike"], "minSeverity": "high" } },
            { "id": "ops-teams", "name": "Ops channel", "channel": "teams", "webhookSetting": "Teams__OpsChannel",
              "filters": { "storylines": ["varnia-border-talks"], "keywords": ["depot"] } },
            { "id": "morning-digest", "name": "Morning digest", "channel": "email", "email": "digest@example.org",
              "mode": "digest", "digestHour": 7, "filters": { "places": ["Port Kessling"], "actors": ["Varnia"] } }
          ]
        }
        """;

    [Fact]
    public async Task GetSubscribersAsync_NoDocument_OnlyTheLocalOutbox()
    {
        var catalog = new SubscriptionCatalog(new InMemoryDocumentStore());

        var subscribers = await catalog.GetSubscribersAsync(CancellationToken.None);

        Assert.Equal([Subscriber.LocalOutbox], subscribers);
    }

    [Fact]
    public async Task GetSubscribersAsync_ValidDocument_ParsesChannelsFiltersAndModes()
    {
        var store = new InMemoryDocumentStore();
        await TestAlerts.PutSubscriptionsAsync(store, ValidDocument);

        var subscribers = await new SubscriptionCatalog(store).GetSubscribersAsync(CancellationToken.None);

        Assert.Equal(["ops-email", "ops-teams", "morning-digest"], subscribers.Select(s => s.Id));
        Assert.Equal([EventType.Attack, EventType.Airstrike], subscribers[0].Filter.EventTypes);
        Assert.Equal(Severity.High, subscribers[0].Filter.MinSeverity);
        Assert.Equal(SubscriberChannel.Teams, subscribers[1].Channel);
        Assert.Equal("Teams__OpsChannel", subscribers[1].WebhookSetting);
        Assert.Equal(DeliveryMode.Digest, subscribers[2].Mode);
        Assert.Equal(7, subscribers[2].DigestHour);
    }

    [Fact]
    public async Task GetSubscribersAsync_Unchanged_ReadsConditionallyAndDownloadsOnlyWhenTheETagChanged()
    {
        var store = new CountingStore();
        await TestAlerts.PutSubscriptionsAsync(store, ValidDocument);
        var catalog = new SubscriptionCatalog(store);

        var first = await catalog.GetSubscribersAsync(CancellationToken.None);
        var second = await catalog.GetSubscribersAsync(CancellationToken.None);
        await catalog.FindAsync("ops-email", CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(0, store.FullReads);
        Assert.Equal([null, store.ETag, store.ETag], store.KnownETags);
    }

    [Fact]
    public async Task GetSubscribersAsync_InvalidThenFixed_ThrowsWhileInvalidThenReturnsTheFixedList()
    {
        var store = new InMemoryDocumentStore();
        await TestAlerts.PutSubscriptionsAsync(store, "{ \"subscribers\": [ {");
        var catalog = new SubscriptionCatalog(store);

        await Assert.ThrowsAsync<SubscriptionsInvalidException>(() => catalog.GetSubscribersAsync(CancellationToken.None));
        await Assert.ThrowsAsync<SubscriptionsInvalidException>(() => catalog.GetSubscribersAsync(CancellationToken.None));
        await TestAlerts.PutSubscriptionsAsync(store, ValidDocument);

        Assert.Contains(await catalog.GetSubscribersAsync(CancellationToken.None), s => s.Id == "ops-email");
    }

    /// <summary>An in-memory store that records the ETag each conditional read of the catalog knew.</summary>
    private sealed class CountingStore : IDocumentStore
    {
        private readonly InMemoryDocumentStore _inner = new();

        public int FullReads { get; private set; }

        public List<string?> KnownETags { get; } = [];

        public string? ETag { get; private set; }

        public Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken)
        {
            FullReads++;
            return _inner.GetAsync(path, cancellationToken);
        }

        public async Task<StoredDocument?> GetIfChangedAsync(string path, string? knownETag, CancellationToken cancellationToken)
        {
            KnownETags.Add(knownETag);
            return await ((IDocumentStore)_inner).GetIfChangedAsync(path, knownETag, cancellationToken);
        }

        public async Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken)
            => ETag = await _inner.PutAsync(path, content, condition, cancellationToken);

        public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => _inner.ListAsync(prefix, cancellationToken);

        public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken) => _inner.DeleteAsync(path, cancellationToken);
    }

    [Fact]
    public async Task GetSubscribersAsync_DocumentEdited_ReloadsWhenETagChanges()
    {
        var store = new InMemoryDocumentStore();
        await TestAlerts.PutSubscriptionsAsync(store, ValidDocument);
        var catalog = new SubscriptionCatalog(store);
        var first = await catalog.GetSubscribersAsync(CancellationToken.None);
        Assert.Same(first, await catalog.GetSubscribersAsync(CancellationToken.None));

        await TestAlerts.PutSubscriptionsAsync(store, """{"subscribers":[{"id":"only","name":"Only","channel":"outbox"}]}""");
        var second = await catalog.GetSubscribersAsync(CancellationToken.None);

        Assert.Equal(["only"], second.Select(s => s.Id));
    }

    [Fact]
    public void Parse_InvalidDocument_ListsEveryProblemWithSubscriberAndField()
    {
        const string json = """
            { "subscribers": [
              { "id": "ok", "name": "Fine", "channel": "outbox" },
              { "id": "bad email", "name": "", "channel": "email", "email": "not-an-address" },
              { "id": "leaky", "name": "Leaky", "channel": "teams", "webhookSetting": "https://prod-1.westus.logic.azure.com/workflows/x?sig=abc" },
              { "id": "ok", "name": "Twice", "channel": "pager" },
              { "id": "late", "name": "Late", "channel": "outbox", "mode": "digest", "digestHour": 31,
                "filters": { "eventTypes": ["parade"], "minSeverity": "apocalyptic" } }
            ] }
            """;

        var ex = Assert.Throws<SubscriptionsInvalidException>(() => SubscriptionCatalog.Parse(json));

        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'bad email' (#2): id:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'bad email' (#2): name:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'bad email' (#2): email: 'not-an-address'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'leaky' (#3): webhookSetting: must be the NAME", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'ok' (#4): id: is used by an earlier subscriber", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'ok' (#4): channel: 'pager'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'late' (#5): digestHour:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'late' (#5): filters.eventTypes: 'parade'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("subscriber 'late' (#5): filters.minSeverity: 'apocalyptic'", StringComparison.Ordinal));
        Assert.Equal(9, ex.Errors.Count);
        Assert.DoesNotContain("sig=abc", ex.Message);
    }

    [Fact]
    public void Parse_UnknownTimeZone_ErrorNamesSubscriberAndField()
    {
        const string json = """
            { "subscribers": [
              { "id": "mars-desk", "name": "Mars desk", "channel": "outbox", "mode": "digest", "digestHour": 7, "timeZone": "Mars/Olympus_Mons" },
              { "id": "blank-zone", "name": "Blank", "channel": "outbox", "mode": "digest", "digestHour": 7, "timeZone": "" },
              { "id": "instant", "name": "Immediate", "channel": "outbox", "timeZone": "Mars/Olympus_Mons" }
            ] }
            """;

        var ex = Assert.Throws<SubscriptionsInvalidException>(() => SubscriptionCatalog.Parse(json));

        Assert.Equal(
            [
                "subscriber 'mars-desk' (#1): timeZone: 'Mars/Olympus_Mons' is not a known time zone: use an IANA id such as Europe/Berlin or America/Chicago, or leave it out for UTC.",
                "subscriber 'blank-zone' (#2): timeZone: '' is not a known time zone: use an IANA id such as Europe/Berlin or America/Chicago, or leave it out for UTC.",
            ],
            ex.Errors);
    }

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("Central Standard Time", "Central Standard Time")] // a Windows id, mapped by the runtime
    [InlineData(null, null)] // UTC
    public void Parse_DigestTimeZone_IanaOrWindowsIdResolvesAbsentIsUtc(string? timeZone, string? expectedId)
    {
        var zoneField = timeZone is null ? "" : $", \"timeZone\": \"{timeZone}\"";

        var subscriber = Assert.Single(SubscriptionCatalog.Parse($$"""
            { "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox", "mode": "digest", "digestHour": 7{{zoneField}} } ] }
            """));

        Assert.Equal(expectedId, subscriber.TimeZone?.Id);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{}", "\"subscribers\" array")]
    [InlineData("""{"subscribers":[{"id":"x","name":"X","channel":"email","digestHour":"seven"}]}""", "$.subscribers[0].digestHour")]
    public void Parse_MalformedDocument_SaysWhere(string json, string expected)
    {
        var ex = Assert.Throws<SubscriptionsInvalidException>(() => SubscriptionCatalog.Parse(json));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Matches_Filters_AllCriteriaMustHold()
    {
        var subscribers = SubscriptionCatalog.Parse(ValidDocument);
        var attack = TestAlerts.Attack();
        var talks = TestAlerts.TalksSuspended();

        Assert.True(subscribers[0].Filter.Matches(attack));
        Assert.False(subscribers[0].Filter.Matches(attack with { Severity = Severity.Medium }));
        Assert.False(subscribers[0].Filter.Matches(talks));
        Assert.True(subscribers[1].Filter.Matches(talks));
        Assert.True(subscribers[1].Filter.Matches(attack), "keyword 'depot' is in the headline");
        Assert.False(subscribers[1].Filter.Matches(attack with { Headline = "Attack", Summary = "x", StorylineTitle = "y" }));
        Assert.True(subscribers[2].Filter.Matches(talks));
        Assert.False(subscribers[2].Filter.Matches(talks with { Actors = ["Ostrel"] }));
    }
}

public sealed class SubscriptionsSampleTests
{
    [Fact]
    public void Parse_SampleShippedWithTheLibrary_IsValid()
    {
        var sample = FindSample();

        var subscribers = SubscriptionCatalog.Parse(File.ReadAllText(sample));

        Assert.Equal(["ops-email", "ops-teams", "morning-digest"], subscribers.Select(s => s.Id));
        Assert.Equal("Europe/Berlin", subscribers[2].TimeZone?.Id);
    }

    private static string FindSample()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "functions", "Alerts.Delivery", "subscriptions.sample.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("functions/Alerts.Delivery/subscriptions.sample.json was not found above the test assembly.");
    }
}
