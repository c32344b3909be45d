namespace Alerts.Extraction;

/// <summary>A phrase found in folded text: its span and what it names.</summary>
internal readonly record struct PhraseMatch<T>(int Start, int End, T Value);

/// <summary>Longest-match lookup of multi-word phrases (aliases) in folded text, without allocating per lookup.</summary>
internal sealed class PhraseIndex<T>
{
    private readonly Dictionary<string, T> _phrases = new(StringComparer.Ordinal);
    private Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _maxWords = 1;

    public PhraseIndex() => _lookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _phrases.Count;

    /// <summary>The longest phrase, in words.</summary>
    public int MaxWords => _maxWords;

    /// <summary>Looks up one key in <see cref="TextFolding.Key"/> form.</summary>
    public bool TryGet(ReadOnlySpan<char> key, out T value) => _lookup.TryGetValue(key, out value!);

    /// <summary>Adds (or replaces) a phrase; later additions win, so operator files override built-in data.</summary>
    public void Add(string phrase, T value)
    {
        var key = TextFolding.Key(phrase);
        if (key.Length == 0)
        {
            return;
        }

        _phrases[key] = value;
        _maxWords = Math.Max(_maxWords, key.Count(c => c == ' ') + 1);
        _lookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Finds non-overlapping longest matches in <paramref name="folded"/> between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public void FindAll(string folded, int start, int end, List<PhraseMatch<T>> results)
    {
        Span<int> wordEnds = stackalloc int[16];
        var i = start;
        while (i < end)
        {
            while (i < end && folded[i] == ' ')
            {
                i++;
            }

            if (i >= end)
            {
                break;
            }

            // Collect the ends of up to _maxWords words separated by exactly one space.
            var count = 0;
            var j = i;
            while (count < _maxWords && count < wordEnds.Length)
            {
                while (j < end && folded[j] != ' ')
                {
                    j++;
                }

                wordEnds[count++] = j;
                if (j + 1 >= end || folded[j + 1] == ' ' || !IsSingleSpace(folded, j))
                {
                    break;
                }

                j++;
            }

            var matched = false;
            for (var w = count - 1; w >= 0; w--)
            {
                if (_lookup.TryGetValue(folded.AsSpan(i, wordEnds[w] - i), out var value))
                {
                    results.Add(new PhraseMatch<T>(i, wordEnds[w], value));
                    i = wordEnds[w];
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                i = wordEnds[0];
            }
        }
    }

    private static bool IsSingleSpace(string folded, int at) => at < folded.Length && folded[at] == ' ';
}
