using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core;

namespace Alerts.Core.Tests;

public sealed class EventTypeInfoTests
{
    [Fact]
    public void WireName_OfEveryType_IsItsJsonName()
    {
        foreach (var type in Enum.GetValues<EventType>())
        {
            var json = JsonSerializer.Serialize(type, AlertsJsonContext.Default.EventType);

            Assert.Equal($"\"{EventTypeInfo.Of(type).WireName}\"", json);
            Assert.True(EventTypeInfo.TryParse(EventTypeInfo.Of(type).WireName, out var parsed));
            Assert.Equal(type, parsed);
        }
    }

    [Fact]
    public void Of_EveryType_DescribesThatTypeWithWordsAndAFamilyOfItsOwnKind()
    {
        foreach (var type in Enum.GetValues<EventType>())
        {
            var info = EventTypeInfo.Of(type);

            Assert.Equal(type, info.Type);
            Assert.False(string.IsNullOrWhiteSpace(info.Label));
            Assert.Equal(info.IsIncident, EventTypeInfo.Of(info.Family).IsIncident);
            Assert.True(!info.CarriesCasualties || info.IsIncident, $"{type} carries casualties but is no incident");
        }

        Assert.Equal(EventType.Attack, EventTypeInfo.Of(EventType.Airstrike).Family);
        Assert.True(EventTypeInfo.Of(EventType.CeasefireBroken).IsStatus && EventTypeInfo.Of(EventType.CeasefireBroken).IsIncident);
    }

    [Theory]
    [InlineData(EventType.Airstrike, "195", "ASSAULT")]
    [InlineData(EventType.TalksSuspended, "164", "REJECT")]
    [InlineData(EventType.Ceasefire, "0871", "RETREAT")]
    public void Codes_OfDocumentedTypes_MatchCameoAndPlover(EventType type, string cameo, string plover)
    {
        Assert.Equal(cameo, EventTypeInfo.Of(type).Cameo);
        Assert.Equal(plover, EventTypeInfo.Of(type).Plover);
    }

    [Fact]
    public void Alerts_TalksHeldAndDenials_AreKeptInStateOnly()
    {
        Assert.False(EventTypeInfo.Of(EventType.TalksHeld).Alerts);
        Assert.False(EventTypeInfo.Of(EventType.StatementDenial).Alerts);
        Assert.Equal(12, EventTypeInfo.Values.Count(i => i.Alerts));
    }
}

public sealed class InMemoryDocumentStoreTests
{
    private readonly InMemoryDocumentStore _store = new();

    [Fact]
    public async Task PutAsync_IfMatchWithAStaleETag_Conflicts()
    {
        var first = await _store.PutAsync("a.json", BinaryData.FromString("1"), WriteCondition.NotExists, default);
        await _store.PutAsync("a.json", BinaryData.FromString("2"), WriteCondition.Matches(first), default);

        await Assert.ThrowsAsync<DocumentConflictException>(() => _store.PutAsync("a.json", BinaryData.FromString("3"), WriteCondition.Matches(first), default));
        Assert.Equal("2", (await _store.GetAsync("a.json", default))!.Content.ToString());
    }

    [Fact]
    public async Task PutAsync_NotExistsOnAnExistingDocument_Conflicts()
    {
        await _store.PutAsync("a.json", BinaryData.FromString("1"), WriteCondition.None, default);

        await Assert.ThrowsAsync<DocumentConflictException>(() => _store.PutAsync("a.json", BinaryData.FromString("2"), WriteCondition.NotExists, default));
    }

