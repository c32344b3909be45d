using System.Text.Json;
using Alerts.Core;
using static Alerts.Storylines.Tests.Builders;

namespace Alerts.Storylines.Tests;

/// <summary>Each change rule with small invented events (places, parties and outlets are made up).</summary>
public sealed class ChangeDetectorTests
{
    private readonly InMemoryDocumentStore _store = new();

    private Task<IReadOnlyList<Alert>> Apply(ArticleEventsMessage article) => Detector(_store).ApplyAsync(article, CancellationToken.None);

    private async Task<StorylineDocument> Storyline(string id)
    {
        var stored = await _store.GetAsync(ChangeDetector.StorylinePath(id), CancellationToken.None);
        Assert.NotNull(stored);
        return JsonSerializer.Deserialize(stored.Content, StorylineJsonContext.Default.StorylineDocument)!;
    }

    [Fact]
    public async Task ApplyAsync_FirstAttack_RaisesNewIncidentWithKeyEvidenceSourcesAndCodes()
    {
        var alerts = await Apply(Article("a1", "2031-05-02T09:00:00+04:00",
            Event(EventType.Attack, "2031-05-01", "Veyra Crossing", actors: ["Harrow Front"], killed: 2, injured: 4, sentence: "Mortar rounds hit the Veyra Crossing checkpoint.")));

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertKind.NewIncident, alert.Kind);
        Assert.Equal("attack|2031-05-01|Veyra Crossing", alert.EventKey);
        Assert.Equal(new DateOnly(2031, 5, 1), alert.Date);
        Assert.Equal("Veyra Crossing", alert.Location);
        Assert.Equal(("190", "ASSAULT"), (alert.Cameo, alert.Plover));
        Assert.Equal(Severity.High, alert.Severity);
        Assert.Equal(1, alert.SourceCount);
        Assert.Equal((2, 4), (alert.Killed, alert.Injured));
        Assert.Null(alert.Change.Before);
        Assert.Contains("2 killed, 4 injured", alert.Change.After);
        Assert.Contains("Veyra Crossing", alert.Headline);
        var evidence = Assert.Single(alert.Evidence);
        Assert.Equal(("Mortar rounds hit the Veyra Crossing checkpoint.", "a1", "Outlet a1", "https://example.org/a1"), (evidence.Sentence, evidence.ArticleName, evidence.Source, evidence.Url));
        Assert.Equal(Now, alert.RaisedAt);
        Assert.Equal(("a1", "id-a1"), (alert.ArticleName, alert.ArticleId));
        Assert.Equal(32, alert.Id.Length);
    }

    [Fact]
    public async Task ApplyAsync_SameIncidentFromOtherOutletsWithSpellingVariants_NoAlertButSourcesGrow()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Veyra Crossing", injured: 2)));

        Assert.Empty(await Apply(Article("a2", "2031-05-02T18:00:00+00:00", Event(EventType.Attack, "2031-05-02", "veyra-crossing", injured: 2))));
        Assert.Empty(await Apply(Article("a3", "2031-05-03T08:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Véyra Crossing garrison", injured: 1))));

        var known = Assert.Single((await Storyline("veyra-crossing")).Events);
        Assert.Equal(3, known.Sources.Count);
        Assert.Equal("attack|2031-05-01|Veyra Crossing", known.Key);
    }

    [Fact]
    public async Task ApplyAsync_TollRevisedFromTwoToFive_OneCasualtiesUpdateWithTheFirstKey()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel", killed: 2, sentence: "Two died at the lake.")));

        var update = Assert.Single(await Apply(Article("a2", "2031-05-03T09:00:00+00:00", Event(EventType.Attack, "2031-05-02", "Lake Ostrel", killed: 5, sentence: "The toll at the lake rose to five."))));
        Assert.Equal(AlertKind.CasualtiesUpdate, update.Kind);
        Assert.Equal("attack|2031-05-01|Lake Ostrel", update.EventKey);
        Assert.Equal(new AlertChange("2 killed", "5 killed"), update.Change);
        Assert.Equal(2, update.SourceCount);
        Assert.Equal(2, update.Evidence.Count);

        Assert.Empty(await Apply(Article("a3", "2031-05-04T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel", killed: 5))));
        Assert.Empty(await Apply(Article("a4", "2031-05-05T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel", killed: 3))));
    }

    [Fact]
    public async Task ApplyAsync_SecondAttackTheNextDayToldBesideTheFirst_NewIncidentNotATollRise()
    {
        await Apply(Article("a1", "2031-05-01T20:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel", killed: 9, sentence: "Blasts at the lake killed nine.")));

        var alerts = await Apply(Article("a2", "2031-05-02T20:00:00+00:00",
            Event(EventType.Attack, "2031-05-02", "Lake Ostrel", killed: 4, sentence: "A second wave of blasts killed four on Thursday."),
            Event(EventType.Attack, "2031-05-01", "Lake Ostrel", killed: 9, sentence: "The blasts a day earlier had killed nine.")));

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertKind.NewIncident, alert.Kind);
        Assert.Equal("attack|2031-05-02|Lake Ostrel", alert.EventKey);
    }

    [Fact]
    public async Task ApplyAsync_BorderClashRetoldAtAVillageOnOneSide_CasualtiesUpdateOfTheBorderIncident()
    {
        var border = new Place("Ostrel-Varna border", Kind: "border", Within: ["Ostrel", "Varna"]);
        var village = new Place("Kelmo", Province: "Lake District", Country: "Varna", Kind: "town", Within: ["Lake District", "Varna"]);
        await Apply(Article("a1", "2031-05-01T20:00:00+00:00", Event(EventType.Attack, "2031-05-01", null, killed: 2) with { Place = border }));

        var update = Assert.Single(await Apply(Article("a2", "2031-05-02T20:00:00+00:00", Event(EventType.Attack, "2031-05-01", null, killed: 12) with { Place = village })));

        Assert.Equal(AlertKind.CasualtiesUpdate, update.Kind);
        Assert.Equal("attack|2031-05-01|Ostrel-Varna border", update.EventKey);
    }

    [Fact]
    public async Task ApplyAsync_TollRisenAWeekLaterWithNoDayInTheText_CasualtiesUpdateOfTheKnownIncident()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-04-27", "Tarvel", killed: 40, sentence: "Forty died as the town fell.")));

        // "The fighting for the town has left 90 dead": no day in the text, so the article's own day stands in.
        var inferred = Event(EventType.Attack, "2031-05-06", "Tarvel", killed: 90, sentence: "The fighting for the town has left 90 dead.") with { DateBasis = DateBasis.Inferred };
        var update = Assert.Single(await Apply(Article("a2", "2031-05-06T09:00:00+00:00", inferred)));
        Assert.Equal(AlertKind.CasualtiesUpdate, update.Kind);
        Assert.Equal("attack|2031-04-27|Tarvel", update.EventKey);

        // Told with its own day, the same wording is a new incident.
        var dated = Event(EventType.Attack, "2031-05-06", "Tarvel", killed: 3, sentence: "Shelling of the town killed three on Tuesday.") with { DateBasis = DateBasis.Relative };
        Assert.Equal(AlertKind.NewIncident, Assert.Single(await Apply(Article("a3", "2031-05-07T09:00:00+00:00", dated))).Kind);
    }

    [Fact]
    public async Task ApplyAsync_AirStrikeAndBorderClashesToldApartInOneArticle_TwoNewIncidents()
    {
        var strike = Event(EventType.Airstrike, "2031-05-01", "Aldonia", sentence: "A jet bombed targets in Aldonia.");
        var clashes = Event(EventType.Attack, "2031-05-01", null, killed: 2, sentence: "Border clashes killed two.")
            with { Place = new Place("Aldonia-Brevia border", Kind: "border", Within: ["Aldonia", "Brevia"]) };

        var alerts = await Apply(Article("b1", "2031-05-01T18:00:00+00:00", strike, clashes));

        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(AlertKind.NewIncident, a.Kind));
        Assert.Equal(2, alerts.Single(a => a.EventType == EventType.Attack).Killed);
    }

    [Fact]
    public async Task ApplyAsync_SuspensionRetoldDaysLaterWithNoDayInTheText_NoSecondAlert()
    {
        var first = Assert.Single(await Apply(Article("s1", "2031-05-02T09:00:00+00:00", Event(EventType.TalksSuspended, "2031-05-02", "Orvale", ["Aldonia", "Brevia"]))));
        Assert.Equal(AlertKind.StatusChange, first.Kind);

        // "…including the suspension of the talks": no day in the text, so the article's own day stands in.
        var retold = Event(EventType.TalksSuspended, "2031-05-06", "Orvale", ["Aldonia", "Brevia"]) with { DateBasis = DateBasis.Inferred };
        Assert.Empty(await Apply(Article("s2", "2031-05-06T09:00:00+00:00", retold)));
    }

    [Fact]
    public async Task ApplyAsync_LaterReportNamingOnlyTheDistrict_IsTheSameIncidentOfTheCity()
    {
        var whole = Event(EventType.Airstrike, "2031-05-01", "Tirel", killed: 3, sentence: "Jets hit the Marrow district of Tirel.") with
        {
            Place = new Place("Tirel", NamedAs: "Marrow"),
        };
        Assert.Single(await Apply(Article("a1", "2031-05-02T09:00:00+00:00", whole)));

        var update = Assert.Single(await Apply(Article("a2", "2031-05-03T09:00:00+00:00", Event(EventType.Airstrike, "2031-05-01", "Marrow", killed: 5, sentence: "Five died in the strike on Marrow."))));

        Assert.Equal(AlertKind.CasualtiesUpdate, update.Kind);
        Assert.Equal("airstrike|2031-05-01|Tirel", update.EventKey);
        Assert.Empty(await Apply(Article("a3", "2031-05-04T09:00:00+00:00", Event(EventType.Airstrike, "2031-05-01", "Marrow", killed: 5))));
    }

    [Fact]
    public async Task ApplyAsync_NoCasualtiesThenTwoInjured_CasualtiesUpdate()
    {
        Assert.Single(await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel"))));

        var update = Assert.Single(await Apply(Article("a2", "2031-05-02T19:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel", injured: 2))));

        Assert.Equal(AlertKind.CasualtiesUpdate, update.Kind);
        Assert.Equal(new AlertChange("no casualties reported", "2 injured"), update.Change);
    }

    [Fact]
    public async Task ApplyAsync_SamePlaceTwoDaysApart_SeparateAlertButAnAirstrikeThereThatDay_IsTheSameIncident()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel")));

        var alerts = await Apply(Article("a2", "2031-05-04T09:00:00+00:00",
            Event(EventType.Attack, "2031-05-03", "Lake Ostrel"),
            Event(EventType.Airstrike, "2031-05-01", "Lake Ostrel")));

        // One outlet's "attack" is another's "air strike": the type family, the day and the place make one incident.
        Assert.Equal(["NewIncident:attack|2031-05-03|Lake Ostrel"], alerts.Select(a => a.Key()));
    }

    [Fact]
    public async Task ApplyAsync_HedgedThenConfirmed_AlertsOnceOnTheConfirmedReport()
    {
        var hedged = await Apply(Article("a1", "2031-05-02T09:00:00+00:00",
            Event(EventType.TalksSuspended, "2031-05-02", "Tarn Harbour", modality: Modality.Hedged),
            Event(EventType.Ceasefire, null, "Tarn Harbour", modality: Modality.Future)));
        Assert.Empty(hedged);
        Assert.Null(await _store.GetAsync(ChangeDetector.StorylinePath("tarn-harbour"), CancellationToken.None));

        var confirmed = Assert.Single(await Apply(Article("a2", "2031-05-03T09:00:00+00:00", Event(EventType.TalksSuspended, "2031-05-02", "Tarn Harbour", actors: ["Tarn Council"]))));
        Assert.Equal(AlertKind.StatusChange, confirmed.Kind);
        Assert.Equal(("164", "REJECT"), (confirmed.Cameo, confirmed.Plover));
        Assert.Empty(await Apply(Article("a3", "2031-05-03T12:00:00+00:00", Event(EventType.TalksSuspended, "2031-05-03", "Tarn Harbour"))));
    }

    [Fact]
    public async Task ApplyAsync_DeniedEventAndDenialStatement_NoAlertAndStatusUnchanged()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.TalksResumed, "2031-05-02", "Tarn Harbour")));

        var alerts = await Apply(Article("a2", "2031-05-04T09:00:00+00:00",
            Event(EventType.TalksSuspended, "2031-05-04", "Tarn Harbour", modality: Modality.Denied),
            Event(EventType.Attack, "2031-05-04", "Tarn Harbour", modality: Modality.Negated),
            Event(EventType.StatementDenial, "2031-05-04", "Tarn Harbour", actors: ["Tarn Council"])));

        Assert.Empty(alerts);
        var storyline = await Storyline("tarn-harbour");
        Assert.Equal(NegotiationStatus.Resumed, storyline.Status);
        Assert.DoesNotContain(storyline.Events, k => k.Type is EventType.TalksSuspended or EventType.Attack);
        Assert.Contains(storyline.Events, k => k.Type == EventType.StatementDenial);
    }

    [Fact]
    public async Task ApplyAsync_TalksHeld_KeptInStateNeverAlerts()
    {
        var alerts = await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.TalksHeld, "2031-05-01", "Tarn Harbour", actors: ["Tarn Council", "Salt Coast League"])));

        Assert.Empty(alerts);
        var storyline = await Storyline("tarn-harbour");
        Assert.Equal((NegotiationStatus.Ongoing, new DateOnly(2031, 5, 1)), (storyline.Status, storyline.StatusDate));
        Assert.Equal(["Tarn Council", "Salt Coast League"], storyline.Parties);
        Assert.Equal("Tarn Council – Salt Coast League talks (Tarn Harbour)", storyline.Title);
    }

    [Fact]
    public async Task ApplyAsync_EventFromMoreThanThirtyDaysBeforeOrMarkedBackground_HistoryWithoutAlert()
    {
        var alerts = await Apply(Article("a1", "2031-05-02T09:00:00+00:00",
            Event(EventType.Attack, "2019-03-11", "Lake Ostrel", killed: 14),
            Event(EventType.Airstrike, "2031-04-25", "Lake Ostrel", background: true),
            Event(EventType.Agreement, "2031-03-20", "Lake Ostrel")));

        Assert.Empty(alerts);
        var storyline = await Storyline("lake-ostrel");
        Assert.All(storyline.Events, k => Assert.True(k.IsHistory));
        Assert.Equal(NegotiationStatus.Unknown, storyline.Status);

        // A later report of the old attack is a repeat, not a new incident.
        Assert.Empty(await Apply(Article("a2", "2031-05-09T09:00:00+00:00", Event(EventType.Attack, "2019-03-11", "Lake Ostrel", killed: 14))));
    }

    [Fact]
    public async Task ApplyAsync_UndatedTalksAfterSuspension_StatusStaysSuspendedAndNoAlert()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.TalksSuspended, "2031-05-01", "Tarn Harbour", actors: ["Tarn Council", "Salt Coast League"])));

        // An old, undated article: talks in another city between the same parties, and a resumption.
        var alerts = await Apply(Article("a2", null,
            Event(EventType.TalksHeld, null, "Greyford", actors: ["Salt Coast League", "Tarn Council"]),
            Event(EventType.TalksResumed, null, "Tarn Harbour")));

        Assert.Empty(alerts);
        var storyline = await Storyline("tarn-harbour");
        Assert.Equal(NegotiationStatus.Suspended, storyline.Status);
        Assert.Equal(3, storyline.History.Count);
        Assert.All(storyline.History.Where(h => h.ArticleId == "id-a2"), h => Assert.False(h.SetStatus));
    }

    [Fact]
    public async Task ApplyAsync_OlderStatusLearntLate_AlertsOnceButKeepsTheNewerStatus()
    {
        await Apply(Article("a1", "2031-05-10T09:00:00+00:00", Event(EventType.TalksResumed, "2031-05-10", "Tarn Harbour")));

        var late = Assert.Single(await Apply(Article("a2", "2031-05-11T09:00:00+00:00", Event(EventType.TalksPostponed, "2031-05-03", "Tarn Harbour"))));

        Assert.Equal(AlertKind.StatusChange, late.Kind);
        Assert.Equal(Severity.Low, late.Severity);
        Assert.Contains("history", late.Summary);
        var storyline = await Storyline("tarn-harbour");
        Assert.Equal((NegotiationStatus.Resumed, new DateOnly(2031, 5, 10)), (storyline.Status, storyline.StatusDate));
    }

    [Fact]
    public async Task ApplyAsync_StatusChanges_CarryBeforeAndAfter()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Ceasefire, "2031-05-02", "Tarn Harbour")));

        var broken = Assert.Single(await Apply(Article("a2", "2031-05-09T09:00:00+00:00", Event(EventType.CeasefireBroken, "2031-05-08", "Tarn Harbour"))));

        Assert.Equal(new AlertChange("ceasefire in force since 2 May 2031", "Ceasefire broken on 8 May 2031"), broken.Change);
        Assert.Equal(Severity.High, broken.Severity);
        Assert.Equal(NegotiationStatus.CeasefireBroken, (await Storyline("tarn-harbour")).Status);
    }

    [Fact]
    public async Task ApplyAsync_UndatedStatusEvent_NeverAlerts()
    {
        Assert.Empty(await Apply(Article("a1", null, Event(EventType.Agreement, null, "Tarn Harbour"))));
    }

    [Fact]
    public async Task ApplyAsync_UndatedAttackWithOverlappingActors_IsTheKnownIncident()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Camp Sarn", actors: ["Order of Crimson Wardens"])));

        Assert.Empty(await Apply(Article("a2", null, Event(EventType.Attack, null, "Camp Sarn Air Base", actors: ["the wardens"], weapons: ["two rockets"]))));
        Assert.Equal(2, Assert.Single((await Storyline("sarn")).Events).Sources.Count);
    }

    [Fact]
    public async Task ApplyAsync_UndatedAttackWithOtherActors_NewIncidentWithoutDate()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Camp Sarn", actors: ["Order of Crimson Wardens"], weapons: ["rockets"])));

        var alert = Assert.Single(await Apply(Article("a2", null, Event(EventType.Attack, null, "Camp Sarn", actors: ["Grey Ridge Battalion"], weapons: ["rockets"]))));

        Assert.Equal(("attack||Camp Sarn", (DateOnly?)null), (alert.EventKey, alert.Date));
        Assert.Empty(await Apply(Article("a3", null, Event(EventType.Attack, null, "Camp Sarn", actors: ["Grey Ridge"]))));
    }

    [Fact]
    public async Task ApplyAsync_CeasefireViolatedByAttack_TwoAlertsFromOneArticle()
    {
        var alerts = await Apply(Article("a1", "2031-05-02T09:00:00+00:00",
            Event(EventType.Attack, "2031-05-01", "Tarn Harbour", killed: 12),
            Event(EventType.CeasefireBroken, "2031-05-01", "Tarn Harbour")));

        Assert.Equal(["NewIncident:attack|2031-05-01|Tarn Harbour", "StatusChange:ceasefire_broken|2031-05-01|Tarn Harbour"], alerts.Select(a => a.Key()));
        Assert.Equal(Severity.Critical, alerts[0].Severity);
    }

    [Fact]
    public async Task ApplyAsync_FirstConfirmedCasualtyReport_CasualtiesUpdate()
    {
        var alert = Assert.Single(await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Casualties, "2031-04-28", "Upper Dell", killed: 1))));

        Assert.Equal(AlertKind.CasualtiesUpdate, alert.Kind);
        Assert.Equal(new AlertChange(null, "1 killed"), alert.Change);
    }

    [Fact]
    public async Task ApplyAsync_SameArticleAgainOrUnderAnotherName_ReturnsTheFirstAlertsAndChangesNothing()
    {
        var article = Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel", injured: 3));
        var first = await Apply(article);

        var again = await Apply(article);
        var renamed = await Apply(article with { Name = "a1-copy.txt", Source = "Other outlet" });

        Assert.Equal(Json(first), Json(again));
        Assert.Equal(Json(first), Json(renamed));
        Assert.Single(Assert.Single((await Storyline("lake-ostrel")).Events).Sources);
    }

    [Fact]
    public async Task ApplyAsync_SameChangeInTwoStores_SameAlertId()
    {
        var article = Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Airstrike, "2031-05-01", "Upper Dell"));

        var one = await Detector(new InMemoryDocumentStore()).ApplyAsync(article, CancellationToken.None);
        var two = await Detector(new InMemoryDocumentStore()).ApplyAsync(article with { ArticleId = "other" }, CancellationToken.None);

        Assert.Equal(Assert.Single(one).Id, Assert.Single(two).Id);
    }

    [Fact]
    public async Task ApplyAsync_ArticleWithoutAssertedEvents_NoAlertsAndLedgerWritten()
    {
        Assert.Empty(await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.Attack, "2031-05-01", "Lake Ostrel", modality: Modality.Hedged))));

        Assert.NotNull(await _store.GetAsync(ChangeDetector.LedgerPath("id-a1"), CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_TalksMoveToANewVenueWithTheSameParties_SameStorylineAndStatusCarriesOver()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.TalksSuspended, "2031-05-01", "Vell", actors: ["Tarn Council", "Salt Coast League"])));

        var resumed = Assert.Single(await Apply(Article("a2", "2031-05-20T09:00:00+00:00", Event(EventType.TalksResumed, "2031-05-19", "Ostmark", actors: ["Salt Coast League", "Tarn Council"]))));

        Assert.Equal("vell", resumed.StorylineId);
        Assert.Equal("talks suspended since 1 May 2031", resumed.Change.Before);
        Assert.Equal(["Vell", "Ostmark"], (await Storyline("vell")).Places);
    }

    [Fact]
    public async Task ApplyAsync_StatusDatelinedFromOnePartysCapital_RepeatOfTheKnownStatus()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.TalksHeld, "2031-04-20", "Tarn Harbour", actors: ["Tarn Council", "Salt Coast League", "United Nations"])));
        Assert.Single(await Apply(Article("a2", "2031-05-02T10:00:00+00:00", Event(EventType.TalksSuspended, "2031-05-01", "Greyford", actors: ["Salt Coast League"]))));

        Assert.Empty(await Apply(Article("a3", "2031-05-03T10:00:00+00:00", Event(EventType.TalksSuspended, "2031-05-02", "Tarn Harbour", actors: ["Tarn Council"]))));
        Assert.Equal(NegotiationStatus.Suspended, (await Storyline("tarn-harbour")).Status);
    }

    [Fact]
    public async Task ApplyAsync_OtherTalksSharingOnlyTheMediator_SeparateStoryline()
    {
        await Apply(Article("a1", "2031-05-02T09:00:00+00:00", Event(EventType.TalksHeld, "2031-05-01", "Tarn Harbour", actors: ["Tarn Council", "Salt Coast League", "United Nations"])));

        var alert = Assert.Single(await Apply(Article("a2", "2031-05-03T09:00:00+00:00", Event(EventType.Agreement, "2031-05-03", "Lake Ostrel", actors: ["Ostrel Fishers Union", "Dell Republic", "United Nations"]))));

        Assert.Equal("lake-ostrel", alert.StorylineId);
    }

    [Fact]
    public async Task ApplyAsync_ArticleRaisingMoreThanTheCap_MergesTheExcessIntoOneAlertWithTheirEvidence()
    {
        string[] hamlets = ["Orvane", "Belmoss", "Tarrow", "Quillby", "Sennet", "Marrow", "Feldane", "Corvish", "Dunmere", "Yarrick",
            "Pellow", "Ashgrove", "Brindle", "Kestwick", "Lornay", "Mistral", "Norrow", "Ottery", "Ravelin", "Stourby"];
        var flood = Article("flood", "2031-05-20T09:00:00+00:00", [.. hamlets.Select((hamlet, i) =>
            Event(EventType.Attack, $"2031-05-{1 + i % 10:00}", hamlet, killed: i + 1, sentence: $"Gunmen raided {hamlet} and killed {i + 1}."))]);
        var uncapped = await Detector(new InMemoryDocumentStore(), new StorylineOptions { MaxAlertsPerArticle = 1_000 }).ApplyAsync(flood, CancellationToken.None);
        var detector = Detector(_store, new StorylineOptions { MaxAlertsPerArticle = 4 });

        var alerts = await detector.ApplyAsync(flood, CancellationToken.None);
        var again = await detector.ApplyAsync(flood, CancellationToken.None);

        Assert.Equal(hamlets.Length, uncapped.Count);
        Assert.Equal(4, alerts.Count);
        Assert.Equal(Json([.. uncapped.Take(3)]), Json([.. alerts.Take(3)]));
        var merged = alerts[^1];
        Assert.StartsWith($"{uncapped.Count - 3} more events in this article", merged.Headline, StringComparison.Ordinal);
        Assert.Equal(uncapped.Skip(3).Select(a => a.Evidence[0].Sentence), merged.Evidence.Select(e => e.Sentence));
        Assert.Equal(Json(alerts), Json(again));

        // Every event was recorded: a second outlet repeating one of the merged ones raises nothing.
        Assert.Empty(await detector.ApplyAsync(Article("repeat", "2031-05-21T09:00:00+00:00",
            Event(EventType.Attack, "2031-05-10", "Stourby", killed: 20, sentence: "Stourby was raided, twenty killed.")), CancellationToken.None));
    }

    [Fact]
    public void Options_CapBelowTwo_FailsValidation()
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new StorylineOptions { MaxAlertsPerArticle = 1 };
        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(StorylineOptions.MaxAlertsPerArticle)));
    }
}
