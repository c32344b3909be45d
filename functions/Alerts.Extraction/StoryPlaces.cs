using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Core;

namespace Alerts.Extraction;

/// <summary>
/// Places of one story that the gazetteer lacks: capitalised names in place contexts ("in X", "near X", "the port city of X",
/// "district of X", "X's old town") and the dateline city ("HARRAN — ..."), recognised again wherever the story repeats them.
/// </summary>
internal sealed partial class StoryPlaces
{
    private static readonly HashSet<string> NotPlaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The", "A", "An", "This", "That", "These", "Its", "His", "Her",
        "Their", "Our", "Mr", "Mrs", "Ms", "Dr", "President", "Prime", "Minister", "General", "Colonel", "Parliament", "Congress", "Reuters", "Ramadan", "Eid",
        "Christmas", "Iraqi", "Syrian", "Iranian", "Israeli", "Palestinian", "Lebanese", "Qatari", "Saudi", "Emirati", "Turkish", "Russian", "Ukrainian",
        "American", "British", "French", "German", "Kurdish", "Malian", "Algerian", "Egyptian", "Jordanian", "Yemeni", "Sudanese", "Somali", "Ethiopian",
        "Norwegian", "European", "Western", "Arab", "Islamic", "UN", "EU", "US", "UK", "NATO", "Live", "Update", "Breaking", "Analysis", "Opinion",
        "English", "Arabic", "Persian", "Farsi", "Hebrew", "Kurdish", "Spanish", "Portuguese", "Swahili", "Somali", "Hausa", "Telegram", "Twitter",
        "Facebook", "WhatsApp", "Instagram", "YouTube", "TikTok", "Signal", "God", "Allah", "Islam", "Christianity", "Easter", "Ramadan", "Eid", "Lent",
    };

    private static readonly HashSet<string> InstitutionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Hospital", "University", "School", "House", "Hall", "Hotel", "Square", "Street", "Road", "Ministry", "Council", "Committee", "Court", "Palace",
        "Mosque", "Church", "Stadium", "Centre", "Center", "Market", "Airport", "Office", "Agency", "Forum", "Conference", "Summit", "Talks", "Group",
        "Movement", "Forces", "Army", "Brigade", "Front", "Party", "Government", "Police", "Club", "Cup", "League",
    };

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "da", "de", "do", "dos", "das", "del", "di", "du", "la", "le" };

    private static readonly HashSet<string> GenericPrefixes = new(StringComparer.OrdinalIgnoreCase) { "Port", "Fort", "Mount", "Cape", "Lake" };

    private readonly PhraseIndex<KnownPlace> _index = new();
    private readonly int _datelineStart;
    private readonly int _datelineEnd;
    private readonly Dictionary<string, KnownPlace> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(int Position, string Noun, KnownPlace Place)> _byNoun = [];

    private StoryPlaces(KnownPlace? dateline, int datelineStart, int datelineEnd)
    {
        Dateline = dateline;
        _datelineStart = datelineStart;
        _datelineEnd = datelineEnd;
    }

    /// <summary>The dateline city of the story: its default place when a sentence names none.</summary>
    public KnownPlace? Dateline { get; }

    /// <summary>Whether a span lies in the dateline: a place found there says where the reporter was, not where it happened.</summary>
    public bool InDateline(int start, int end) => start >= _datelineStart && end <= _datelineEnd;

    public bool IsEmpty => _index.Count == 0;

    /// <summary>"in the town": the last place the story introduced as "the town of X" before <paramref name="position"/>.</summary>
    public KnownPlace? ByNoun(string noun, int position)
    {
        for (var k = _byNoun.Count - 1; k >= 0; k--)
        {
            if (_byNoun[k].Position < position && _byNoun[k].Noun == noun)
            {
                return _byNoun[k].Place;
            }
        }

        return null;
    }

    /// <summary>Finds the names a story gives to places, skipping those the gazetteer already knows.</summary>
    public static StoryPlaces Discover(string text, int start, int end, Gazetteer gazetteer, ActorCatalog actors)
    {
        KnownPlace? dateline = null;
        var head = DatelineMarker().Match(text, start, Math.Min(end, start + 600) - start);
        string? datelineName = null;
        var (datelineStart, datelineEnd) = (-1, -1);
        if (head.Success && Normalise(head.Groups["name"].Value) is { } name && IsPlaceName(name, actors))
        {
            datelineName = name;
            (datelineStart, datelineEnd) = (head.Index, head.Index + head.Length);
            var known = gazetteer.Find(name);
            dateline = known is not null ? new KnownPlace(known, Gazetteer.SpecificityOf(known.Kind)) : Unknown(name);
        }

        var places = new StoryPlaces(dateline, datelineStart, datelineEnd);
        if (datelineName is not null && dateline!.Place.Kind == "unknown")
        {
            places.Add(datelineName, dateline);
        }

        var body = text.Substring(start, end - start);

        // Ships are named like places ("the tanker Corvina Star"); wherever the story names them again, they are not places.
        var vessels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match vessel in VesselName().Matches(body))
        {
            vessels.Add(vessel.Groups["name"].Value);
        }

        // A named district is its city: "the Bab al-Bahr district of Kessar", "Kessar's Greyquay district".
        foreach (var regex in (ReadOnlySpan<Regex>)[DistrictOf(), PossessiveDistrict()])
        {
            foreach (Match match in regex.Matches(body))
            {
                if (Normalise(match.Groups["city"].Value) is { } city && IsPlaceName(city, actors)
                    && Normalise(match.Groups["district"].Value) is { } district && IsPlaceName(district, actors) && gazetteer.Find(district) is null)
                {
                    var cityPlace = Resolve(city, gazetteer, dateline, datelineName);
                    places.Add(district, cityPlace with { Place = cityPlace.Place with { NamedAs = district } });
                }
            }
        }

        foreach (var regex in (ReadOnlySpan<Regex>)[PlaceContext(), PossessivePlace()])
        {
            foreach (Match match in regex.Matches(body))
            {
                var nameGroup = match.Groups["name"];
                var after = start + nameGroup.Index + nameGroup.Length;
                if (regex == PlaceContext() && after + 1 < text.Length && text[after] is '\'' or '’' && text[after + 1] == 's')
                {
                    continue; // "in Solberg's absence": a person's possession, handled by PossessivePlace for places
                }

                if (FacilityAfter().IsMatch(text, after))
                {
                    continue; // "the Qarmat Ali base": a facility, which the extractor names with its kind
                }

                if (regex == PlaceContext() && match.Groups["the"].Success && ModifierAfter().IsMatch(text, after))
                {
                    continue; // "in the Ostranan port city of …": a national adjective, not a place
                }

                var nameStart = start + nameGroup.Index;
                if (VesselBefore().IsMatch(text.AsSpan(Math.Max(start, nameStart - 24), nameStart - Math.Max(start, nameStart - 24))))
                {
                    continue; // "hit the tanker Corvina Star": a ship, not a place
                }

                if (Normalise(nameGroup.Value) is not { } candidate || !IsPlaceName(candidate, actors) || gazetteer.Find(candidate) is not null || vessels.Contains(candidate))
                {
                    continue;
                }

                var resolved = Resolve(candidate, gazetteer, dateline, datelineName);
                places.Add(candidate, resolved);
                if (match.Groups["noun"].Success)
                {
                    places._byNoun.Add((start + match.Index, match.Groups["noun"].Value.ToLowerInvariant(), resolved));
                }
            }
        }

        return places;
    }

    public void FindAll(string folded, int start, int end, List<PhraseMatch<KnownPlace>> results)
    {
        if (IsEmpty)
        {
            return;
        }

        var before = results.Count;
        var found = new List<PhraseMatch<KnownPlace>>();
        _index.FindAll(folded, start, end, found);
        foreach (var f in found)
        {
            var overlaps = false;
            for (var k = 0; k < before; k++)
            {
                overlaps |= results[k].Start < f.End && f.Start < results[k].End;
            }

            if (!overlaps)
            {
                results.Add(f);
            }
        }
    }

    internal static KnownPlace Unknown(string name) => new(new Place(name, Kind: "unknown"), 5);

    /// <summary>Title-cases an upper-case name (datelines), keeping "al-"/"el-" particles after the first word lower case.</summary>
    internal static string? Normalise(string raw)
    {
        var name = string.Join(' ', raw.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        while (name.Split(' ') is { Length: > 1 } words && NotPlaces.Contains(words[0]))
        {
            name = name[(words[0].Length + 1)..];
        }

        if (name.Length < 3)
        {
            return null;
        }

        if (name.Any(char.IsLower))
        {
            return name;
        }

        var lower = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());
        return AfterFirstParticle().Replace(lower, m => m.Value.ToLowerInvariant());
    }

    private static bool IsPlaceName(string name, ActorCatalog actors)
    {
        var words = name.Split(' ');
        return !NotPlaces.Contains(words[0]) && !NotPlaces.Contains(name) && !InstitutionWords.Contains(words[^1]) && actors.Find(name) is null
            && !(words.Length == 1 && actors.Find(words[0]) is not null);
    }

    private static bool IsShortFormOf(string candidate, string full)
    {
        var words = full.Split(' ');
        return words.Length > 1 && GenericPrefixes.Contains(words[0]) && string.Equals(candidate, string.Join(' ', words[1..]), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A known place, the dateline city ("Kessar" after a "PORT KESSAR" dateline), or a new unknown place.</summary>
    private static KnownPlace Resolve(string name, Gazetteer gazetteer, KnownPlace? dateline, string? datelineName)
    {
        if (gazetteer.Find(name) is { } known)
        {
            return new KnownPlace(known, Gazetteer.SpecificityOf(known.Kind));
        }

        return dateline is not null && datelineName is not null && (IsShortFormOf(name, datelineName) || string.Equals(name, datelineName, StringComparison.OrdinalIgnoreCase))
            ? dateline
            : Unknown(name);
    }

    /// <summary>
    /// Adds a name the story gives a place; the first meaning found wins (a district named as such stays its city), except that
    /// "Port Kessar" claims a bare "Kessar" found before it.
    /// </summary>
    private void Add(string name, KnownPlace place)
    {
        if (!_names.TryAdd(name, place))
        {
            return;
        }

        _index.Add(name, place);
        var words = name.Split(' ');
        if (words.Length > 2 && Particles.Contains(words[1]) && words[0].Length >= 5 && _names.TryAdd(words[0], place))
        {
            _index.Add(words[0], place); // "Mocímboa" for "Mocímboa da Praia"
        }

        if (words.Length > 1 && GenericPrefixes.Contains(words[0]))
        {
            var shortName = string.Join(' ', words[1..]);
            if (!_names.TryGetValue(shortName, out var earlier) || earlier.Place.Kind == "unknown")
            {
                _names[shortName] = place;
                _index.Add(shortName, place);
            }
        }
    }

    /// <summary>An upper-case city at the start of a line, before a dash: "PORT KESSAR —", "ISTANBUL, Turkey —", "GOMA, Congo (Wire) - ".</summary>
    [GeneratedRegex(@"^[ \t]*(?<name>\p{Lu}[\p{Lu}\p{M}’'.-]+(?:[ ]\p{Lu}[\p{Lu}\p{M}’'.-]+){0,2})(?:,[ ]*\p{L}[\p{L}.]*(?:[ ]\p{L}[\p{L}.]*){0,2})?(?:[ ]*\([\p{L}\p{N} .&-]{1,30}\))?(?:[ ]*(?:—|–|--)|[ ]+-[ ])", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DatelineMarker();

    private const string Word = @"(?:(?:al|el|as|ash|ad)-)?\p{Lu}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)?";

    /// <summary>1–3 capitalised words, with lower-case particles between them ("Mocímboa da Praia", "Bab al-Bahr").</summary>
    private const string Name = Word + @"(?:[ ](?:(?:da|de|do|dos|das|del|di|du|la|le|al|el|bin|ibn|ben|van|von)[ ])?" + Word + "){0,2}";

    /// <summary>A capitalised name after a place preposition, "city/town/district of", an attack verb or "raid on".</summary>
    [GeneratedRegex(@"(?<![\p{L}'’])(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]ff|[Oo]utside|[Ii]nside|(?<noun>city|town|village|district|districts|capital|outskirts|suburbs|governorate|province|port|harbou?r|island|islands)\s+of|(?:raided|stormed|attacked|shelled|bombed|overran|struck|hit)|(?:raids?|attacks?|assault|offensive|strikes?|shelling|bombing)\s+on)\s+(?<the>the\s+)?(?<name>" + Name + @")(?![\p{L}\p{M}])|(?<![\p{L}\p{M}])[Tt]he\s+(?<name>" + Name + @")\s+(?=(?:raid|attack|bombing|shelling|massacre|assault|siege)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceContext();

    /// <summary>"the tanker Corvina Star", "the bulk carrier Santa Ilaria": a ship's name after its type.</summary>
    [GeneratedRegex(@"\b(?i:tanker|ship|vessel|carrier|freighter|boat|frigate|destroyer|ferry|trawler|dhow|yacht|liner|barge|tug)\s+(?:the\s+)?(?<name>" + Name + @")(?![\p{L}\p{M}])", RegexOptions.CultureInvariant)]
    private static partial Regex VesselName();

    /// <summary>A ship's type right before its name: "the tanker Corvina Star", "the bulk carrier Santa Ilaria".</summary>
    [GeneratedRegex(@"\b(?:tanker|ship|vessel|carrier|freighter|boat|frigate|destroyer|ferry|trawler|dhow|yacht|liner|barge|tug|cargo\s+ship|container\s+ship)\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VesselBefore();

    /// <summary>A lower-case word right after "the X" that makes X a modifier ("the Ostranan port city", "the Sudanese army").</summary>
    [GeneratedRegex(@"\G\s+(?!(?:region|province|valley|district|governorate|state|desert|mountains|delta|basin|peninsula|coast|highlands|plain|plains|corridor|strip|enclave|pocket|strait|straits|gulf|sea|bay|channel|lagoon|islands?)\b)\p{Ll}", RegexOptions.CultureInvariant)]
    private static partial Regex ModifierAfter();

    /// <summary>"the Bab al-Bahr district of Kessar".</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<district>" + Name + @")\s+(?:district|neighbou?rhood|quarter|suburb)\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?(?<city>" + Name + @")(?![\p{L}\p{M}])", RegexOptions.CultureInvariant)]
    private static partial Regex DistrictOf();

    /// <summary>"Kessar's Greyquay district", "Kessar's northern Greyquay district".</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<city>" + Name + @")['’]s\s+(?:\p{Ll}[\p{L}-]*\s+)?(?<district>" + Name + @")\s+(?:district|neighbou?rhood|quarter|suburb)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveDistrict();

    /// <summary>"X's old town", "X's port": a place owning a part of a city.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<name>" + Name + @")['’]s\s+(?:old\s+town|old\s+city|port|harbou?r|airport|outskirts|streets|suburbs|city\s+centre|districts?|neighbou?rhoods?|health\s+directorate|governor|mayor)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PossessivePlace();

    [GeneratedRegex(@"\G\s+(?:air\s+base|airbase|base|garrison|outpost|camp|airfield|air\s+field)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FacilityAfter();

    [GeneratedRegex(@"(?<= )(?:Al|El)-", RegexOptions.CultureInvariant)]
    private static partial Regex AfterFirstParticle();
}
