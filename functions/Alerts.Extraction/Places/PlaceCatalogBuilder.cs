using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Alerts.Extraction.Places;

/// <summary>The indexes of one tier of the catalog: entries by id, by name key and by demonym.</summary>
internal sealed record PlaceTier(
    PlaceEntry[] Entries,
    Dictionary<string, PlaceEntry> ById,
    Dictionary<string, PlaceEntry[]> Names,
    Dictionary<string, PlaceEntry[]> Demonyms,
    int MaxKeyWords,
    Dictionary<string, int> LongestByFirstWord);

/// <summary>
/// Reads the generated place data and an operator overlay into a <see cref="PlaceTier"/>, building the entries and indexes as it
/// reads (the generator precomputes ancestors, country, region and folded keys, so loading is parsing). The data (see
/// eng/gazetteer/README.md): places*.tsv.gz, one place a line: id, kind, name, population, prominence, ancestors (every container,
/// innermost first), country id (none when several), region id, flags ("m" minor), keys (folded names, the name's first; "!name" a
/// name still to fold), demonyms; place-names.tsv: ambiguous name keys and why. Single use, single thread.
/// </summary>
internal sealed class PlaceCatalogBuilder
{
    private const int FieldCount = 11;
    private const int BlockSize = 1 << 16;

    private readonly PlaceTier? _outer;
    private readonly Dictionary<string, NameAmbiguity>.AlternateLookup<ReadOnlySpan<char>> _ambiguity;
    private readonly List<PlaceEntry> _entries;
    private readonly Dictionary<string, PlaceEntry> _byId;
    private readonly Dictionary<string, PlaceEntry>.AlternateLookup<ReadOnlySpan<char>> _byIdSpan;
    private readonly Dictionary<string, PlaceEntry>.AlternateLookup<ReadOnlySpan<char>>? _outerById;
    private readonly Dictionary<string, PlaceEntry[]> _names;
    private readonly Dictionary<string, PlaceEntry[]>.AlternateLookup<ReadOnlySpan<char>> _namesSpan;
    private readonly Dictionary<string, PlaceEntry[]> _demonyms = new(1024, StringComparer.Ordinal);
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _ancestorLists =
        new Dictionary<string, string[]>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly List<string> _sharedNames = [];
    private readonly List<string> _sharedDemonyms = [];
    private int _maxWords = 1;
    private int _overlayCount;

    /// <param name="ambiguity">The ambiguous name keys (place-names.tsv).</param>
    /// <param name="outer">The tier this one's places lie in (the main tier, for the minor one), or null.</param>
    /// <param name="capacity">About how many entries to expect.</param>
    public PlaceCatalogBuilder(Dictionary<string, NameAmbiguity> ambiguity, PlaceTier? outer = null, int capacity = 100_000)
    {
        _outer = outer;
        _ambiguity = ambiguity.GetAlternateLookup<ReadOnlySpan<char>>();
        _entries = new(capacity);
        _byId = new(capacity, StringComparer.Ordinal);
        _byIdSpan = _byId.GetAlternateLookup<ReadOnlySpan<char>>();
        _outerById = outer?.ById.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = new(capacity * 3 / 2, StringComparer.Ordinal);
        _namesSpan = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static Dictionary<string, NameAmbiguity> ReadAmbiguity(Stream stream)
    {
        var result = new Dictionary<string, NameAmbiguity>(StringComparer.Ordinal);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                throw new InvalidDataException($"place-names.tsv: bad line '{line}'.");
            }

            var reasons = NameAmbiguity.None;
            foreach (var c in line.AsSpan(tab + 1))
            {
                reasons |= c switch
                {
                    'w' => NameAmbiguity.Word,
                    'p' => NameAmbiguity.PersonName,
                    'd' => NameAmbiguity.Demonym,
                    'n' => NameAmbiguity.NewsWord,
                    's' => NameAmbiguity.Short,
                    _ => throw new InvalidDataException($"place-names.tsv: unknown reason '{c}' in '{line}'."),
                };
            }

            result[line[..tab]] = reasons;
        }

