using System.Collections.Frozen;
using Alerts.Extraction.Text;

namespace Alerts.Extraction.Rules;

/// <summary>
/// The extractor's vocabulary, all of it data (<c>Data/rules/lexicon.json</c>): abbreviations that keep their dot, number
/// and ordinal words, months and weekdays, the inflected forms of verbs and nouns (<c>~kill</c> in a pattern), and named word
/// classes (<c>@weapon</c>; <c>@month</c> and <c>@weekday</c> come from the month and weekday tables). Class entries may be phrases ("air strike"); they are tokenized with the same
/// <see cref="Tokenizer"/> as the articles, so a class matches exactly what the text would give.
/// </summary>
internal sealed class Lexicon
{
    private readonly FrozenDictionary<string, WordClass> _classes;
    private readonly FrozenDictionary<string, string[]> _forms;

    public Lexicon(LexiconFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Abbreviations = (file.Abbreviations ?? []).Select(a => a.ToLowerInvariant().Replace(".", "", StringComparison.Ordinal)).ToFrozenSet(StringComparer.Ordinal);
        Numbers = (file.Numbers ?? new Dictionary<string, double>()).ToFrozenDictionary(StringComparer.Ordinal);
        Multipliers = (file.Multipliers ?? new Dictionary<string, double>()).ToFrozenDictionary(StringComparer.Ordinal);
        Ordinals = (file.Ordinals ?? new Dictionary<string, double>()).ToFrozenDictionary(StringComparer.Ordinal);
        Months = (file.Months ?? new Dictionary<string, int>()).ToFrozenDictionary(StringComparer.Ordinal);
        Weekdays = (file.Weekdays ?? new Dictionary<string, int>()).ToFrozenDictionary(StringComparer.Ordinal);
        Tokenizer = new Tokenizer(Abbreviations, Numbers, Ordinals);
        _forms = (file.Forms ?? new Dictionary<string, IReadOnlyList<string>>()).ToFrozenDictionary(p => p.Key, p => p.Value.Select(f => Tokenizer.Fold(f)).ToArray(), StringComparer.Ordinal);
        var classes = (file.Classes ?? new Dictionary<string, LexiconClassData>()).ToDictionary(p => p.Key, p => new WordClass(p.Key, p.Value.Words.Select(Phrase)), StringComparer.Ordinal);
        classes.TryAdd("month", new WordClass("month", Months.Keys.Select(k => new[] { k })));
        classes.TryAdd("weekday", new WordClass("weekday", Weekdays.Keys.Select(k => new[] { k })));
        _classes = classes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public Tokenizer Tokenizer { get; }

    public FrozenSet<string> Abbreviations { get; }

    public FrozenDictionary<string, double> Numbers { get; }

    /// <summary>"hundred", "thousand", "million": multiply the number before them.</summary>
    public FrozenDictionary<string, double> Multipliers { get; }

    public FrozenDictionary<string, double> Ordinals { get; }

    /// <summary>Month names and their abbreviations → 1..12.</summary>
    public FrozenDictionary<string, int> Months { get; }

    /// <summary>Weekday names → ISO day (Monday 1 … Sunday 7).</summary>
    public FrozenDictionary<string, int> Weekdays { get; }

    public IEnumerable<string> ClassNames => _classes.Keys;

    public bool TryGetClass(string name, out WordClass wordClass) => _classes.TryGetValue(name, out wordClass!);

    public WordClass Class(string name) => _classes.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"No word class '@{name}' in the lexicon.");

    /// <summary>The inflected forms of a lemma ("kill" → kill, kills, killed, killing).</summary>
    public bool TryGetForms(string lemma, out string[] forms) => _forms.TryGetValue(lemma, out forms!);

    /// <summary>Tokenizes a phrase of the lexicon or of a pattern into the norms the text would give.</summary>
    public string[] Phrase(string phrase) => [.. Tokenizer.Tokenize(phrase).Select(t => t.Norm)];
}

/// <summary>A named set of words and phrases, matched longest first.</summary>
internal sealed class WordClass
{
    private readonly FrozenDictionary<string, string[][]> _byFirst;

    public WordClass(string name, IEnumerable<string[]> phrases)
    {
        Name = name;
        _byFirst = phrases
            .Where(p => p.Length > 0)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Length).ToArray(), StringComparer.Ordinal);
    }

    public string Name { get; }

    public IEnumerable<string> FirstWords => _byFirst.Keys;

    public bool Contains(string norm) => _byFirst.TryGetValue(norm, out var phrases) && phrases[^1].Length == 1;

    /// <summary>Ends of every phrase of the class that starts at <paramref name="pos"/>, longest first.</summary>
    public IEnumerable<int> EndsAt(IReadOnlyList<Token> tokens, int pos, int end)
        => pos < end && _byFirst.TryGetValue(tokens[pos].Norm, out var phrases) ? EndsAt(phrases, tokens, pos, end) : [];

    private static IEnumerable<int> EndsAt(string[][] phrases, IReadOnlyList<Token> tokens, int pos, int end)
    {
        foreach (var phrase in phrases)
        {
            if (pos + phrase.Length > end)
            {
                continue;
            }

            var ok = true;
            for (var k = 1; k < phrase.Length && ok; k++)
            {
                ok = tokens[pos + k].Norm == phrase[k];
            }

            if (ok)
            {
                yield return pos + phrase.Length;
            }
        }
    }
}
