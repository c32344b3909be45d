using Alerts.Core;

namespace Alerts.Storylines.Tests;

public sealed class StorylineIndexTests
{
    private static ArticleEvent Suspension(string? place, params string[] actors) => new()
    {
        Type = EventType.TalksSuspended,
        Date = new DateOnly(2026, 6, 3),
        Place = place is null ? null : new Place(place),
        Actors = actors,
        Evidence = new Evidence("Aldonia said it was leaving the talks.", 0, 38),
    };

    [Fact]
    public void Route_StatusWithoutAPlace_JoinsTheNegotiationOfItsParties()
    {
        var index = new StorylineIndex();
        var (first, _) = index.Route([Suspension("Velmora", "Aldonia", "Brevia")]);

        var (second, _) = index.Route([Suspension(null, "Brevia", "Aldonia")]);

        Assert.Equal(first[0].StorylineId, second[0].StorylineId);
    }

    [Fact]
    public void Route_FightingOnABorder_PutsBothCountriesInOneStoryline()
    {
        var index = new StorylineIndex();
        static ArticleEvent Attack(Place place) => new()
        {
            Type = EventType.Attack,
            Date = new DateOnly(2026, 6, 3),
            Place = place,
            Evidence = new Evidence("Troops exchanged fire.", 0, 22),
        };

        var (border, changed) = index.Route([Attack(new Place("Aldonia-Brevia border", Kind: StorylineIndex.BorderKind, Within: ["Aldonia", "Brevia"]))]);
        var (inBrevia, _) = index.Route([Attack(new Place("Kessa", Within: ["Brevia"]))]);
        var (inAldonia, _) = index.Route([Attack(new Place("Aldonia"))]);

        Assert.True(changed);
        Assert.Equal(border[0].StorylineId, inBrevia[0].StorylineId);
        Assert.Equal(border[0].StorylineId, inAldonia[0].StorylineId);
    }

    [Fact]
    public void Route_StatusWithoutAPlaceNamingTheOnlyKnownPartyAnotherWay_JoinsItsNegotiation()
    {
        var index = new StorylineIndex();
        var (first, _) = index.Route([Suspension("Velmora", "K12 rebels")]);

        var (second, _) = index.Route([Suspension(null, "rebels", "the K12 armed group")]);

        Assert.Equal(first[0].StorylineId, second[0].StorylineId);
    }

    [Fact]
    public void Route_StatusWithoutAPlaceOrKnownParties_GoesToUnplaced()
    {
        var index = new StorylineIndex();
        index.Route([Suspension("Velmora", "Aldonia", "Brevia")]);

        var (routes, _) = index.Route([Suspension(null, "Corvania")]);

        Assert.Equal(StorylineRules.UnplacedStorylineId, routes[0].StorylineId);
    }

    [Fact]
    public void Route_StatusNamingOnlyAMediatorOfTwoNegotiations_IsNotGuessedIntoEither()
    {
        var index = new StorylineIndex();
        index.Route([Suspension("Velmora", "Aldonia", "Brevia", "United Nations")]);
        index.Route([Suspension("Ostrava Bay", "Corvania", "Delmark", "United Nations")]);

        var (routes, _) = index.Route([Suspension(null, "United Nations")]);

        Assert.Equal(StorylineRules.UnplacedStorylineId, routes[0].StorylineId);
    }

    [Fact]
    public void Route_StatusNamingOnlyAMediatorOfOneNegotiation_JoinsIt()
    {
        var index = new StorylineIndex();
        var (first, _) = index.Route([Suspension("Velmora", "Aldonia", "Brevia", "United Nations")]);

        var (routes, _) = index.Route([Suspension(null, "United Nations")]);

        Assert.Equal(first[0].StorylineId, routes[0].StorylineId);
    }

    [Fact]
    public void Route_PartOfAPlaceReportedFirst_TheWholePlaceJoinsItsStorylineOnceTheyAreNamedTogether()
    {
        var index = new StorylineIndex();
        var (part, _) = index.Route([Suspension("Marrow", "Aldonia")]);

        var (whole, changed) = index.Route([Suspension(null, "Aldonia") with { Place = new Place("Tirel", NamedAs: "Marrow") }]);
        var (later, _) = index.Route([Suspension("Marrow", "Aldonia")]);

        Assert.True(changed);
        Assert.Equal(part[0].StorylineId, whole[0].StorylineId);
        Assert.Equal("Tirel", later[0].Event.Place?.Name);
    }
}