        return result;
    }

    /// <summary>Reads a places file (UTF-8, already decompressed) in blocks, line by line, without a string per line.</summary>
    public void ReadPlaces(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: BlockSize);
        var buffer = new char[BlockSize];
        var filled = 0;
        while (true)
        {
            var read = reader.ReadBlock(buffer, filled, buffer.Length - filled);
            filled += read;
            var block = buffer.AsSpan(0, filled);
            var start = 0;
            for (var end = block[start..].IndexOf('\n'); end >= 0; end = block[start..].IndexOf('\n'))
            {
                ReadLine(block.Slice(start, end));
                start += end + 1;
            }

            if (read == 0)
            {
                ReadLine(block[start..]); // a last line without its newline
                return;
            }

            // Keep the unfinished line for the next block; a line longer than the buffer grows it.
            block[start..].CopyTo(buffer);
            filled -= start;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    private void ReadLine(ReadOnlySpan<char> line)
    {
        if (!line.IsEmpty && line[0] != '#')
        {
            ReadPlace(line.TrimEnd('\r'));
        }
    }

    /// <summary>Adds the overlay places: each is a new entry under its province (a region of its country) or its country, and comes
    /// first among the places of each of its names.</summary>
    public void AddOverlay(IReadOnlyList<PlaceOverlayEntry> places)
    {
        foreach (var place in places)
        {
            if (string.IsNullOrWhiteSpace(place.Name))
            {
                continue;
            }

            var kind = PlaceCatalog.OverlayKind(place.Kind);
            var country = place.Country is { } c ? First(TextFolding.Key(c), e => e.Kind == PlaceKind.Country) : null;
            // A province is sought within the country; when the country is unknown to the catalog, so is the province.
            var region = place.Province is { } p && (country is not null || place.Country is null)
                ? First(TextFolding.Key(p), e => e.Kind is PlaceKind.Region or PlaceKind.Area && (country is null || PlaceCatalog.Contains(country, e)))
                : null;
            var parent = kind == PlaceKind.Country ? null : region ?? country;
            var name = place.Name.Trim();
            var entry = new PlaceEntry(
                $"o:{++_overlayCount}",
                name,
                kind,
                kind == PlaceKind.Country ? name : country?.Name ?? place.Country,
                kind == PlaceKind.Region ? name : region?.Name ?? place.Province,
                0,
                parent is null ? [] : [parent.Id, .. parent.Parents],
                _ambiguity.ContainsKey(TextFolding.Key(name)),
                false)
            {
                FromOverlay = true,
            };
            AddEntry(entry);
            AddName(TextFolding.Key(name), entry);
            foreach (var alias in place.Aliases ?? [])
            {
                AddName(TextFolding.Key(alias), entry);
            }
        }
    }

    public PlaceTier Build()
    {
        Sort(_names, _sharedNames);
        Sort(_demonyms, _sharedDemonyms);
        return new PlaceTier([.. _entries], _byId, _names, _demonyms, _maxWords, LongestByFirstWord(_names.Keys));
    }

    /// <summary>For each first word of the name keys, the most words a key that starts with it has.</summary>
    private static Dictionary<string, int> LongestByFirstWord(IEnumerable<string> keys)
    {
        var longest = new Dictionary<string, int>(StringComparer.Ordinal);
        var byWord = longest.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in keys)
        {
            var space = key.IndexOf(' ');
            var first = space < 0 ? key.AsSpan() : key.AsSpan(0, space);
            var words = key.AsSpan().Count(' ') + 1;
            if (!byWord.TryGetValue(first, out var most) || most < words)
            {
                byWord[first] = words;
            }
        }

        return longest;
    }

    private void ReadPlace(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[FieldCount + 1];
        if (line.Split(fields, '\t') != FieldCount)
        {
            throw new InvalidDataException($"places.tsv: expected {FieldCount} fields in '{line}'.");
        }

        var kind = KindOf(line[fields[1]], line);
        var name = line[fields[2]].ToString();
        var keys = line[fields[9]];
        var nameKeyEnd = keys.IndexOf('|');
        var nameKey = nameKeyEnd < 0 ? keys : keys[..nameKeyEnd];
        var ambiguous = nameKey.StartsWith('!') ? _ambiguity.ContainsKey(TextFolding.Key(nameKey[1..].ToString())) : _ambiguity.ContainsKey(nameKey);
        var entry = new PlaceEntry(
            line[fields[0]].ToString(),
            name,
            kind,
            kind == PlaceKind.Country ? name : NameOf(line[fields[6]]),
            kind == PlaceKind.Region ? name : NameOf(line[fields[7]]),
            ParseNumber(line[fields[3]]),
            Ids(line[fields[5]]),
            ambiguous,
            line[fields[8]].Contains('m'))
        {
            Prominence = ParseNumber(line[fields[4]]),
            Demonyms = Strings(line[fields[10]]),
        };
        AddEntry(entry);
        foreach (var part in keys.Split('|'))
        {
            var key = keys[part];
            if (key.StartsWith('!'))
            {
                AddName(TextFolding.Key(key[1..].ToString()), entry);
            }
            else
            {
                AddName(key, entry);
            }
        }

        foreach (var demonym in entry.Demonyms)
        {
            AddCandidate(_demonyms.GetAlternateLookup<ReadOnlySpan<char>>(), TextFolding.Key(demonym), entry, _sharedDemonyms);
        }
    }

    private void AddEntry(PlaceEntry entry)
    {
        if (!_byId.TryAdd(entry.Id, entry))
        {
            throw new InvalidDataException($"places.tsv: duplicate id {entry.Id}.");
        }

        _entries.Add(entry);
    }

    private void AddName(ReadOnlySpan<char> key, PlaceEntry entry)
    {
        if (AddCandidate(_namesSpan, key, entry, _sharedNames))
        {
            _maxWords = Math.Max(_maxWords, key.Count(' ') + 1);
        }
    }

    /// <summary>Adds an entry to the candidates of a key; true when the key is new. Keys that get a second candidate are noted in
    /// <paramref name="shared"/>, to be sorted once all are in.</summary>
    private static bool AddCandidate(Dictionary<string, PlaceEntry[]>.AlternateLookup<ReadOnlySpan<char>> index, ReadOnlySpan<char> key, PlaceEntry entry, List<string> shared)
    {
        if (key.IsEmpty)
        {
            return false;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
        if (!exists)
        {
            slot = [entry];
            return true;
        }

        if (!ReferenceEquals(slot![^1], entry))
        {
            var grown = new PlaceEntry[slot.Length + 1];
            slot.CopyTo(grown, 0);
            grown[^1] = entry;
            slot = grown;
            if (grown.Length == 2 && index.TryGetValue(key, out var actualKey, out _))
            {
                shared.Add(actualKey);
            }
        }

        return false;
    }

    private static void Sort(Dictionary<string, PlaceEntry[]> index, List<string> shared)
    {
        foreach (var key in shared)
        {
            Array.Sort(index[key], PlaceCatalog.ByProminence);
        }
    }

    /// <summary>The first candidate of a key (in file order; before sorting) that matches.</summary>
    private PlaceEntry? First(string key, Func<PlaceEntry, bool> match)
    {
        var candidates = _names.TryGetValue(key, out var found) ? found : [];
        return candidates.OrderBy(e => e, Comparer<PlaceEntry>.Create(PlaceCatalog.ByProminence)).FirstOrDefault(match);
    }

    private PlaceEntry? Lookup(ReadOnlySpan<char> id) =>
        _byIdSpan.TryGetValue(id, out var found) ? found : _outerById is { } outer && outer.TryGetValue(id, out var above) ? above : null;

    private string? NameOf(ReadOnlySpan<char> id) => id.IsEmpty ? null : Lookup(id)?.Name;

    /// <summary>A list of ancestor ids, each the entry's own id string when the entry is already known; places with the same
    /// ancestors (the towns of one district) share one array.</summary>
    private string[] Ids(ReadOnlySpan<char> field)
    {
        if (field.IsEmpty)
        {
            return [];
        }

        ref var shared = ref CollectionsMarshal.GetValueRefOrAddDefault(_ancestorLists, field, out var exists);
        if (exists)
        {
            return shared!;
        }

        var result = new string[field.Count(',') + 1];
        var n = 0;
        foreach (var part in field.Split(','))
        {
            result[n++] = Lookup(field[part])?.Id ?? field[part].ToString();
        }

        return shared = result;
    }

    private static string[] Strings(ReadOnlySpan<char> field)
    {
        if (field.IsEmpty)
        {
            return [];
        }

        var result = new string[field.Count('|') + 1];
        var n = 0;
        foreach (var part in field.Split('|'))
        {
            result[n++] = field[part].ToString();
        }

        return result;
    }

    private static PlaceKind KindOf(ReadOnlySpan<char> code, ReadOnlySpan<char> line) => code switch
    {
        "C" => PlaceKind.Country,
        "R" => PlaceKind.Region,
        "D" => PlaceKind.District,
        "Y" => PlaceKind.City,
        "T" => PlaceKind.Town,
        "F" => PlaceKind.Facility,
        "W" => PlaceKind.Water,
        "A" => PlaceKind.Area,
        _ => throw new InvalidDataException($"places.tsv: unknown kind in '{line}'."),
    };

    private static long ParseNumber(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : long.Parse(text, CultureInfo.InvariantCulture);
}
