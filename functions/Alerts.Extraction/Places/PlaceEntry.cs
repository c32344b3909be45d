namespace Alerts.Extraction.Places;

/// <summary>What kind of place an entry is.</summary>
public enum PlaceKind
{
    /// <summary>A country or territory with an ISO 3166-1 code.</summary>
    Country,

    /// <summary>A first-level administrative region (province, state, governorate, oblast).</summary>
    Region,

    /// <summary>A second-level administrative unit (district, raion, territory) or a section of a city (quarter, camp).</summary>
    District,

    /// <summary>A city or town of 15,000 or more people, or a capital or first-level seat.</summary>
    City,

    /// <summary>A smaller town or village (the minor tier: 1,000 to 15,000 people, or a district seat of unknown size).</summary>
    Town,

    /// <summary>A base, airbase, airport, port, crossing, dam, plant or similar facility.</summary>
    Facility,

    /// <summary>A sea, ocean, gulf, strait, lake or river.</summary>
    Water,

    /// <summary>A geographic or disputed region that is not (only) an administrative unit: Kashmir, Donbas, Sahel.</summary>
    Area,
}

/// <summary>Why a name needs a locative context ("in X", "the town of X") before it is taken for a place.</summary>
[Flags]
public enum NameAmbiguity
{
    None = 0,

    /// <summary>A common English word ("Of", "Nice", "Mobile", "Reading", "Split").</summary>
    Word = 1,

    /// <summary>A common first or last name ("Jackson", "Victoria").</summary>
    PersonName = 2,

    /// <summary>A demonym or the name of a people or group ("Arab", "Kurd", "Somali").</summary>
    Demonym = 4,

    /// <summary>A word common in news ("Police", "March", "Victory").</summary>
    NewsWord = 8,

    /// <summary>One or two letters.</summary>
    Short = 16,
}

/// <summary>One place of the catalog. Immutable.</summary>
/// <param name="Id">Stable id: an ISO country code ("UA"), a GeoNames admin code ("UA.12", "UA.12.3210"), "g" and a GeoNames id for a
/// city or town ("g703448"), "h:" and a slug for a hand-kept entry, "l:" for a place only the former gazetteer listed, "o:" for an
/// operator's overlay entry.</param>
/// <param name="Name">The canonical English name.</param>
/// <param name="Kind">What kind of place it is.</param>
/// <param name="Country">The canonical name of the one country that contains it (its own name for a country); null when none or several do
/// (seas, a disputed area of two countries).</param>
/// <param name="Region">The first-level region that contains it (its own name for a region), or null.</param>
/// <param name="Population">People living there (GeoNames) for cities and towns; 0 when unknown or not applicable.</param>
/// <param name="Parents">Ids of every place that contains it, innermost first (a base: its city, district, region, country). Several
/// countries for a disputed area.</param>
/// <param name="Ambiguous">Whether the canonical name is also a common word, personal name, demonym or news word (see
/// <see cref="PlaceCatalog.AmbiguityOf(ReadOnlySpan{char})"/> for any other name).</param>
/// <param name="Minor">Whether it is of the minor tier (a small town): to be accepted only in an explicit locative context.</param>
public sealed record PlaceEntry(
    string Id,
    string Name,
    PlaceKind Kind,
    string? Country,
    string? Region,
    long Population,
    IReadOnlyList<string> Parents,
    bool Ambiguous,
    bool Minor)
{
    /// <summary>Orders the candidates of one name: countries first, then by population (a region's or district's counts the people of
    /// its cities and towns; hand-kept entries give their own).</summary>
    public long Prominence { get; init; }

    /// <summary>The English demonyms and adjectives of the place ("Israeli", "Israelis"), mostly of countries.</summary>
    public IReadOnlyList<string> Demonyms { get; init; } = [];

    /// <summary>Whether an operator's overlay file added it.</summary>
    public bool FromOverlay { get; init; }
}
