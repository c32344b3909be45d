namespace Alerts.Extraction.Places;

/// <summary>
/// Name keys and the rows (places) each may mean, in two flat arrays once frozen: the compact form of a dictionary of lists.
/// While it is filled, each key's rows are a linked list in two growing int lists; <see cref="Freeze"/> puts each key's rows
/// side by side, in the order given.
/// </summary>
internal sealed class CandidateIndex(int capacity)
{
    private readonly KeyIndex _keys = new(capacity);
    private List<int>? _heads = new(capacity); // per key: its last added pair + 1 (0: none)
    private List<(int Row, int Next)>? _pairs = new(capacity * 3 / 2);
    private int[] _ends = [];
    private int[] _rows = [];

    public int Count => _keys.Count;

    public KeyIndex Keys => _keys;

    /// <summary>Adds a row to the candidates of a key, unless it is the key's last one already.</summary>
    /// <returns>True when the key is new.</returns>
    public bool Add(ReadOnlySpan<char> key, int row)
    {
        var number = _keys.Add(key, out var added);
        var heads = _heads ?? throw new InvalidOperationException("The index is frozen.");
        if (added)
        {
            heads.Add(0);
        }

        var head = heads[number];
        if (head == 0 || _pairs![head - 1].Row != row)
        {
            _pairs!.Add((row, head));
            heads[number] = _pairs.Count;
        }

        return added;
    }

    /// <summary>The rows of a key while the index is filled, in the order they were added.</summary>
    public List<int> Building(ReadOnlySpan<char> key)
    {
        var rows = new List<int>();
        var number = _keys.IndexOf(key);
        for (var pair = number < 0 ? 0 : _heads![number]; pair != 0; pair = _pairs![pair - 1].Next)
        {
            rows.Add(_pairs![pair - 1].Row);
        }

        rows.Reverse();
        return rows;
    }

    /// <summary>Lays each key's rows out side by side, each key's sorted by <paramref name="order"/>; no key can be added after.</summary>
    public void Freeze(Comparison<int> order)
    {
        var heads = _heads ?? throw new InvalidOperationException("The index is frozen.");
        var pairs = _pairs!;
        _ends = new int[heads.Count];
        _rows = new int[pairs.Count];
        var filled = 0;
        for (var number = 0; number < heads.Count; number++)
        {
            var start = filled;
            for (var pair = heads[number]; pair != 0; pair = pairs[pair - 1].Next)
            {
                _rows[filled++] = pairs[pair - 1].Row;
            }

            var rows = _rows.AsSpan(start, filled - start);
            if (rows.Length > 1)
            {
                rows.Sort(order);
            }

            _ends[number] = filled;
        }

        _heads = null;
        _pairs = null;
        _keys.Trim();
    }

    /// <summary>The rows of a key, once frozen; empty when the key is unknown.</summary>
    public ReadOnlySpan<int> Find(ReadOnlySpan<char> key)
    {
        var number = _keys.IndexOf(key);
        if (number < 0)
        {
            return [];
        }

        var start = number == 0 ? 0 : _ends[number - 1];
        return _rows.AsSpan(start, _ends[number] - start);
    }
}
