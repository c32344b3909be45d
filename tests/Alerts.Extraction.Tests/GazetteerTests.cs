using Alerts.Core;

namespace Alerts.Extraction.Tests;

public sealed class GazetteerTests
{
    private static readonly Gazetteer Gazetteer = Gazetteer.Load();

    [Theory]
    [InlineData("Ain al-Asad")]
    [InlineData("Ain al-Assad")]
    [InlineData("Al-Asad Airbase")]
    [InlineData("al Asad Air Base")]
    public void Find_SpellingVariants_NormaliseToOneBaseWithProvinceAndCountry(string alias)
    {
        var place = Gazetteer.Find(alias);

        Assert.NotNull(place);
        Assert.Equal("Ain al-Asad Air Base", place.Name);
        Assert.Equal("Anbar", place.Province);
        Assert.Equal("Iraq", place.Country);
    }

    [Theory]
    [InlineData("İstanbul", "Istanbul")]
    [InlineData("Albu Kamal", "Abu Kamal")]
    [InlineData("At Tanf", "Al-Tanf")]
    [InlineData("Odessa", "Odesa")]
    public void Find_DiacriticsAndAliases_ReturnCanonicalName(string alias, string canonical)
    {
        Assert.Equal(canonical, Gazetteer.Find(alias)?.Name);
    }

    [Fact]
    public void Load_OperatorFile_AddsPlacesWithoutRebuild()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gazetteer-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "places": [ { "name": "Camp Zulu Nine", "kind": "base", "country": "Iraq", "aliases": ["Zulu Nine"] } ] }""");
        try
        {
            var gazetteer = Gazetteer.Load(path);

            Assert.Equal("Camp Zulu Nine", gazetteer.Find("Zulu Nine")?.Name);
            Assert.Equal("Ain al-Asad Air Base", gazetteer.Find("Ain al-Assad")?.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Extract_UnknownNamedBase_StillBecomesThePlace()
    {
        var e = Assert.Single(TestArticles.Extract("Two rockets landed inside the Qarmat Ali base on Sunday, causing no casualties."));

        Assert.Equal("Qarmat Ali base", e.Place?.Name);
    }

    [Fact]
    public void Extract_IncidentWithoutPlace_TakesTheStorysIncidentPlace()
    {
        var text = "A drone struck the Erbil air base on Saturday. The base, which hosts coalition advisers, was attacked by two missiles as well.";
        var e = Assert.Single(TestArticles.Extract(text));

        Assert.Equal("Erbil Air Base", e.Place?.Name);
    }

    [Fact]
    public void Extract_PlacelessIncident_BorrowsABaseNamedJustBeforeOverTheStorysCity()
    {
        var text = "Kirkuk was quiet this week, residents of Kirkuk said. Officials visited the Erbil air base on Monday. Hours later, two drones struck, wounding three soldiers.";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal("Erbil Air Base", e.Place?.Name);
    }

    [Fact]
    public void Extract_PlacelessIncident_KeepsTheStorysCityOverACityNamedInPassing()
    {
        var text = "Kirkuk was quiet this week, residents of Kirkuk said. A delegation flew in from Erbil on Monday. Hours later, two drones struck a checkpoint, wounding three soldiers.";

        var e = TestArticles.Extract(text).Single(x => x.Type is EventType.Attack or EventType.Airstrike);

        Assert.Equal("Kirkuk", e.Place?.Name);
    }
}
