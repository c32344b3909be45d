using System.Globalization;
using System.Text;

namespace Alerts.Extraction;

/// <summary>Folds text one char for one char (same length, same offsets): lower case, no diacritics, punctuation to spaces.</summary>
internal static class TextFolding
{
    private static readonly char[] Table = BuildTable();

    public static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = Table[source[i]];
        }
    });

    /// <summary>Folds a phrase and collapses it to single-space separated words, the key form of <see cref="PhraseIndex{T}"/>.</summary>
    public static string Key(string phrase)
    {
        var folded = Fold(phrase);
        return string.Join(' ', folded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>One character folded: lower case without diacritics; anything but a letter or digit becomes a space.</summary>
    public static char FoldChar(char c) => Table[c];

    public static bool IsWordChar(char folded) => folded != ' ';

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            if (char.IsLetterOrDigit(ch))
            {
                var mapped = ch;
                if (c >= 128 && !char.IsSurrogate(ch))
                {
                    var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
                    if (decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark)
                    {
                        mapped = decomposed[0];
                    }
                }

                table[c] = char.ToLowerInvariant(mapped);
            }
            else
            {
                table[c] = ' ';
            }
        }

        return table;
    }
}
