using System.Collections.Concurrent;
using Alerts.Core;
using Alerts.Extraction.Places;

namespace Alerts.Extraction.Stages;

/// <summary>
/// A place the extractor can name: the <see cref="Core.Place"/> it reports, how specific it is (a facility beats a town beats
/// a district beats a region beats a country) and every place that contains it, innermost first, so two reports of one
/// incident can be told apart from two incidents (village ⊂ district ⊂ city ⊂ region ⊂ country).
/// </summary>
/// <param name="Approximate">A direction-qualified area ("southern Lebanon"): it may hold anything its base place holds.</param>
internal sealed record PlaceRef(Place Place, int Specificity, IReadOnlyList<string> Containers, bool Ambiguous = false, bool Minor = false, bool Approximate = false)
{
    public string Name => Place.Name;

    /// <summary>True when <paramref name="inner"/> is this place or lies inside it.</summary>
    public bool Contains(PlaceRef inner)
        => string.Equals(Name, inner.Name, StringComparison.OrdinalIgnoreCase) || inner.Containers.Contains(Name, StringComparer.OrdinalIgnoreCase)
           || (Approximate && Containers.Count > 0 && inner.Containers.Contains(Containers[0], StringComparer.OrdinalIgnoreCase) && !inner.Approximate);

    /// <summary>One of the two contains the other.</summary>
    public bool Compatible(PlaceRef other) => Contains(other) || other.Contains(this);

    public static PlaceRef Of(Place place, int specificity, bool ambiguous = false)
        => new(place, specificity, [.. new[] { place.Province, place.Country }.Where(n => !string.IsNullOrEmpty(n) && !string.Equals(n, place.Name, StringComparison.OrdinalIgnoreCase)).Select(n => n!).Distinct()], ambiguous);

    /// <summary>A sea, gulf, strait or other body of water.</summary>
    public bool IsWater => Place.Kind is "sea" or "water" or "strait" or "gulf";

    /// <summary>How specific a kind of place is.</summary>
    public static int SpecificityOf(string? kind) => kind switch
    {
        "base" or "facility" or "airport" or "crossing" or "station" or "camp" or "checkpoint" or "prison" or "dam" or "bridge" or "hospital" or "school" or "market" or "mosque" => 7,
        "neighbourhood" or "neighborhood" or "suburb" or "suburbs" or "village" or "hamlet" or "meadow" => 6,
        "city" or "town" or "port" or "capital" or "settlement" or "place" => 5,
        "district" or "county" or "municipality" or "sector" or "valley" => 4,
        "province" or "governorate" or "state" or "region" or "border" => 3,
        "area" or "sea" or "water" or "strait" or "gulf" => 2,
        "country" => 1,
        _ => 4,
    };
}

/// <summary>Where places come from: a gazetteer keyed by folded names (<see cref="TextFolding.Key"/>).</summary>
internal interface IPlaceSource
{
    /// <summary>The most words any name has.</summary>
    int MaxWords { get; }

    /// <summary>The places a folded name may denote, the most prominent first; empty when unknown.</summary>
    IReadOnlyList<PlaceRef> Lookup(ReadOnlySpan<char> key);

    /// <summary>The most words of any name that starts with the folded word <paramref name="firstWord"/>; 0 when none does.</summary>
    int LongestFrom(ReadOnlySpan<char> firstWord);

    /// <summary>The country a demonym or adjective names ("israeli" → Israel), or null.</summary>
    PlaceRef? Demonym(ReadOnlySpan<char> key);
}

/// <summary>The world gazetteer (<see cref="PlaceCatalog"/>, plus an operator's overlay) as a place source.</summary>
internal sealed class CatalogPlaceSource(PlaceCatalog catalog) : IPlaceSource
{
    private readonly ConcurrentDictionary<string, PlaceRef> _refs = new(StringComparer.Ordinal);

    public int MaxWords => Math.Max(catalog.MaxKeyWords, 6);

    /// <summary>The main tier's candidates, else the small towns of the minor tier (marked <see cref="PlaceRef.Minor"/>).</summary>
    public IReadOnlyList<PlaceRef> Lookup(ReadOnlySpan<char> key)
    {
        var found = catalog.FindKey(key);
        if (found.Count == 0)
        {
            found = catalog.FindMinorKey(key);
        }

        if (found.Count == 0)
        {
            return [];
        }

        var ambiguous = catalog.AmbiguityOf(key) != NameAmbiguity.None;
        return [.. found.Select(e => Ref(e) is var r && (ambiguous || e.Minor) ? r with { Ambiguous = ambiguous, Minor = e.Minor } : r)];
    }

    public int LongestFrom(ReadOnlySpan<char> firstWord) => catalog.LongestKeyFrom(firstWord);

    public PlaceRef? Demonym(ReadOnlySpan<char> key) => catalog.FindDemonymKey(key) is [var country, ..] ? Ref(country) : null;

    private PlaceRef Ref(PlaceEntry entry) => _refs.GetOrAdd(entry.Id, _ =>
    {
        var kind = entry.Kind switch
        {
            PlaceKind.Country => "country",
            PlaceKind.Region => "province",
            PlaceKind.District => "district",
            PlaceKind.City => "city",
            PlaceKind.Town => "town",
            PlaceKind.Facility => "facility",
            PlaceKind.Water => "sea",
            _ => "area",
        };
        var containers = catalog.ParentsOf(entry).Select(p => p.Name).Where(n => !string.Equals(n, entry.Name, StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        var place = new Place(entry.Name, entry.Region is { } region && region != entry.Name ? region : null, entry.Country is { } country && country != entry.Name ? country : null, kind);
        return new PlaceRef(place, PlaceRef.SpecificityOf(kind), containers);
    });
}
