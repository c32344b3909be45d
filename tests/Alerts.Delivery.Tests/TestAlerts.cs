using System.Text.Json;
using Alerts.Core;

namespace Alerts.Delivery.Tests;

/// <summary>Invented alerts for tests (none of this text comes from a corpus).</summary>
internal static class TestAlerts
{
    public static Alert TalksSuspended(string id = "a1f3c9") => new()
    {
        Id = id,
        Kind = AlertKind.StatusChange,
        StorylineId = "varnia-border-talks",
        StorylineTitle = "Varnia–Ostrel border talks",
        EventType = EventType.TalksSuspended,
        Date = new DateOnly(2026, 3, 14),
        Location = "Port Kessling",
        EventKey = "talks_suspended|2026-03-14|Port Kessling",
        Headline = "Talks suspended: Varnia–Ostrel border talks",
        Summary = "Varnia's delegation walked out of the third round in Port Kessling and said the talks are suspended until further notice.",
        Change = new AlertChange("held", "suspended"),
        Actors = ["Varnia", "Ostrel"],
        Evidence =
        [
            new AlertEvidence("Varnia's chief negotiator announced on Saturday that the border talks were suspended.", "14-varnia-walkout.txt", "Harbour Ledger", "https://news.example.org/varnia-walkout", new DateTimeOffset(2026, 3, 14, 18, 5, 0, TimeSpan.Zero)),
            new AlertEvidence("Officials in Ostrel called the suspension regrettable but said the door remained open.", "15-ostrel-reaction.html", "Ostrel Daily", "https://ostrel.example.com/reaction", null),
        ],
        SourceCount = 2,
        Severity = Severity.High,
        Cameo = "164",
        Plover = "REJECT",
        ArticleName = "15-ostrel-reaction.html",
        ArticleId = "art-15",
        RaisedAt = new DateTimeOffset(2026, 3, 15, 7, 30, 0, TimeSpan.Zero),
    };

    public static Alert Attack(string id = "b7d210") => TalksSuspended(id) with
    {
        Kind = AlertKind.NewIncident,
        StorylineId = "northern-depot-attacks",
        StorylineTitle = "Attacks on the northern fuel depots",
        EventType = EventType.Attack,
        Location = "Drossel Depot",
        EventKey = "attack|2026-03-14|Drossel Depot",
        Headline = "Attack: drones hit Drossel Depot",
        Summary = "Three drones struck the Drossel fuel depot overnight.",
        Change = new AlertChange(null, "attack reported"),
        Killed = 2,
        Injured = 5,
        Actors = ["Red Crag militia"],
        Severity = Severity.Critical,
        Cameo = "190",
        Plover = "ASSAULT",
    };

    /// <summary>An alert whose article text tries every injection the renderers must neutralise.</summary>
    public static Alert Hostile() => TalksSuspended("hostile-1") with
    {
        Headline = "Talks <b>suspended</b>\r\nBcc: victim@example.org",
        Summary = "<script>alert(1)</script> **bold** {{user.name}} [click](javascript:alert(1))",
        Actors = ["<img src=x onerror=alert(1)>"],
        Evidence =
        [
            new AlertEvidence("<script>alert(1)</script> and <img src=x onerror=alert(1)>", "x.html", "[click](javascript:alert(1))", "javascript:alert(1)", null),
            new AlertEvidence("**bold** _it_ # heading `code` {{user.name}} {{DATE(2026-01-01T00:00:00Z)}}", "y.html", "<i>Gazette</i>", "https://ok.example.org/a?b=1&c=\"2\"", null),
            new AlertEvidence("[click](javascript:alert(1)) ![img](http://x/y.png)", "z.html", null, "data:text/html,<script>alert(1)</script>", null),
        ],
    };

    public static InMemoryDocumentStore StoreWith(params Alert[] alerts)
    {
        var store = new InMemoryDocumentStore();
        foreach (var alert in alerts)
        {
            store.PutAsync(ChangeProcessor.AlertPath(alert.Id), BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(alert, AlertsJsonContext.Default.Alert)), WriteCondition.None, default).GetAwaiter().GetResult();
        }

        return store;
    }

    public static Task PutSubscriptionsAsync(IDocumentStore store, string json)
        => store.PutAsync(SubscriptionCatalog.DocumentPath, BinaryData.FromString(json), WriteCondition.None, default);
}