    [Fact]
    public async Task PutAsync_ManyWritersWithOneETag_ExactlyOneWins()
    {
        var etag = await _store.PutAsync("a.json", BinaryData.FromString("0"), WriteCondition.None, default);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 16).Select(async i =>
        {
            try
            {
                await _store.PutAsync("a.json", BinaryData.FromString(i.ToString()), WriteCondition.Matches(etag), default);
                return true;
            }
            catch (DocumentConflictException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsMatchingPathsInOrdinalOrder()
    {
        foreach (var path in new[] { "b/2", "a/1", "b/1", "c" })
        {
            await _store.PutAsync(path, BinaryData.FromString("x"), WriteCondition.None, default);
        }

        var paths = new List<string>();
        await foreach (var path in _store.ListAsync("b/", default))
        {
            paths.Add(path);
        }

        Assert.Equal(["b/1", "b/2"], paths);
    }
}

/// <summary>The one read-modify-write of state: <see cref="DocumentStoreExtensions.UpdateAsync"/>.</summary>
public sealed partial class DocumentStoreUpdateTests
{
    private const string Path = "tally.json";

    private readonly InMemoryDocumentStore _store = new();

    [Fact]
    public async Task UpdateAsync_SomeoneWritesBetweenReadAndWrite_ReappliesTheChangeOnTheirDocument()
    {
        await PutAsync(new Tally(["a"]));
        var calls = 0;

        await _store.UpdateAsync(Path, TallyJson.Default.Tally, tally =>
        {
            if (calls++ == 0)
            {
                PutAsync(new Tally(["a", "b"])).GetAwaiter().GetResult(); // another instance wins the race
            }

            return tally! with { Items = [.. tally.Items, "c"] };
        }, maxAttempts: 3, default);

        Assert.Equal(2, calls);
        Assert.Equal(["a", "b", "c"], (await ReadAsync()).Items);
    }

    [Fact]
    public async Task UpdateAsync_NoDocumentYet_CreatesItOnlyIfStillAbsent()
    {
        var written = await _store.UpdateAsync(Path, TallyJson.Default.Tally, tally => tally ?? new Tally(["first"]), maxAttempts: 1, default);

        Assert.Equal(["first"], written!.Items);
        Assert.Equal(["first"], (await ReadAsync()).Items);
    }

    [Fact]
    public async Task UpdateAsync_MutateReturnsNull_WritesNothing()
    {
        var etag = await PutAsync(new Tally(["a"]));

        Assert.Null(await _store.UpdateAsync(Path, TallyJson.Default.Tally, _ => null, maxAttempts: 1, default));
        Assert.Equal(etag, (await _store.GetAsync(Path, default))!.ETag);
    }

    [Fact]
    public async Task UpdateAsync_LosesEveryRace_ThrowsTheConflictAfterMaxAttempts()
    {
        await PutAsync(new Tally([]));
        var calls = 0;

        await Assert.ThrowsAsync<DocumentConflictException>(() => _store.UpdateAsync(Path, TallyJson.Default.Tally, tally =>
        {
            calls++;
            PutAsync(new Tally([$"other-{calls}"])).GetAwaiter().GetResult();
            return tally! with { Items = ["mine"] };
        }, maxAttempts: 3, default));

        Assert.Equal(3, calls);
        Assert.Equal(["other-3"], (await ReadAsync()).Items);
    }

    private Task<string> PutAsync(Tally tally)
        => _store.PutAsync(Path, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(tally, TallyJson.Default.Tally)), WriteCondition.None, default);

    private async Task<Tally> ReadAsync()
        => JsonSerializer.Deserialize((await _store.GetAsync(Path, default))!.Content, TallyJson.Default.Tally)!;

    public sealed record Tally(List<string> Items);

    [System.Text.Json.Serialization.JsonSerializable(typeof(Tally))]
    private sealed partial class TallyJson : System.Text.Json.Serialization.JsonSerializerContext;
}

public sealed class ReplayRecordsTests
{
    [Fact]
    public void ForEvent_HedgedEvent_CarriesTheFieldsTheScorerReads()
    {
        var e = new ArticleEvent
        {
            Type = EventType.TalksSuspended,
            Date = new DateOnly(2026, 3, 6),
            Place = new Place("Istanbul"),
            Modality = Modality.Hedged,
            Evidence = new Evidence("Talks could be suspended.", 0, 25),
        };

        var record = JsonNode.Parse(ReplayRecords.ForEvent("20.json", e))!;

        Assert.Equal("event", (string?)record["record"]);
        Assert.Equal("20.json", (string?)record["article"]);
        Assert.Equal("talks_suspended", (string?)record["type"]);
        Assert.Equal("2026-03-06", (string?)record["date"]);
        Assert.Equal("Istanbul", (string?)record["location"]);
        Assert.True((bool)record["hedged"]!);
        Assert.False((bool)record["denied"]!);
        Assert.Equal("164", (string?)record["cameo"]);
    }

    [Fact]
    public void ForAlert_UndatedAlert_WritesANullDate()
    {
        var alert = new Alert
        {
            Id = "x", Kind = AlertKind.NewIncident, StorylineId = "s", StorylineTitle = "S", EventType = EventType.Attack,
            EventKey = "attack||Ain al-Asad Air Base", Headline = "h", Summary = "s", Change = new AlertChange(null, "attack"),
            Cameo = "190", Plover = "ASSAULT", ArticleName = "004.txt", ArticleId = "a", Location = "Ain al-Asad Air Base",
        };

        var record = JsonNode.Parse(ReplayRecords.ForAlert(alert))!;

        Assert.Equal("alert", (string?)record["record"]);
        Assert.Equal("004.txt", (string?)record["after"]);
        Assert.Equal("new_incident", (string?)record["kind"]);
        Assert.Null(record["date"]);
    }
}
