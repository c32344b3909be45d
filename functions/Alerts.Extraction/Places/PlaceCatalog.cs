using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Extraction.Places;

/// <summary>
/// The world's places: countries, first- and second-level regions, cities of 15,000+ people, minor towns, seas and rivers,
/// disputed areas and facilities, generated from GeoNames-derived data by eng/gazetteer (see Data/PLACES-NOTICE.md), plus an
/// optional operator overlay. Lookup by folded name key (<see cref="TextFolding.Key"/>), demonyms, containment through parents.
/// Immutable after <see cref="Load"/> and safe to share between threads; load it once per process.
/// </summary>
public sealed class PlaceCatalog
{
    internal const string PlacesResource = "Alerts.Extraction.places.tsv.gz";
    internal const string MinorPlacesResource = "Alerts.Extraction.places-minor.tsv.gz";
    internal const string NamesResource = "Alerts.Extraction.place-names.tsv";
    private const int MainCapacity = 90_000;
    private const int MinorCapacity = 100_000;

    private static readonly Lazy<PlaceCatalog> SharedCatalog = new(() => Load(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PlaceTier _main;
    private readonly Lazy<PlaceTier> _minor;
    private readonly Dictionary<string, NameAmbiguity>.AlternateLookup<ReadOnlySpan<char>> _ambiguity;

    private PlaceCatalog(PlaceTier main, Dictionary<string, NameAmbiguity> ambiguity)
    {
        _main = main;
        _ambiguity = ambiguity.GetAlternateLookup<ReadOnlySpan<char>>();
        _minor = new(() => LoadMinor(main, ambiguity), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The built-in catalog without overlay, loaded on first use and shared by the process.</summary>
    public static PlaceCatalog Shared => SharedCatalog.Value;

    /// <summary>Every entry of the main tier (all but the minor towns), in file order: countries, regions, areas, waters,
    /// districts, cities, towns a main entry needs, facilities; overlay entries last.</summary>
    public IReadOnlyList<PlaceEntry> Entries => _main.Entries;

    /// <summary>Every minor town (1,000 to 15,000 people), loaded on first use.</summary>
    public IReadOnlyList<PlaceEntry> MinorEntries => _minor.Value.Entries;

    /// <summary>How many entries the main tier holds.</summary>
    public int Count => _main.Count;

    /// <summary>How many distinct name keys (names and aliases, folded) the main tier knows.</summary>
    public int KeyCount => _main.KeyCount;

    /// <summary>The largest number of words of any name key of the main tier: how far a phrase scan needs to look ahead.</summary>
    public int MaxKeyWords => _main.MaxKeyWords;

    /// <summary>The most words of any name key, of either tier (loads the minor tier), that starts with the word <paramref name="firstWord"/>; 0 when none does.</summary>
    internal int LongestKeyFrom(ReadOnlySpan<char> firstWord) => Math.Max(_main.LongestKeyFrom(firstWord), _minor.Value.LongestKeyFrom(firstWord));

    /// <summary>The largest number of words of any name key of the minor tier (loads it).</summary>
    public int MinorMaxKeyWords => _minor.Value.MaxKeyWords;

    /// <summary>Whether the minor tier has been loaded (by <see cref="FindMinor"/>, <see cref="MinorEntries"/> or <see cref="Get"/>).</summary>
    public bool MinorLoaded => _minor.IsValueCreated;

    /// <summary>Loads the built-in catalog and merges the places of <paramref name="overlayPath"/> (the operators' gazetteer JSON:
    /// <c>{"places":[{"name","kind","country","province","aliases"}]}</c>) when given; overlay entries come first for their names.
    /// The minor tier is read on first use.</summary>
    public static PlaceCatalog Load(string? overlayPath = null)
    {
        Dictionary<string, NameAmbiguity> ambiguity;
        using (var names = OpenResource(NamesResource))
        {
            ambiguity = PlaceCatalogBuilder.ReadAmbiguity(names);
        }

        var builder = new PlaceCatalogBuilder(ambiguity, capacity: MainCapacity);
        using (var places = new GZipStream(OpenResource(PlacesResource), CompressionMode.Decompress))
        {
            builder.ReadPlaces(places);
        }

        if (!string.IsNullOrWhiteSpace(overlayPath))
        {
            using var stream = File.OpenRead(overlayPath);
            var overlay = JsonSerializer.Deserialize(stream, PlaceOverlayJsonContext.Default.PlaceOverlayFile)
                ?? throw new InvalidDataException($"{overlayPath} holds no places.");
            builder.AddOverlay(overlay.Places ?? []);
        }

        return new PlaceCatalog(builder.Build(), ambiguity);
    }

    private static PlaceTier LoadMinor(PlaceTier main, Dictionary<string, NameAmbiguity> ambiguity)
    {
        var builder = new PlaceCatalogBuilder(ambiguity, main, MinorCapacity);
        using (var places = new GZipStream(OpenResource(MinorPlacesResource), CompressionMode.Decompress))
        {
            builder.ReadPlaces(places);
        }

        return builder.Build();
    }

    /// <summary>All places of the main tier a name or alias may mean ("Tripoli": Libya's, then Lebanon's), most prominent first;
    /// operator entries before built-in ones. Folds <paramref name="phrase"/> first; empty when unknown. Minor towns are not among
    /// them: see <see cref="FindMinor"/>.</summary>
    public IReadOnlyList<PlaceEntry> Find(string phrase) => FindKey(TextFolding.Key(phrase));

    /// <summary>The same as <see cref="Find"/> for a key already folded by <see cref="TextFolding.Key"/> (or a span of folded text
    /// whose words are separated by single spaces); allocates only for a known key.</summary>
    public IReadOnlyList<PlaceEntry> FindKey(ReadOnlySpan<char> key) => _main.Find(key);

    /// <summary>The minor towns (1,000 to 15,000 people) a name may mean, most populous first; for a name in an explicit locative
    /// context ("the village of X"). Loads the minor tier on first use.</summary>
    public IReadOnlyList<PlaceEntry> FindMinor(string phrase) => FindMinorKey(TextFolding.Key(phrase));

    /// <summary>The same as <see cref="FindMinor"/> for a folded key.</summary>
    public IReadOnlyList<PlaceEntry> FindMinorKey(ReadOnlySpan<char> key) => _minor.Value.Find(key);

    /// <summary>The best-known place of a name in the main tier, or null.</summary>
    public PlaceEntry? FindBest(string phrase) => Find(phrase) is [var first, ..] ? first : null;

    /// <summary>Why a name key (folded) needs a locative context; <see cref="NameAmbiguity.None"/> when it does not.</summary>
    public NameAmbiguity AmbiguityOf(ReadOnlySpan<char> key) => _ambiguity.TryGetValue(key, out var reasons) ? reasons : NameAmbiguity.None;

    /// <summary>Whether a name (folded here) is also a common word, personal name, demonym or news word.</summary>
    public bool IsAmbiguous(string phrase) => AmbiguityOf(TextFolding.Key(phrase)) != NameAmbiguity.None;

    /// <summary>The places a demonym or adjective names ("Israeli" → Israel; "Congolese" → DR Congo, Republic of the Congo), most
    /// prominent first. Folds <paramref name="word"/> first.</summary>
    public IReadOnlyList<PlaceEntry> FindDemonym(string word) => FindDemonymKey(TextFolding.Key(word));

    /// <summary>The same as <see cref="FindDemonym"/> for a folded key; allocates only for a known key.</summary>
    public IReadOnlyList<PlaceEntry> FindDemonymKey(ReadOnlySpan<char> key) => _main.FindDemonym(key);

    /// <summary>The entry of an id (of either tier: a minor town's id loads the minor tier), or null.</summary>
    public PlaceEntry? Get(string id) => _main.Get(id) ?? (id.StartsWith('g') ? _minor.Value.Get(id) : null);

    /// <summary>The places that contain <paramref name="entry"/>, innermost first.</summary>
    public IReadOnlyList<PlaceEntry> ParentsOf(PlaceEntry entry)
    {
        var parents = new List<PlaceEntry>(entry.Parents.Count);
        foreach (var id in entry.Parents)
        {
            if (_main.Get(id) is { } parent)
            {
                parents.Add(parent);
            }
        }

        return parents;
    }

    /// <summary>Whether <paramref name="outer"/> is or contains <paramref name="inner"/> (reflexive, transitive through parents).</summary>
    public static bool Contains(PlaceEntry outer, PlaceEntry inner)
    {
        if (ReferenceEquals(outer, inner) || outer.Id == inner.Id)
        {
            return true;
        }

        foreach (var id in inner.Parents)
        {
            if (id == outer.Id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The innermost place that contains both (one of them when it contains the other), or null when they share none
    /// (two countries; a sea and a town).</summary>
    public PlaceEntry? CommonAncestor(PlaceEntry a, PlaceEntry b)
    {
        if (Contains(a, b))
        {
            return a;
        }

        foreach (var id in a.Parents)
        {
            if (_main.Get(id) is { } parent && Contains(parent, b))
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>The kinds of the operators' gazetteer files mapped onto <see cref="PlaceKind"/>.</summary>
    internal static PlaceKind OverlayKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "base" or "airport" or "facility" or "crossing" or "port" => PlaceKind.Facility,
        "province" or "governorate" or "state" => PlaceKind.Region,
        "district" or "neighbourhood" or "neighborhood" => PlaceKind.District,
        "city" => PlaceKind.City,
        "town" or "village" => PlaceKind.Town,
        "country" => PlaceKind.Country,
        "sea" or "gulf" or "strait" or "lake" or "river" or "water" => PlaceKind.Water,
        _ => PlaceKind.Area,
    };

    /// <summary>The order of the candidates of one name: overlay entries first, then countries and the most prominent, then by kind
    /// and id (a stable order).</summary>
    internal static int ByProminence(PlaceEntry a, PlaceEntry b)
    {
        var order = b.FromOverlay.CompareTo(a.FromOverlay);
        if (order == 0)
        {
            order = b.Prominence.CompareTo(a.Prominence);
        }

        if (order == 0)
        {
            order = a.Kind.CompareTo(b.Kind);
        }

        return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
    }

    private static Stream OpenResource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
}

/// <summary>An operator's overlay file: the shape of the former gazetteer.json.</summary>
internal sealed record PlaceOverlayFile(IReadOnlyList<PlaceOverlayEntry>? Places);

/// <summary>One overlay place. <paramref name="Kind"/>: base, airport, facility, crossing, province, governorate, state, district,
/// city, town, village, region, country, sea, lake, river.</summary>
internal sealed record PlaceOverlayEntry(string Name, string? Kind = null, string? Country = null, string? Province = null, IReadOnlyList<string>? Aliases = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(PlaceOverlayFile))]
internal sealed partial class PlaceOverlayJsonContext : JsonSerializerContext;
