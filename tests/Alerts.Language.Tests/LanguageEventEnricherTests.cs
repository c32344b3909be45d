using Alerts.Core;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Alerts.Language.Tests;

public sealed class LanguageEventEnricherTests
{
    private const string Sentence = "Gunmen of the Saffron Hand Front fired mortars at the Velar Depot near Ostrova, and four guards were killed while 11 were injured.";

    [Fact]
    public async Task EnrichAsync_PlaceMissing_FillsFromLocationEntityAndLearnsIt()
    {
        var (enricher, _) = Create(
            Entity("Ostrova", EntityCategory.Location, "GPE", 0.9),
            Entity("Velar Depot", EntityCategory.Location, "Structural", 0.8));

        var result = Assert.Single(await enricher.EnrichAsync(Article(), [Event()], CancellationToken.None));

        Assert.Equal(new Place("Velar Depot", Kind: "site"), result.Place);
        var learned = Assert.Single(enricher.LearnedPlaces.All);
        Assert.Equal((new Place("Velar Depot", Kind: "site"), 0.8, 1), (learned.Place, learned.Confidence, learned.Sightings));
    }

    [Fact]
    public async Task EnrichAsync_PlaceAlreadyFound_KeepsItAndLearnsNothing()
    {
        var (enricher, _) = Create(Entity("Ostrova", EntityCategory.Location, "GPE", 0.9));
        var known = new Place("Velar Depot", "Ostrova Province", "Taldora", "base");

        var result = Assert.Single(await enricher.EnrichAsync(Article(), [Event() with { Place = known }], CancellationToken.None));

        Assert.Same(known, result.Place);
        Assert.Empty(enricher.LearnedPlaces.All);
    }

    [Fact]
    public async Task EnrichAsync_OrganizationInSentence_AddsMissingActorOnly()
    {
        var (enricher, _) = Create(Entity("Saffron Hand Front", EntityCategory.Organization), Entity("Saffron Hand", EntityCategory.Organization));

        var added = Assert.Single(await enricher.EnrichAsync(Article(), [Event()], CancellationToken.None));
        var kept = Assert.Single(await enricher.EnrichAsync(Article(), [Event() with { Actors = ["Saffron Hand Front"] }], CancellationToken.None));

        Assert.Equal(["Saffron Hand Front"], added.Actors);
        Assert.Equal(["Saffron Hand Front"], kept.Actors);
    }

    [Fact]
    public async Task EnrichAsync_OrganizationAfterTargetCue_AddsTarget()
    {
        const string sentence = "Drones struck positions of the Coastal Guard Battalion overnight.";
        var (enricher, _) = Create(sentence, Entity(sentence, "Coastal Guard Battalion", EntityCategory.Organization));

        var result = Assert.Single(await enricher.EnrichAsync(Article(sentence), [Event(sentence)], CancellationToken.None));

        Assert.Equal(["Coastal Guard Battalion"], result.Targets);
        Assert.Empty(result.Actors);
    }

    [Fact]
    public async Task EnrichAsync_QuantitiesNearKilledAndInjured_FillsMissingCounts()
    {
        var (enricher, _) = Create(Entity("four", EntityCategory.Quantity, "Number"), Entity("11", EntityCategory.Quantity, "Number"));

        var filled = Assert.Single(await enricher.EnrichAsync(Article(), [Event()], CancellationToken.None));
        var kept = Assert.Single(await enricher.EnrichAsync(Article(), [Event() with { Killed = 5 }], CancellationToken.None));

        Assert.Equal((4, 11), (filled.Killed, filled.Injured));
        Assert.Equal((5, 11), (kept.Killed, kept.Injured));
    }

    [Fact]
    public async Task EnrichAsync_NonViolentEvent_LeavesCountsAlone()
    {
        var (enricher, _) = Create(Entity("four", EntityCategory.Quantity, "Number"));

        var result = Assert.Single(await enricher.EnrichAsync(Article(), [Event() with { Type = EventType.TalksSuspended }], CancellationToken.None));

        Assert.Null(result.Killed);
    }

    [Fact]
    public async Task EnrichAsync_LowConfidenceEntities_AreIgnored()
    {
        var (enricher, _) = Create(Entity("Ostrova", EntityCategory.Location, "GPE", 0.3), Entity("Saffron Hand Front", EntityCategory.Organization, confidence: 0.2));

        var original = Event();
        var result = Assert.Single(await enricher.EnrichAsync(Article(), [original], CancellationToken.None));

        Assert.Equal(original, result);
    }

