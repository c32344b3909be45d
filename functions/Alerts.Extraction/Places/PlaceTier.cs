using System.Collections;

namespace Alerts.Extraction.Places;

/// <summary>
/// One tier of the catalog in compact form: a row (a small struct) a place, texts in shared char arrays, names and demonyms in
/// <see cref="CandidateIndex"/>es, and no object per place until one is asked for: a <see cref="PlaceEntry"/> is made on
/// first use and kept, so the same place is always the same instance. Filled by <see cref="PlaceCatalogBuilder"/>, then
/// <see cref="Freeze"/>d; read-only and safe to share between threads after that.
/// </summary>
internal sealed class PlaceTier
{
    private readonly List<PlaceRow> _rows;
    private readonly KeyIndex _ids;
    private readonly TextList _names;
    private readonly List<string> _strings = [];
    private Dictionary<string, int>? _stringNumbers = new(StringComparer.Ordinal);
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _stringNumbersBySpan;
    private readonly KeyIndex _ancestorIds;
    private readonly List<int> _ancestors;
    private readonly List<string[]> _demonymLists = [];
    private readonly CandidateIndex _nameIndex;
    private readonly CandidateIndex _demonymIndex = new(1024);
    private KeyIndex _firstWords = new();
    private int[] _longest = [];
    private PlaceEntry?[] _entries = [];

    public PlaceTier(int capacity)
    {
        _rows = new(capacity);
        _ids = new(capacity);
        _names = new(capacity);
        _ancestorIds = new(capacity);
        _ancestors = new(capacity * 4);
        _nameIndex = new(capacity * 3 / 2);
        _stringNumbersBySpan = _stringNumbers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Every entry, in file order (made on first use).</summary>
    public IReadOnlyList<PlaceEntry> Entries => new EntryList(this);

    public int Count => _rows.Count;

    /// <summary>How many distinct name keys the tier knows.</summary>
    public int KeyCount => _nameIndex.Count;

    /// <summary>The largest number of words of any name key.</summary>
    public int MaxKeyWords { get; private set; } = 1;

    /// <summary>The places a folded name key may mean, most prominent first; empty when unknown.</summary>
    public IReadOnlyList<PlaceEntry> Find(ReadOnlySpan<char> key) => EntriesOf(_nameIndex.Find(key));

    /// <summary>The places a folded demonym names, most prominent first; empty when unknown.</summary>
    public IReadOnlyList<PlaceEntry> FindDemonym(ReadOnlySpan<char> key) => EntriesOf(_demonymIndex.Find(key));

    /// <summary>The most words of a name key that starts with <paramref name="firstWord"/>; 0 when none does.</summary>
    public int LongestKeyFrom(ReadOnlySpan<char> firstWord) => _firstWords.IndexOf(firstWord) is var n and >= 0 ? _longest[n] : 0;

    /// <summary>The entry of an id, or null.</summary>
    public PlaceEntry? Get(ReadOnlySpan<char> id) => _ids.IndexOf(id) is var row and >= 0 ? Entry(row) : null;

    /// <summary>The entry of a row, made on first use.</summary>
    public PlaceEntry Entry(int row)
    {
        var made = Volatile.Read(ref _entries[row]);
        if (made is null)
        {
            var entry = Make(row);
            made = Interlocked.CompareExchange(ref _entries[row], entry, null) ?? entry;
        }

        return made;
    }

    /// <summary>Whether the tier holds a place of that id, and its name.</summary>
    public bool TryGetName(ReadOnlySpan<char> id, out ReadOnlySpan<char> name)
    {
        var row = _ids.IndexOf(id);
        name = row < 0 ? default : _names[_rows[row].Name];
        return row >= 0;
    }

    /// <summary>The number of a country or region name in the tier's shared strings (added when new); -1 for none.</summary>
    internal int Intern(ReadOnlySpan<char> text)
    {
        if (_stringNumbers is null)
        {
            throw new InvalidOperationException("The tier is frozen.");
        }

        if (!_stringNumbersBySpan.TryGetValue(text, out var number))
        {
            number = _strings.Count;
            _strings.Add(text.ToString());
            _stringNumbersBySpan[text] = number;
        }

        return number;
    }

    /// <summary>Adds a place; its row number.</summary>
    /// <param name="country">The number of its country's name (<see cref="Intern"/>), or -1.</param>
    /// <param name="region">The number of its region's name, or -1.</param>
    /// <param name="ancestors">The ids of every place that contains it, innermost first, separated by commas.</param>
    internal int Add(
        ReadOnlySpan<char> id, ReadOnlySpan<char> name, PlaceKind kind, int country, int region, long population, long prominence,
        ReadOnlySpan<char> ancestors, string[] demonyms, bool ambiguous, bool minor, bool fromOverlay)
    {
        var row = _ids.Add(id, out var added);
        if (!added)
        {
            throw new InvalidDataException($"places.tsv: duplicate id {id}.");
        }

        var start = _ancestors.Count;
        foreach (var part in ancestors.IsEmpty ? default : ancestors.Split(','))
        {
            _ancestors.Add(_ancestorIds.Add(ancestors[part], out _));
        }

        var demonymList = -1;
        if (demonyms.Length > 0)
        {
            demonymList = _demonymLists.Count;
            _demonymLists.Add(demonyms);
            foreach (var demonym in demonyms)
            {
                if (TextFolding.Key(demonym) is { Length: > 0 } key)
                {
                    _demonymIndex.Add(key, row);
                }
            }
        }

        var flags = (ambiguous ? PlaceFlags.Ambiguous : 0) | (minor ? PlaceFlags.Minor : 0) | (fromOverlay ? PlaceFlags.FromOverlay : 0);
        _rows.Add(new PlaceRow(_names.Add(name), country, region, population, prominence, start, _ancestors.Count - start, demonymList, kind, flags));
        return row;
    }

    /// <summary>Adds a name key of a row (skipped when empty); true when the key is new to the tier.</summary>
    internal bool AddName(ReadOnlySpan<char> key, int row)
    {
        if (key.IsEmpty || !_nameIndex.Add(key, row))
        {
            return false;
        }

        MaxKeyWords = Math.Max(MaxKeyWords, key.Count(' ') + 1);
        return true;
    }

    /// <summary>The places of a name key while the tier is filled, in the order they were added.</summary>
    internal IEnumerable<PlaceEntry> Building(ReadOnlySpan<char> key) => _nameIndex.Building(key).Select(Make);

    /// <summary>Sorts each name's and demonym's places by <see cref="PlaceCatalog.ByProminence"/> and gives back the room reserved
    /// for growth; nothing can be added after.</summary>
    internal void Freeze()
    {
        Comparison<int> order = (a, b) => ByProminence(_rows[a], _rows[b], a, b);
        _nameIndex.Freeze(order);
        _demonymIndex.Freeze(order);
        _rows.Capacity = _rows.Count;
        _ancestors.Capacity = _ancestors.Count;
        _ids.Trim();
        _names.Trim();
        _ancestorIds.Trim();
        _stringNumbers = null;
        _stringNumbersBySpan = default;
        (_firstWords, _longest) = LongestByFirstWord(_nameIndex.Keys);
        _entries = new PlaceEntry?[_rows.Count];
    }

    /// <summary>For each first word of the name keys, the most words a key that starts with it has.</summary>
    private static (KeyIndex, int[]) LongestByFirstWord(KeyIndex keys)
    {
        var words = new KeyIndex(keys.Count / 2);
        var longest = new List<int>(keys.Count / 2);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var space = key.IndexOf(' ');
            var n = words.Add(space < 0 ? key : key[..space], out var added);
            var count = key.Count(' ') + 1;
            if (added)
            {
                longest.Add(count);
            }
            else if (longest[n] < count)
            {
                longest[n] = count;
            }
        }

        words.Trim();
        return (words, [.. longest]);
    }

