using Alerts.Core;

namespace Alerts.Extraction.Tests;

/// <summary>Places the gazetteer does not know, recognised from how the story names them.</summary>
public sealed class StoryPlacesTests
{
    [Fact]
    public void Extract_UpperCaseDateline_BecomesThePlaceOfAnIncidentThatNamesNone()
    {
        var text = "FORT VALDRIS — Gunmen attacked a checkpoint on Monday, killing two police officers, the regional governor said.";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal("Fort Valdris", e.Place?.Name);
    }

    [Theory]
    [InlineData("VARNO BAY, Northland (Coastwire) - Gunmen attacked a checkpoint on Monday, killing two police officers.")]
    [InlineData("VARNO BAY (Coastwire) — Gunmen attacked a checkpoint on Monday, killing two police officers.")]
    [InlineData("VARNO BAY -- Gunmen attacked a checkpoint on Monday, killing two police officers.")]
    public void Extract_DatelineWithCountryOrAgency_IsStillTheDatelineCity(string text)
    {
        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal("Varno Bay", e.Place?.Name);
    }

    [Fact]
    public void Extract_ShortFormOfTheDatelineCity_IsTheSamePlace()
    {
        var text = "FORT VALDRIS — Talks resumed on Tuesday.\n\nMortars struck the eastern Qasr district of Valdris on Monday, wounding four people.";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal("Fort Valdris", e.Place?.Name);
    }

    [Theory]
    [InlineData("Shells hit the crowded market in the port city of Meskara on Sunday, killing five people.")]
    [InlineData("Shells hit a crowded market in Meskara on Sunday, killing five people.")]
    [InlineData("Shells hit a crowded market near Meskara on Sunday, killing five people.")]
    [InlineData("Shells hit Meskara's old town on Sunday, killing five people.")]
    public void Extract_UnknownNameInAPlaceContext_BecomesThePlace(string text)
    {
        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal("Meskara", e.Place?.Name);
    }

    [Fact]
    public void Extract_NameAfterAPlaceWord_IsRecognisedWhereTheStoryRepeatsItBare()
    {
        var text = "Aid workers arrived in Meskara last week. On Sunday, shells hit a crowded market, and Meskara hospitals said five people were killed.";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal("Meskara", e.Place?.Name);
    }

    [Theory]
    [InlineData("In Solberg's absence, gunmen attacked a police post on Sunday, killing two.")]
    [InlineData("The attack was claimed by a group calling itself Saraya Al-Fajr (Jama'at Al-Fajr) on Sunday, killing two guards.")]
    [InlineData("Fighting broke out in March when gunmen attacked a police post, killing two.")]
    public void Extract_PersonsGroupsAndMonths_AreNotTakenForPlaces(string text)
    {
        var e = TestArticles.Extract(text).FirstOrDefault(x => x.Type == EventType.Attack);

        Assert.NotNull(e);
        Assert.True(e.Place is null, $"place was {e.Place?.Name}");
    }

    [Fact]
    public void Extract_UnknownNameBeforeAFacilityWord_KeepsTheFacility()
    {
        var e = Assert.Single(TestArticles.Extract("Two rockets landed inside the Qarmat Ali base on Sunday, causing no casualties."));

        Assert.Equal("Qarmat Ali base", e.Place?.Name);
    }

    [Theory]
    [InlineData("PORT KESSAR", "Port Kessar")]
    [InlineData("AL-QAIM", "Al-Qaim")]
    [InlineData("DEIR EL-BALAH", "Deir el-Balah")]
    [InlineData("Tal Afar", "Tal Afar")]
    public void Normalise_UpperCaseDateline_IsTitleCasedWithLowerCaseParticles(string raw, string expected)
    {
        Assert.Equal(expected, StoryPlaces.Normalise(raw));
    }

    [Fact]
    public void Extract_StatusChangeNamingNoPlace_IsPlacedAtTheDatelineCity()
    {
        var text = "FORT VALDRIS — The government suspended its participation in the peace talks on Monday, a spokesman said.";

        var e = TestArticles.Single(text, EventType.TalksSuspended);

        Assert.Equal("Fort Valdris", e.Place?.Name);
    }

    [Theory]
    [InlineData("Residents of Sarnoth's Olmo district said jets struck Olmo on Monday, killing four.")]
    [InlineData("Mortars hit the Olmo district of Sarnoth on Monday, killing four. Later, jets struck Olmo again.")]
    public void Extract_NamedDistrict_IsItsCity(string text)
    {
        var e = TestArticles.Extract(text).First(x => x.Type is EventType.Attack or EventType.Airstrike);

        Assert.Equal("Sarnoth", e.Place?.Name);
        Assert.Equal("Olmo", e.Place?.NamedAs);
    }

    [Fact]
    public void Extract_NameWithLowerCaseParticle_IsOnePlaceAndItsShortFormToo()
    {
        var text = "Gunmen raided Marandu do Sul on Monday, killing four people.\n\nAnalysts said the Marandu raid showed the group had grown bolder.";

        var events = TestArticles.Extract(text);

        Assert.All(events, e => Assert.Equal("Marandu do Sul", e.Place?.Name));
    }

    [Fact]
    public void Extract_NationalAdjectiveBeforeAPlaceNoun_IsNotAPlace()
    {
        var text = "Fighting flared in the Ostrian port city of Velmar on Monday, when shells hit the market, killing three.";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal("Velmar", e.Place?.Name);
    }

    [Fact]
    public void Extract_ShipNames_AreNotPlaces()
    {
        var text = "A drone hit the tanker Marisol Dawn off the port of Qaraan on Monday, injuring two sailors. Later a missile landed beside the Marisol Dawn again.";

        var events = TestArticles.Extract(text);

        Assert.All(events, e => Assert.Equal("Qaraan", e.Place?.Name));
    }

    [Fact]
    public void Extract_IncidentInTheTown_IsInTheTownTheStoryNamed()
    {
        var text = "GENEVA — The talks closed in Geneva on Tuesday with an accord for the hill town of Varzan. They had nearly collapsed after a blast that killed five people at a checkpoint in the town on 25 April.";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal("Varzan", e.Place?.Name);
    }
}
