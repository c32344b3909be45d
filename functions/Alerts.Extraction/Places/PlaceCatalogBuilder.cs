using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Alerts.Extraction.Places;

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

    private readonly PlaceTier _tier;
    private readonly PlaceTier? _outer;
    private readonly Dictionary<string, NameAmbiguity>.AlternateLookup<ReadOnlySpan<char>> _ambiguity;
    private int _overlayCount;

    /// <param name="ambiguity">The ambiguous name keys (place-names.tsv).</param>
    /// <param name="outer">The tier this one's places lie in (the main tier, for the minor one), or null.</param>
    /// <param name="capacity">About how many entries to expect.</param>
    public PlaceCatalogBuilder(Dictionary<string, NameAmbiguity> ambiguity, PlaceTier? outer = null, int capacity = 100_000)
    {
        _outer = outer;
        _ambiguity = ambiguity.GetAlternateLookup<ReadOnlySpan<char>>();
        _tier = new PlaceTier(capacity);
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
            var row = _tier.Add(
                $"o:{++_overlayCount}",
                name,
                kind,
                Intern(kind == PlaceKind.Country ? name : country?.Name ?? place.Country),
                Intern(kind == PlaceKind.Region ? name : region?.Name ?? place.Province),
                0,
                0,
                parent is null ? "" : string.Join(',', [parent.Id, .. parent.Parents]),
                [],
                _ambiguity.ContainsKey(TextFolding.Key(name)),
                minor: false,
                fromOverlay: true);
            _tier.AddName(TextFolding.Key(name), row);
            foreach (var alias in place.Aliases ?? [])
            {
                _tier.AddName(TextFolding.Key(alias), row);
            }
        }
    }

    public PlaceTier Build()
    {
        _tier.Freeze();
        return _tier;
    }

    private void ReadPlace(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[FieldCount + 1];
        if (line.Split(fields, '\t') != FieldCount)
        {
            throw new InvalidDataException($"places.tsv: expected {FieldCount} fields in '{line}'.");
        }

        var kind = KindOf(line[fields[1]], line);
        var name = line[fields[2]];
        var keys = line[fields[9]];
        var nameKeyEnd = keys.IndexOf('|');
        var nameKey = nameKeyEnd < 0 ? keys : keys[..nameKeyEnd];
        var ambiguous = nameKey.StartsWith('!') ? _ambiguity.ContainsKey(TextFolding.Key(nameKey[1..].ToString())) : _ambiguity.ContainsKey(nameKey);
        var row = _tier.Add(
            line[fields[0]],
            name,
            kind,
            kind == PlaceKind.Country ? _tier.Intern(name) : NameOf(line[fields[6]]),
            kind == PlaceKind.Region ? _tier.Intern(name) : NameOf(line[fields[7]]),
            ParseNumber(line[fields[3]]),
            ParseNumber(line[fields[4]]),
            line[fields[5]],
            Demonyms(line[fields[10]]),
            ambiguous,
            line[fields[8]].Contains('m'),
            fromOverlay: false);
        foreach (var part in keys.Split('|'))
        {
            var key = keys[part];
            _tier.AddName(key.StartsWith('!') ? TextFolding.Key(key[1..].ToString()) : key, row);
        }
    }

    /// <summary>The most prominent candidate of a key (the tier is not sorted yet) that matches.</summary>
    private PlaceEntry? First(string key, Func<PlaceEntry, bool> match)
        => _tier.Building(key).OrderBy(e => e, Comparer<PlaceEntry>.Create(PlaceCatalog.ByProminence)).FirstOrDefault(match);

    /// <summary>The number of the name of the place of an id (in this tier or the one it lies in) among the tier's shared
    /// strings; -1 when there is no id or no such place.</summary>
    private int NameOf(ReadOnlySpan<char> id)
    {
        if (!id.IsEmpty && (_tier.TryGetName(id, out var name) || (_outer is not null && _outer.TryGetName(id, out name))))
        {
            return _tier.Intern(name);
        }

        return -1;
    }

    private int Intern(string? text) => text is null ? -1 : _tier.Intern(text);

    private static string[] Demonyms(ReadOnlySpan<char> field)
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