    [Fact]
    public async Task EnrichAsync_ManyEvents_KeepsCountOrderTypeModalityAndDate()
    {
        var (enricher, _) = Create(
            Entity("Ostrova", EntityCategory.Location, "GPE"), Entity("Saffron Hand Front", EntityCategory.Organization), Entity("four", EntityCategory.Quantity));
        ArticleEvent[] events =
        [
            Event() with { Modality = Modality.Hedged, Date = new DateOnly(2026, 3, 1) },
            Event() with { Type = EventType.Casualties, Modality = Modality.Denied, Date = null },
            Event() with { Type = EventType.CeasefireBroken, Modality = Modality.Asserted, Date = new DateOnly(2026, 3, 2) },
        ];

        var result = await enricher.EnrichAsync(Article(), events, CancellationToken.None);

        Assert.Equal(events.Select(e => (e.Type, e.Modality, e.Date, e.Evidence)), result.Select(e => (e.Type, e.Modality, e.Date, e.Evidence)));
        Assert.All(result, e => Assert.Equal("Ostrova", e.Place?.Name));
    }

    [Fact]
    public async Task EnrichAsync_SentencesSharedByEvents_SendsEachSentenceOnce()
    {
        var (enricher, client) = Create(Entity("Ostrova", EntityCategory.Location, "GPE"));

        await enricher.EnrichAsync(Article(), [Event(), Event() with { Type = EventType.Casualties }], CancellationToken.None);

        client.Verify(c => c.RecognizeEntitiesAsync(It.Is<IReadOnlyList<TextDocument>>(d => d.Count == 1 && d[0].Text == Sentence), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task EnrichAsync_ServiceFails_ReturnsEventsUnchanged()
    {
        var client = new Mock<ITextAnalysisClient>();
        client.Setup(c => c.RecognizeEntitiesAsync(It.IsAny<IReadOnlyList<TextDocument>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Service Unavailable", "ServiceUnavailable", null));
        var enricher = new LanguageEventEnricher(client.Object, new LearnedPlaces(), Options.Create(new LanguageOptions()), NullLogger<LanguageEventEnricher>.Instance);
        IReadOnlyList<ArticleEvent> events = [Event()];

        var result = await enricher.EnrichAsync(Article(), events, CancellationToken.None);

        Assert.Same(events, result);
    }

    [Theory]
    [InlineData("4", 4)]
    [InlineData("1,200", 1200)]
    [InlineData("Twelve", 12)]
    [InlineData("several", null)]
    public void ParseCount_Text_ReturnsNumberOrNull(string text, int? expected) => Assert.Equal(expected, LanguageEventEnricher.ParseCount(text));

    private static (LanguageEventEnricher Enricher, Mock<ITextAnalysisClient> Client) Create(params RecognizedEntity[] entities) => Create(Sentence, entities);

    private static (LanguageEventEnricher Enricher, Mock<ITextAnalysisClient> Client) Create(string sentence, params RecognizedEntity[] entities)
    {
        var client = new Mock<ITextAnalysisClient>();
        client.Setup(c => c.RecognizeEntitiesAsync(It.IsAny<IReadOnlyList<TextDocument>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<TextDocument> documents, CancellationToken _) =>
                [.. documents.Select(d => new DocumentEntities(d.Id, d.Text == sentence ? entities : []))]);
        var enricher = new LanguageEventEnricher(client.Object, new LearnedPlaces(), Options.Create(new LanguageOptions()), NullLogger<LanguageEventEnricher>.Instance);
        return (enricher, client);
    }

    private static RecognizedEntity Entity(string text, EntityCategory category, string? subcategory = null, double confidence = 0.9) =>
        Entity(Sentence, text, category, subcategory, confidence);

    private static RecognizedEntity Entity(string sentence, string text, EntityCategory category, string? subcategory = null, double confidence = 0.9)
    {
        var offset = sentence.IndexOf(text, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"'{text}' is not in the sentence");
        return new RecognizedEntity(text, category, subcategory, offset, text.Length, confidence);
    }

    private static Article Article(string text = Sentence) => new()
    {
        Id = "a-1",
        Name = "ostrova-depot.txt",
        Format = ArticleFormat.Text,
        Text = text,
        Stories = [new ArticleStory(0, null, 0, text.Length)],
    };

    private static ArticleEvent Event(string sentence = Sentence) => new()
    {
        Type = EventType.Attack,
        Modality = Modality.Asserted,
        Evidence = new Evidence(sentence, 0, sentence.Length),
    };
}
