using System.Globalization;

namespace Alerts.Extraction.Text;

/// <summary>
/// Splits text into <see cref="Token"/>s without losing offsets. A word keeps its internal apostrophes and hyphens
/// ("Shi'ite", "al-Asad", "cease-fire"); a possessive or negative clitic becomes a token of its own ("Kabul" "'s",
/// "did" "n't"); a known abbreviation keeps its dot ("Capt.", "U.S."), so a sentence never ends there; digits with
/// thousands separators or decimals are one number ("2,800", "1.2"). What counts as an abbreviation or a number word is
/// data (<see cref="Rules.Lexicon"/>).
/// </summary>
internal sealed class Tokenizer(IReadOnlySet<string> abbreviations, IReadOnlyDictionary<string, double> numberWords, IReadOnlyDictionary<string, double> ordinalWords)
{
    public List<Token> Tokenize(string text) => Tokenize(text, 0, text.Length, []);

    public List<Token> Tokenize(string text, int start, int end, List<Token> tokens)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                i = ReadWord(text, i, end, tokens);
                continue;
            }

            var flags = TokenFlags.Punct;
            if (IsQuote(c))
            {
                flags |= TokenFlags.Quote;
            }

            tokens.Add(new Token(i, i + 1, NormalizePunct(c), flags));
            i++;
        }

        return tokens;
    }

    private int ReadWord(string text, int start, int end, List<Token> tokens)
    {
        var i = start;
        var digitsOnly = true;
        while (i < end)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark)
            {
                digitsOnly &= char.IsDigit(c);
                i++;
                continue;
            }

            // Internal joiners: apostrophes and hyphens between letters or digits; dots and commas inside numbers ("2,800", "1.5").
            if (i + 1 < end && char.IsLetterOrDigit(text[i + 1]))
            {
                if (c is '\'' or '\u2019' && !IsClitic(text, i, end))
                {
                    i++;
                    continue;
                }

                // A dash between digits is a range ("26-30"), two numbers; elsewhere it joins a compound ("F-16", "Iran-backed").
                if (c is '-' or '\u2010' or '\u2011' && !(digitsOnly && char.IsDigit(text[i + 1])))
                {
                    digitsOnly = false;
                    i++;
                    continue;
                }

                if (digitsOnly && c is '.' or ',' or '/' && char.IsDigit(text[i + 1]) && (c != ',' || ThreeDigitsAt(text, i + 1, end)))
                {
                    i++;
                    continue;
                }

                // "U.S.", "a.m.": single letters joined by dots.
                if (c == '.' && i - start == 1 && char.IsLetter(text[start]) && i + 2 <= end && (i + 2 == end || text[i + 2] == '.'))
                {
                    i++;
                    continue;
                }
            }

            break;
        }

        var wordEnd = i;

        // A dot that belongs to the word: initials and dotted abbreviations ("U.S.", "J.", "a.m."), or a known abbreviation ("Capt.").
        if (i < end && text[i] == '.')
        {
            var raw = text.AsSpan(start, i - start);
            var dotted = raw.Contains('.');
            var initial = raw.Length == 1 && char.IsUpper(raw[0]);
            if (dotted || initial || abbreviations.Contains(Fold(raw).Replace(".", "", StringComparison.Ordinal)))
            {
                wordEnd = ++i;
            }
        }

        // Clitics: "Kabul's" → "Kabul" "'s"; "didn't" → "did" "n't"; "militants'" → "militants" "'".
        var clitic = -1;
        if (wordEnd - start > 3 && text[wordEnd - 1] is 't' or 'T' && text[wordEnd - 2] is '\'' or '\u2019' && text[wordEnd - 3] is 'n' or 'N')
        {
            clitic = wordEnd - 3;
        }

        AddWord(text, start, clitic >= 0 ? clitic : wordEnd, tokens);
        if (clitic >= 0)
        {
            tokens.Add(new Token(clitic, wordEnd, "n't", TokenFlags.Word | TokenFlags.Clitic));
        }

        // Clitics after the word: "Kabul's", "they'll", "we'd", "they're", "we've".
        if (i + 1 < end && text[i] is '\'' or '\u2019' && CliticLength(text, i + 1, end) is > 0 and var length)
        {
            tokens.Add(new Token(i, i + 1 + length, "'" + text.Substring(i + 1, length).ToLowerInvariant(), TokenFlags.Word | TokenFlags.Clitic));
            return i + 1 + length;
        }

        if (i < end && text[i] is '\'' or '\u2019' && text[i - 1] is 's' or 'S' && (i + 1 >= end || !char.IsLetterOrDigit(text[i + 1])))
        {
            tokens.Add(new Token(i, i + 1, "'", TokenFlags.Word | TokenFlags.Clitic));
            return i + 1;
        }

        return i;
    }

    private static readonly System.Buffers.SearchValues<char> LowerLetters = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz");

    private void AddWord(string text, int start, int end, List<Token> tokens)
    {
        var raw = text.AsSpan(start, end - start);
        var norm = Fold(raw);
        if (norm.Contains('.'))
        {
            norm = norm.Replace(".", "", StringComparison.Ordinal);
        }

        if (norm.Length == 0)
        {
            return;
        }

        var flags = TokenFlags.Word;
        // "UN-mediated", "Iran-backed", "Moscow-based": a compound adjective whose head is lowercase is no name.
        var dash = raw.LastIndexOf('-');
        var lowerHead = dash > 0 && dash + 3 < raw.Length && !raw[(dash + 1)..].ContainsAnyExcept(LowerLetters);
        if (char.IsUpper(raw[0]) && !lowerHead)
        {
            flags |= TokenFlags.Capitalized;
        }

        var letters = 0;
        var upper = 0;
        foreach (var ch in raw)
        {
            if (char.IsLetter(ch))
            {
                letters++;
                upper += char.IsUpper(ch) ? 1 : 0;
            }
        }

        if (letters >= 2 && upper == letters)
        {
            flags |= TokenFlags.AllCaps;
        }

        if (raw.Contains('-'))
        {
            flags |= TokenFlags.Hyphenated;
        }

        var value = 0d;
        if (NumberOf(norm, out var number, out var ordinal))
        {
            flags |= TokenFlags.Number;
            value = number;
            if (ordinal)
            {
                flags |= TokenFlags.Ordinal;
            }
        }

        tokens.Add(new Token(start, end, norm, flags, value));
    }

    /// <summary>"2,800" → 2800; "1.5" → 1.5; "25th" → 25 (ordinal); "twelve" → 12; "twenty-five" → 25.</summary>
    private bool NumberOf(string norm, out double value, out bool ordinal)
    {
        ordinal = false;
        if (char.IsDigit(norm[0]))
        {
            var digits = norm.Replace(",", "", StringComparison.Ordinal);
            foreach (var suffix in (ReadOnlySpan<string>)["st", "nd", "rd", "th"])
            {
                if (digits.Length > suffix.Length && digits.EndsWith(suffix, StringComparison.Ordinal) && char.IsDigit(digits[^(suffix.Length + 1)]))
                {
                    digits = digits[..^suffix.Length];
                    ordinal = true;
                    break;
                }
            }

            return double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        if (numberWords.TryGetValue(norm, out value))
        {
            return true;
        }

        if (ordinalWords.TryGetValue(norm, out value))
        {
            ordinal = true;
            return true;
        }

        // "twenty-five", "forty-two"
        var dash = norm.IndexOf('-');
        if (dash > 0 && numberWords.TryGetValue(norm[..dash], out var tens) && numberWords.TryGetValue(norm[(dash + 1)..], out var units) && tens >= 20 && tens < 100 && units < 10)
        {
            value = tens + units;
            return true;
        }

        value = 0;
        return false;
    }

    private static bool ThreeDigitsAt(string text, int i, int end)
        => i + 3 <= end && char.IsDigit(text[i]) && char.IsDigit(text[i + 1]) && char.IsDigit(text[i + 2]) && (i + 3 == end || !char.IsDigit(text[i + 3]));

    /// <summary>An apostrophe that starts a clitic ('s, 'll, 'd, 're, 've, 'm) at the end of a word (not "Shi'ite").</summary>
    private static bool IsClitic(string text, int i, int end) => CliticLength(text, i + 1, end) > 0;

    /// <summary>The length of a clitic's letters at <paramref name="i"/> (after the apostrophe) that end the word, or 0.</summary>
    private static int CliticLength(string text, int i, int end)
    {
        foreach (var clitic in (ReadOnlySpan<string>)["s", "ll", "d", "re", "ve", "m"])
        {
            if (i + clitic.Length <= end && text.AsSpan(i, clitic.Length).Equals(clitic, StringComparison.OrdinalIgnoreCase)
                && (i + clitic.Length >= end || !char.IsLetterOrDigit(text[i + clitic.Length])))
            {
                return clitic.Length;
            }
        }

        return 0;
    }

    public static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\'' or '\u2018' or '\u2019' or '\u00AB' or '\u00BB';

    private static string NormalizePunct(char c) => c switch
    {
        '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' => "\"",
        '\u2018' or '\u2019' => "'",
        '\u2013' or '\u2014' or '\u2212' => "-",
        _ => c.ToString(),
    };

    /// <summary>Lower case without diacritics, with curly apostrophes made straight; dots and hyphens are kept.</summary>
    public static string Fold(ReadOnlySpan<char> raw)
    {
        Span<char> buffer = raw.Length <= 128 ? stackalloc char[raw.Length] : new char[raw.Length];
        var n = 0;
        foreach (var ch in raw)
        {
            if (char.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            buffer[n++] = ch switch
            {
                '\u2019' or '\u2018' => '\'',
                '-' or '.' or '\'' or ',' or '/' => ch,
                '\u2010' or '\u2011' => '-',
                _ => TextFolding.FoldChar(ch),
            };
        }

        return new string(buffer[..n]);
    }
}
