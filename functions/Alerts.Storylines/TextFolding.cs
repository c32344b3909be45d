using System.Globalization;
using System.Text;

namespace Alerts.Storylines;

/// <summary>Folds names for comparison: case, diacritics (<c>İ</c>→<c>i</c>), apostrophes, hyphens and generic words.</summary>
internal static class TextFolding
{
    private static readonly HashSet<string> GenericPlaceWords =
    [
        "al", "el", "ad", "ar", "as", "at", "an", "the", "of", "in", "air", "airbase", "airfield", "base", "military", "camp",
        "garrison", "province", "governorate", "city", "port", "near", "ain", "ayn", "district", "region", "outpost", "station",
        "installation",
    ];

    private static readonly HashSet<string> GenericNameWords =
    [
        "the", "of", "and", "al", "el", "a", "an", "forces", "force", "group", "two", "three", "four", "five", "several",
        "multiple", "some", "many", "one", "unidentified", "unknown", "unnamed", "gunmen", "gunman", "attackers", "attacker",
        "assailants", "assailant", "armed", "men",
    ];

    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The distinctive words of a place, in order, joined by '-': "Ain al-Asad Air Base" → "asad", "Port-Kessar" → "kessar". Empty for no place.</summary>
    public static string PlaceKey(string? place)
    {
        var words = Words(place);
        var distinctive = words.Where(w => !GenericPlaceWords.Contains(w)).Distinct().ToList();
        return string.Join('-', distinctive.Count > 0 ? distinctive : words.Distinct());
    }

    /// <summary>Distinctive tokens of names (actors, weapons), singular: "League of Revolutionaries" → {league, revolutionarie}.</summary>
    public static HashSet<string> NameTokens(IEnumerable<string> names)
        => names.SelectMany(Words)
            .Where(w => !GenericNameWords.Contains(w) && !w.All(char.IsDigit))
            .Select(w => w.Length > 3 && w.EndsWith('s') ? w[..^1] : w)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Folded name for set membership ("Free Coast Movement" → "free coast movement").</summary>
    public static string Name(string name) => string.Join(' ', Words(name));
}
