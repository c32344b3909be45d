using Alerts.Core;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Language.Tests;

public sealed class LanguageEnrichmentEndToEndTests
{
    [Fact]
    public async Task EnrichAsync_ThroughClientAndListener_FillsPlaceActorAndCasualties()
    {
        const string text = "Harbour officials said calm returned by noon.\n\nThe Grey Tide Collective shelled the Merrow Quay depot at dawn; two dockers were killed and 9 injured.";
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r,
        [
            new CannedEntity("Merrow Quay", "Location", "Structural", 0.88),
            new CannedEntity("Grey Tide Collective", "Organization", null, 0.9),
        ]));
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential("e2e-key"));
        var enricher = new LanguageEventEnricher(client, new LearnedPlaces(), Options.Create(new LanguageOptions()), NullLogger<LanguageEventEnricher>.Instance);
        var start = text.IndexOf("The Grey", StringComparison.Ordinal);
        var article = new Article { Id = "e2e", Name = "merrow.txt", Format = ArticleFormat.Text, Text = text, Stories = [new ArticleStory(0, null, 0, text.Length)] };
        var attack = new ArticleEvent
        {
            Type = EventType.Attack,
            Date = new DateOnly(2026, 5, 2),
            Modality = Modality.Asserted,
            Weapons = ["shells"],
            Evidence = new Evidence(text[start..], start, text.Length - start),
        };

        var result = Assert.Single(await enricher.EnrichAsync(article, [attack], CancellationToken.None));

        var sent = Assert.Single(Assert.Single(listener.Requests).Documents);
        Assert.Equal(attack.Evidence.Sentence, (string)sent["text"]!);
        Assert.Equal("Merrow Quay", result.Place?.Name);
        Assert.Equal(["Grey Tide Collective"], result.Actors);
        Assert.Equal((2, 9), (result.Killed, result.Injured));
        Assert.Equal(attack with { Place = result.Place, Actors = result.Actors, Killed = 2, Injured = 9 }, result);
        Assert.Equal("Merrow Quay", Assert.Single(enricher.LearnedPlaces.All).Place.Name);
    }
}
