using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alerts.Extraction.Places;

namespace Alerts.Extraction.Tests.Places;

public sealed class PlaceCatalogTests
{
    private static readonly PlaceCatalog Catalog = PlaceCatalog.Shared;

    [Fact]
    public void Load_BuiltInData_HoldsEveryKindOfPlace()
    {
        var byKind = Catalog.Entries.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(byKind[PlaceKind.Country] >= 240, $"countries: {byKind[PlaceKind.Country]}");
        Assert.True(byKind[PlaceKind.Region] >= 3500, $"regions: {byKind[PlaceKind.Region]}");
        Assert.True(byKind[PlaceKind.District] >= 40000, $"districts: {byKind[PlaceKind.District]}");
        Assert.True(byKind[PlaceKind.City] >= 25000, $"cities: {byKind[PlaceKind.City]}");
        Assert.True(byKind[PlaceKind.Water] >= 100, $"waters: {byKind[PlaceKind.Water]}");
        Assert.True(byKind[PlaceKind.Area] >= 40, $"areas: {byKind[PlaceKind.Area]}");
        Assert.True(byKind[PlaceKind.Facility] >= 100, $"facilities: {byKind[PlaceKind.Facility]}");
        Assert.True(Catalog.MaxKeyWords >= 5);
    }

    [Fact]
    public void Load_EmbeddedData_MatchesTheCommittedManifest()
    {
        var manifest = JsonDocument.Parse(File.ReadAllText(DataFile("places.manifest.json"))).RootElement;
        var hashes = manifest.GetProperty("sha256");

        Assert.Equal(hashes.GetProperty("places.tsv").GetString(), Sha256(ReadResource(PlaceCatalog.PlacesResource, gzip: true)));
        Assert.Equal(hashes.GetProperty("places-minor.tsv").GetString(), Sha256(ReadResource(PlaceCatalog.MinorPlacesResource, gzip: true)));
        Assert.Equal(hashes.GetProperty("place-names.tsv").GetString(), Sha256(ReadResource(PlaceCatalog.NamesResource, gzip: false)));
        Assert.Equal(manifest.GetProperty("counts").GetProperty("minorFile").GetInt32(), Catalog.MinorEntries.Count);
        Assert.Equal(manifest.GetProperty("counts").GetProperty("Country").GetInt32(), Catalog.Entries.Count(e => e.Kind == PlaceKind.Country));
    }

