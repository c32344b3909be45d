namespace Alerts.Extraction.Text;

/// <summary>What kind of token a <see cref="Token"/> is, and how it was written.</summary>
[Flags]
internal enum TokenFlags
{
    None = 0,

    /// <summary>Letters (and digits) — a word, an abbreviation or a hyphenated compound.</summary>
    Word = 1,

    /// <summary>Digits ("2,800", "1.2", "25th") or a number word ("twelve", "twenty-five"); <see cref="Token.Value"/> holds it.</summary>
    Number = 2,

    /// <summary>One punctuation character.</summary>
    Punct = 4,

    /// <summary>Starts with an upper-case letter.</summary>
    Capitalized = 8,

    /// <summary>Two or more letters, all upper case ("US", "BEIRUT").</summary>
    AllCaps = 16,

    /// <summary>A quotation mark, straight or curly.</summary>
    Quote = 32,

    /// <summary>"25th", "third".</summary>
    Ordinal = 64,

    /// <summary>Written with a hyphen ("cease-fire", "al-Asad").</summary>
    Hyphenated = 128,

    /// <summary>A clitic split off the word before ("'s", "n't").</summary>
    Clitic = 256,
}

/// <summary>One token of article text: its span, its folded form (lower case, no diacritics, no dots) and its shape.</summary>
/// <param name="Start">Offset of the first character in the text.</param>
/// <param name="End">Offset after the last character.</param>
/// <param name="Norm">Folded form the rules match ("u.s." → "us", "Türkiye" → "turkiye").</param>
/// <param name="Flags">Shape.</param>
/// <param name="Value">The number it denotes, for <see cref="TokenFlags.Number"/>.</param>
internal readonly record struct Token(int Start, int End, string Norm, TokenFlags Flags, double Value = 0)
{
    public bool Is(TokenFlags flag) => (Flags & flag) != 0;

    public bool IsWord => (Flags & TokenFlags.Word) != 0;

    public bool IsPunct => (Flags & TokenFlags.Punct) != 0;

    public bool IsNumber => (Flags & TokenFlags.Number) != 0;

    public bool IsCapitalized => (Flags & TokenFlags.Capitalized) != 0;

    public int Length => End - Start;
}
