namespace Alerts.Extraction.Places;

/// <summary>
/// Many short texts in one char array, numbered in the order they were added: no object per text. Grows while it is filled;
/// read-only (and safe to share between threads) once <see cref="Trim"/> has been called.
/// </summary>
internal sealed class TextList
{
    private char[] _chars;
    private int _length;
    private int[] _ends;

    public TextList(int capacity = 16)
    {
        _chars = new char[Math.Max(16, capacity * 12)];
        _ends = new int[Math.Max(4, capacity)];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int number]
    {
        get
        {
            var start = number == 0 ? 0 : _ends[number - 1];
            return _chars.AsSpan(start, _ends[number] - start);
        }
    }

    /// <returns>The number of the added text.</returns>
    public int Add(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        }

        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        _ends[Count] = _length;
        return Count++;
    }

    public string GetString(int number) => new(this[number]);

    /// <summary>Gives back the room reserved for growth.</summary>
    public void Trim()
    {
        Array.Resize(ref _chars, _length);
        Array.Resize(ref _ends, Count);
    }
}

/// <summary>
/// A set of short texts (<see cref="TextList"/>) with an open-addressing hash index from text to number: a compact
/// dictionary of span keys, without an object or an entry per key.
/// </summary>
internal sealed class KeyIndex
{
    private readonly TextList _keys;
    private int[] _slots; // key number + 1; 0 is an empty slot. A power of two, at most half full.

    public KeyIndex(int capacity = 16)
    {
        _keys = new TextList(capacity);
        _slots = new int[SlotsFor(capacity)];
    }

    public int Count => _keys.Count;

    public ReadOnlySpan<char> this[int number] => _keys[number];

    public string GetString(int number) => _keys.GetString(number);

    /// <returns>The number of <paramref name="key"/>, or -1 when it is not in the set.</returns>
    public int IndexOf(ReadOnlySpan<char> key)
    {
        var mask = _slots.Length - 1;
        for (var slot = string.GetHashCode(key) & mask; ; slot = (slot + 1) & mask)
        {
            var n = _slots[slot];
            if (n == 0)
            {
                return -1;
            }

            if (_keys[n - 1].SequenceEqual(key))
            {
                return n - 1;
            }
        }
    }

    /// <returns>The number of <paramref name="key"/>, added (numbered <see cref="Count"/> - 1) when it was not in the set.</returns>
    public int Add(ReadOnlySpan<char> key, out bool added)
    {
        if ((Count + 1) * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }

        var mask = _slots.Length - 1;
        var slot = string.GetHashCode(key) & mask;
        for (; _slots[slot] != 0; slot = (slot + 1) & mask)
        {
            if (_keys[_slots[slot] - 1].SequenceEqual(key))
            {
                added = false;
                return _slots[slot] - 1;
            }
        }

        added = true;
        var number = _keys.Add(key);
        _slots[slot] = number + 1;
        return number;
    }

    /// <summary>Gives back the room reserved for growth.</summary>
    public void Trim()
    {
        _keys.Trim();
        if (SlotsFor(Count) < _slots.Length)
        {
            Rehash(SlotsFor(Count));
        }
    }

    private static int SlotsFor(int count) => (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count * 2));

    private void Rehash(int size)
    {
        var slots = new int[size];
        var mask = size - 1;
        for (var number = 0; number < Count; number++)
        {
            var slot = string.GetHashCode(_keys[number]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = number + 1;
        }

        _slots = slots;
    }
}