    [Fact]
    public void Load_EveryCanonicalName_FindsItsEntryThroughTheLoadersFolding()
    {
        // The generator precomputes name keys; they must be what TextFolding.Key makes of the names.
        var missing = Catalog.Entries.Where(e => !Catalog.Find(e.Name).Contains(e)).Select(e => $"{e.Id} {e.Name}").Take(10).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Find_City_IsInsideItsRegionAndCountry()
    {
        var mosul = Assert.IsType<PlaceEntry>(Catalog.FindBest("Mosul"));
        var nineveh = Catalog.Find("Nineveh").First(e => e.Kind == PlaceKind.Region);
        var iraq = Catalog.Find("Iraq").First(e => e.Kind == PlaceKind.Country);

        Assert.Equal(PlaceKind.City, mosul.Kind);
        Assert.Equal("Iraq", mosul.Country);
        Assert.Equal(nineveh.Name, mosul.Region);
        Assert.True(mosul.Population > 500_000);
        Assert.True(PlaceCatalog.Contains(nineveh, mosul));
        Assert.True(PlaceCatalog.Contains(iraq, mosul));
        Assert.False(PlaceCatalog.Contains(mosul, nineveh));
    }

    [Theory]
    [InlineData("Erbil Air Base", "Erbil", "Iraq")]
    [InlineData("Camp Lemonnier", "Djibouti City", "Djibouti")]
    [InlineData("Zaporizhzhia Nuclear Power Plant", "Enerhodar", "Ukraine")]
    [InlineData("Hamid Karzai International Airport", "Kabul", "Afghanistan")]
    public void Find_Facility_IsInsideItsCityAndCountry(string facility, string city, string country)
    {
        var place = Assert.IsType<PlaceEntry>(Catalog.FindBest(facility));
        var cityEntry = Catalog.Find(city).First(e => e.Kind == PlaceKind.City);
        var countryEntry = Catalog.Find(country).First(e => e.Kind == PlaceKind.Country);

        Assert.Equal(PlaceKind.Facility, place.Kind);
        Assert.Equal(cityEntry.Id, place.Parents[0]);
        Assert.True(PlaceCatalog.Contains(cityEntry, place));
        Assert.True(PlaceCatalog.Contains(countryEntry, place));
        Assert.Equal(country, place.Country);
    }

    [Fact]
    public void Find_GazaStrip_IsTheRegionGazaOfPalestineThatHoldsItsCities()
    {
        var strip = Assert.IsType<PlaceEntry>(Catalog.FindBest("the Gaza Strip"));
        var gaza = Assert.IsType<PlaceEntry>(Catalog.FindBest("Gaza"));

        Assert.Same(strip, gaza);
        Assert.Equal(PlaceKind.Region, strip.Kind);
        Assert.Equal("Gaza", strip.Name);
        Assert.Equal("Palestine", strip.Country);
        Assert.True(PlaceCatalog.Contains(strip, Catalog.Find("Gaza City")[0]));
        Assert.True(PlaceCatalog.Contains(strip, Catalog.Find("Khan Younis")[0]));
        Assert.False(PlaceCatalog.Contains(strip, Catalog.Find("Jenin").First(e => e.Country == "Palestine")));
    }

    [Theory]
    [InlineData("Kiev", "Kyiv")]
    [InlineData("Odessa", "Odesa")]
    [InlineData("Kharkov", "Kharkiv")]
    [InlineData("Khan Yunis", "Khan Younis")]
    [InlineData("Deir el-Balah", "Deir al-Balah")]
    [InlineData("Dayr al Balah", "Deir al-Balah")]
    [InlineData("Ain al-Assad", "Ain al-Asad Air Base")]
    [InlineData("Al Asad Airbase", "Ain al-Asad Air Base")]
    [InlineData("Al Qaim", "Al-Qaim")]
    [InlineData("Mekele", "Mekelle")]
    [InlineData("Sana'a", "Sanaa")]
    [InlineData("Jalalabad", "Jalalabad")]
    [InlineData("Muzaffarabad", "Muzaffarabad")]
    [InlineData("Bombay", "Mumbai")]
    [InlineData("İstanbul", "Istanbul")]
    [InlineData("Albu Kamal", "Abu Kamal")]
    public void Find_SpellingVariant_ResolvesToTheCanonicalPlace(string variant, string canonical)
    {
        Assert.Equal(canonical, Catalog.FindBest(variant)?.Name);
    }

    [Theory]
    [InlineData("Tigray", "Ethiopia")]
    [InlineData("Nangarhar", "Afghanistan")]
    [InlineData("South Kivu", "DR Congo")]
    [InlineData("Jammu and Kashmir", "India")]
    [InlineData("Kherson oblast", "Ukraine")]
    [InlineData("Idlib governorate", "Syria")]
    public void Find_FirstLevelRegion_IsARegionOfItsCountry(string name, string country)
    {
        var region = Catalog.Find(name).First(e => e.Kind == PlaceKind.Region);

        Assert.Equal(country, region.Country);
        Assert.Equal(region.Name, region.Region);
    }

    [Fact]
    public void Find_Punjab_OffersBothCountriesRegionsMostPopulousFirst()
    {
        var punjabs = Catalog.Find("Punjab").Where(e => e.Kind == PlaceKind.Region).ToList();

        Assert.Equal(["Pakistan", "India"], punjabs.Select(e => e.Country).Take(2));
    }

    [Fact]
    public void Find_Tripoli_ListsLibyasCityBeforeLebanons()
    {
        var cities = Catalog.Find("Tripoli").Where(e => e.Kind == PlaceKind.City).Select(e => e.Country).ToList();

        Assert.True(cities.IndexOf("Libya") < cities.IndexOf("Lebanon"), string.Join(", ", cities));
    }

    [Fact]
    public void Find_DisputedArea_LiesInBothCountriesAndHoldsItsRegions()
    {
        var kashmir = Catalog.Find("Kashmir").First(e => e.Kind == PlaceKind.Area);
        var srinagar = Assert.IsType<PlaceEntry>(Catalog.FindBest("Srinagar"));
        var india = Catalog.Find("India")[0];
        var pakistan = Catalog.Find("Pakistan")[0];

        Assert.Null(kashmir.Country);
        Assert.Contains(india.Id, kashmir.Parents);
        Assert.Contains(pakistan.Id, kashmir.Parents);
        Assert.True(PlaceCatalog.Contains(kashmir, srinagar));
        Assert.True(PlaceCatalog.Contains(india, srinagar));
        Assert.False(PlaceCatalog.Contains(pakistan, srinagar));
        Assert.Equal("India", srinagar.Country);
    }

    [Fact]
    public void Find_Sea_ComesBeforeRegionsOfTheSameNameAndHasNoCountry()
    {
        var redSea = Catalog.Find("Red Sea");

        Assert.Equal(PlaceKind.Water, redSea[0].Kind);
        Assert.Null(redSea[0].Country);
        Assert.Contains(redSea, e => e.Kind == PlaceKind.Region && e.Country == "Sudan");
        Assert.Equal(PlaceKind.Water, Catalog.FindBest("Bab al-Mandab")?.Kind);
        Assert.Equal(PlaceKind.Water, Catalog.FindBest("Strait of Hormuz")?.Kind);
    }

    [Fact]
    public void CommonAncestor_TwoTownsOfOneRegion_IsThatRegion()
    {
        var bakhmut = Catalog.Find("Bakhmut").First(e => e.Kind == PlaceKind.City);
        var pokrovsk = Catalog.Find("Pokrovsk").First(e => e.Country == "Ukraine");

        var common = Catalog.CommonAncestor(bakhmut, pokrovsk);

        Assert.Equal(PlaceKind.Region, common?.Kind);
        Assert.Equal("Donetsk", common?.Name);
        Assert.True(PlaceCatalog.Contains(Catalog.FindBest("Donbas")!, bakhmut));
    }

    [Fact]
    public void CommonAncestor_CitiesOfTwoCountries_IsNull()
    {
        Assert.Null(Catalog.CommonAncestor(Catalog.FindBest("Kyiv")!, Catalog.FindBest("Paris")!));
        var kyiv = Catalog.FindBest("Kyiv")!;
        Assert.Same(kyiv, Catalog.CommonAncestor(kyiv, kyiv));
        Assert.True(PlaceCatalog.Contains(kyiv, kyiv));
    }

    [Fact]
    public void ParentsOf_City_ResolvesItsContainersInnermostFirst()
    {
        var kyiv = Catalog.FindBest("Kyiv")!;

        var parents = Catalog.ParentsOf(kyiv);

        Assert.Equal([PlaceKind.Region, PlaceKind.Country], parents.Select(p => p.Kind));
        Assert.Equal("Ukraine", parents[^1].Name);
        Assert.Same(parents[0], Catalog.Get(kyiv.Parents[0]));
    }

    [Theory]
    [InlineData("Israeli", "Israel")]
    [InlineData("Israelis", "Israel")]
    [InlineData("Pakistani", "Pakistan")]
    [InlineData("Afghan", "Afghanistan")]
    [InlineData("Ethiopian", "Ethiopia")]
    [InlineData("Thai", "Thailand")]
    [InlineData("Cambodian", "Cambodia")]
    [InlineData("Lebanese", "Lebanon")]
    public void FindDemonym_CountryAdjective_ReturnsTheCountry(string demonym, string country)
    {
        var found = Catalog.FindDemonym(demonym);

        Assert.Equal(country, found[0].Name);
        Assert.Equal(PlaceKind.Country, found[0].Kind);
    }

    [Fact]
    public void FindDemonym_Congolese_ReturnsBothCongos()
    {
        var found = Catalog.FindDemonym("Congolese").Select(e => e.Name).ToList();

        Assert.Equal(["DR Congo", "Republic of the Congo"], found);
    }

    [Theory]
    [InlineData("Nice", NameAmbiguity.Word)]
    [InlineData("Of", NameAmbiguity.Word)]
    [InlineData("Mobile", NameAmbiguity.Word)]
    [InlineData("Reading", NameAmbiguity.Word)]
    [InlineData("Split", NameAmbiguity.Word)]
    [InlineData("Male", NameAmbiguity.Word)]
    [InlineData("Police", NameAmbiguity.NewsWord)]
    [InlineData("Orange", NameAmbiguity.Word)]
    [InlineData("Jackson", NameAmbiguity.PersonName)]
    [InlineData("Victoria", NameAmbiguity.PersonName)]
    [InlineData("Xinhua", NameAmbiguity.NewsWord)]
    public void AmbiguityOf_NameThatIsAlsoAWord_IsFlagged(string name, NameAmbiguity reason)
    {
        Assert.NotEmpty(Catalog.Find(name).Concat(Catalog.FindMinor(name)));
        Assert.True(Catalog.AmbiguityOf(TextFolding.Key(name)).HasFlag(reason), $"{name}: {Catalog.AmbiguityOf(TextFolding.Key(name))}");
    }

    [Theory]
    [InlineData("Kabul")]
    [InlineData("Mosul")]
    [InlineData("Goma")]
    [InlineData("Paris")]
    [InlineData("Red Sea")]
    [InlineData("Jordan")]
    public void AmbiguityOf_PlainPlaceName_IsNone(string name)
    {
        Assert.Equal(NameAmbiguity.None, Catalog.AmbiguityOf(TextFolding.Key(name)));
        Assert.False(Catalog.FindBest(name)!.Ambiguous);
    }

    [Fact]
    public void Find_AmbiguousCity_CarriesTheFlagOnItsEntry()
    {
        var nice = Catalog.Find("Nice").First(e => e.Country == "France");

        Assert.True(nice.Ambiguous);
        Assert.True(Catalog.IsAmbiguous("NICE"));
    }

    [Fact]
    public void FindMinor_SmallTown_ComesFromTheMinorTierWithItsContainers()
    {
        var towns = Catalog.FindMinor("Hebron");

        Assert.NotEmpty(towns);
        Assert.All(towns, t => Assert.True(t.Minor));
        Assert.All(towns, t => Assert.Equal(PlaceKind.Town, t.Kind));
        Assert.DoesNotContain(Catalog.Find("Hebron"), e => e.Minor);
        var us = Catalog.Find("United States")[0];
        Assert.Contains(towns, t => PlaceCatalog.Contains(us, t) && t.Region is not null);
        Assert.Same(towns[0], Catalog.Get(towns[0].Id));
        Assert.True(Catalog.MinorLoaded);
        Assert.True(Catalog.MinorMaxKeyWords >= 3);
    }

    [Fact]
    public void Load_FormerGazetteer_EveryPlaceStaysReachableUnderItsName()
    {
        var places = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Places", "former-gazetteer.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToList();

        var lost = new List<string>();
        foreach (var place in places)
        {
            var name = place[0];
            if (!Catalog.Find(name).Any(e => e.Name == name))
            {
                lost.Add(name);
            }

            foreach (var alias in place.Length > 1 ? place[1].Split('|', StringSplitOptions.RemoveEmptyEntries) : [])
            {
                if (Catalog.Find(alias).Count == 0)
                {
                    lost.Add($"{name} / {alias}");
                }
            }
        }

        Assert.True(places.Count >= 240);
        Assert.Empty(lost);
    }

    [Fact]
    public void Load_Overlay_AddsEntriesThatComeFirstForTheirNames()
    {
        var path = Path.Combine(Path.GetTempPath(), $"places-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "places": [
              { "name": "Camp Zulu Nine", "kind": "base", "country": "Iraq", "province": "Anbar", "aliases": ["Zulu Nine"] },
              { "name": "Mosul", "kind": "city", "country": "Iraq", "province": "Nineveh", "aliases": ["Mawsil"] },
              { "name": "Harran", "kind": "village", "country": "Freedonia", "province": "North" }
            ] }
            """);
        try
        {
            var catalog = PlaceCatalog.Load(path);

            var zulu = Assert.IsType<PlaceEntry>(catalog.FindBest("Zulu Nine"));
            Assert.True(zulu.FromOverlay);
            Assert.Equal(PlaceKind.Facility, zulu.Kind);
            Assert.Equal("Anbar", zulu.Region);
            Assert.Equal("Iraq", zulu.Country);
            Assert.True(PlaceCatalog.Contains(catalog.Find("Iraq")[0], zulu));

            var mosul = catalog.Find("Mosul");
            Assert.True(mosul[0].FromOverlay);
            Assert.Contains(mosul, e => !e.FromOverlay && e.Kind == PlaceKind.City);
            Assert.Same(mosul[0], catalog.FindBest("Mawsil"));
            Assert.True(PlaceCatalog.Contains(catalog.Find("Nineveh").First(e => e.Kind == PlaceKind.Region), mosul[0]));

            var harran = Assert.IsType<PlaceEntry>(catalog.FindBest("Harran"));
            Assert.True(harran.FromOverlay);
            Assert.Equal("Freedonia", harran.Country);
            Assert.Equal("North", harran.Region);
            Assert.Empty(harran.Parents);

            Assert.False(Catalog.FindBest("Zulu Nine")?.FromOverlay ?? false);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("base", PlaceKind.Facility)]
    [InlineData("airport", PlaceKind.Facility)]
    [InlineData("facility", PlaceKind.Facility)]
    [InlineData("province", PlaceKind.Region)]
    [InlineData("governorate", PlaceKind.Region)]
    [InlineData("state", PlaceKind.Region)]
    [InlineData("city", PlaceKind.City)]
    [InlineData("town", PlaceKind.Town)]
    [InlineData("village", PlaceKind.Town)]
    [InlineData("region", PlaceKind.Area)]
    [InlineData("country", PlaceKind.Country)]
    [InlineData(null, PlaceKind.Area)]
    public void OverlayKind_GazetteerKind_MapsOntoPlaceKind(string? kind, PlaceKind expected)
    {
        Assert.Equal(expected, PlaceCatalog.OverlayKind(kind));
    }

    [Fact]
    public void ReadPlaces_LongLineAndNoFinalNewline_ReadsEveryPlace()
    {
        var longKey = string.Join('|', Enumerable.Range(0, 20_000).Select(i => $"alias {i}"));
        var text = "# comment\n" +
            "XA\tC\tXanadu\t\t10\t\tXA\t\t\txanadu\tXanaduan\r\n" +
            $"XA.1\tR\tUpper Xanadu\t\t5\tXA\tXA\tXA.1\t\tupper xanadu|{longKey}\t\n" +
            "g1\tT\tDome\t1200\t1200\tXA.1,XA\tXA\tXA.1\tm\tdome|!Döme Town\t";
        var builder = new PlaceCatalogBuilder([]);

        builder.ReadPlaces(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var tier = builder.Build();

        Assert.Equal(["XA", "XA.1", "g1"], tier.Entries.Select(e => e.Id));
        Assert.Equal("Upper Xanadu", tier.Find("alias 19999").Single().Name);
        var dome = tier.Find("dome town").Single();
        Assert.True(dome.Minor);
        Assert.Equal(("Xanadu", "Upper Xanadu", 1200L), (dome.Country, dome.Region, dome.Population));
        Assert.Equal(["XA.1", "XA"], dome.Parents);
        Assert.Same(tier.Get("XA"), tier.FindDemonym("xanaduan").Single());
    }

    private static string ReadResource(string name, bool gzip)
    {
        using var stream = typeof(PlaceCatalog).Assembly.GetManifestResourceStream(name)!;
        using var data = gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(data, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string DataFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "functions", "Alerts.Extraction", "Data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"functions/Alerts.Extraction/Data/{name} is not above {AppContext.BaseDirectory}.");
    }
}