    /// <summary><see cref="PlaceCatalog.ByProminence"/> on rows: overlay first, then the most prominent, then by kind and id.</summary>
    private int ByProminence(in PlaceRow a, in PlaceRow b, int rowA, int rowB)
    {
        var order = ((b.Flags & PlaceFlags.FromOverlay) != 0).CompareTo((a.Flags & PlaceFlags.FromOverlay) != 0);
        if (order == 0)
        {
            order = b.Prominence.CompareTo(a.Prominence);
        }

        if (order == 0)
        {
            order = a.Kind.CompareTo(b.Kind);
        }

        return order != 0 ? order : _ids[rowA].SequenceCompareTo(_ids[rowB]);
    }

    private PlaceEntry Make(int row)
    {
        var r = _rows[row];
        var ancestors = new string[r.AncestorCount];
        for (var i = 0; i < ancestors.Length; i++)
        {
            ancestors[i] = _ancestorIds.GetString(_ancestors[r.AncestorStart + i]);
        }

        return new PlaceEntry(
            _ids.GetString(row),
            _names.GetString(r.Name),
            r.Kind,
            String(r.Country),
            String(r.Region),
            r.Population,
            ancestors,
            (r.Flags & PlaceFlags.Ambiguous) != 0,
            (r.Flags & PlaceFlags.Minor) != 0)
        {
            Prominence = r.Prominence,
            Demonyms = r.DemonymList < 0 ? [] : _demonymLists[r.DemonymList],
            FromOverlay = (r.Flags & PlaceFlags.FromOverlay) != 0,
        };
    }

    private IReadOnlyList<PlaceEntry> EntriesOf(ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty)
        {
            return [];
        }

        var entries = new PlaceEntry[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            entries[i] = Entry(rows[i]);
        }

        return entries;
    }

    private string? String(int number) => number < 0 ? null : _strings[number];

    [Flags]
    private enum PlaceFlags : byte
    {
        Ambiguous = 1,
        Minor = 2,
        FromOverlay = 4,
    }

    /// <summary>One place: numbers into the tier's texts and lists.</summary>
    private readonly record struct PlaceRow(
        int Name, int Country, int Region, long Population, long Prominence, int AncestorStart, int AncestorCount, int DemonymList, PlaceKind Kind, PlaceFlags Flags);

    private sealed class EntryList(PlaceTier tier) : IReadOnlyList<PlaceEntry>
    {
        public PlaceEntry this[int index] => tier.Entry(index);

        public int Count => tier.Count;

        public IEnumerator<PlaceEntry> GetEnumerator()
        {
            for (var i = 0; i < tier.Count; i++)
            {
                yield return tier.Entry(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
