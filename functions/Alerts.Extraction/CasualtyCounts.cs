using System.Text.RegularExpressions;

namespace Alerts.Extraction;

/// <summary>Killed and injured figures of one sentence, with where they were stated.</summary>
internal readonly record struct CasualtyFigures(int? Killed, int? Injured, int Position)
{
    public bool Any => Killed is not null || Injured is not null;
}

/// <summary>
/// Reads killed/injured figures from digits and words the way ACLED codes them: "at least N" is N, "more than N" is N,
/// "dozens" is 12, "several" is unknown, "no casualties" is 0.
/// </summary>
internal static partial class CasualtyCounts
{
    private const string Number = @"(?<n>\d{1,3}(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred|a\s+dozen|dozens|several|a\s+number)";
    private const string Qualifier = @"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|roughly)\s+)?";

    [GeneratedRegex(@"\b" + Qualifier + Number + @"(?!\s+of\s+(?:a|an)\s)\s+(?:(?!injured|wounded|hurt|killed|dead|died)[\w.’'-]+\s+){0,9}?(?:(?:were|was|have\s+been|had\s+been|has\s+been|are|being)\s+)?(?<k>killed|dead|died)\b|\b(?<k>killing|killed|kills)\s+" + Qualifier + Number + @"\b(?!\s+(?:injured|wounded|hurt))|\b(?:toll|number\s+of\s+(?:[\w-]+\s+){0,3}?(?:killed|dead))\b[^.;]{0,130}?\b(?:to|at|of|was|reached)\s+" + Qualifier + Number + @"\b(?!\s+(?:injured|wounded))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex KilledFigure();

    [GeneratedRegex(@"\b" + Qualifier + Number + @"(?!\s+of\s+(?:a|an)\s)\s+(?:(?!injured|wounded|hurt|killed|dead|died)[\w.’'-]+\s+){0,9}?(?:(?:were|was|have\s+been|had\s+been|has\s+been|are|being)\s+)?(?:injured|wounded|hurt)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex InjuredFigure();

    [GeneratedRegex(@"\b(?:injuring|wounding|injured|wounded|injures|wounds)\s+" + Qualifier + Number + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex InjuringFigure();

    [GeneratedRegex(@"\b(?:number\s+of\s+(?:[\w-]+\s+){0,3}?(?:injured|wounded|hurt)|(?:injured|wounded)\s+(?:toll|count|figure))\b[^.;]{0,80}?\b(?:to|at|reached)\s+" + Qualifier + Number + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex InjuredTollFigure();

    [GeneratedRegex(@"\b" + Qualifier + Number + @"(?:\s+(?!sustained|suffered|with|treated)[a-z.’'-]+){0,4}\s+(?:sustained|suffered|with|treated\s+for)(?:\s+(?:minor|serious|light|shrapnel|severe|critical))?\s+(?:injuries|wounds)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex InjuriesFigure();

    [GeneratedRegex(@"\b(?:no\s+(?:casualties|injuries|deaths)|caused\s+no\s+(?:casualties|injuries)|nobody\s+was\s+(?:hurt|injured|killed)|no\s+one\s+was\s+(?:hurt|injured|killed))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoCasualties();

    public static CasualtyFigures Read(ReadOnlySpan<char> sentence, string text, int sentenceStart)
    {
        int? killed = null;
        int? injured = null;
        var position = -1;
        var source = text;

        foreach (var m in KilledFigure().EnumerateMatches(sentence))
        {
            var match = KilledFigure().Match(source, sentenceStart + m.Index, sentence.Length - m.Index);
            if (Value(match.Groups["n"].Value) is { } n)
            {
                killed = Math.Max(killed ?? 0, n);
                position = position < 0 ? match.Index : position;
            }
        }

        foreach (var m in InjuredFigure().EnumerateMatches(sentence))
        {
            var match = InjuredFigure().Match(source, sentenceStart + m.Index, sentence.Length - m.Index);
            if (Value(match.Groups["n"].Value) is { } n)
            {
                injured = Math.Max(injured ?? 0, n);
                position = position < 0 ? match.Index : position;
            }
        }

        foreach (var regex in new[] { InjuringFigure(), InjuriesFigure(), InjuredTollFigure() })
        {
            foreach (var m in regex.EnumerateMatches(sentence))
            {
                var match = regex.Match(source, sentenceStart + m.Index, sentence.Length - m.Index);
                if (Value(match.Groups["n"].Value) is { } n)
                {
                    injured = Math.Max(injured ?? 0, n);
                    position = position < 0 ? match.Index : position;
                }
            }
        }

        foreach (var m in NoCasualties().EnumerateMatches(sentence))
        {
            killed ??= 0;
            injured ??= 0;
            position = position < 0 ? sentenceStart + m.Index : position;
        }

        return new CasualtyFigures(killed, injured, position);
    }

    internal static int? Value(string word)
    {
        var w = word.ToLowerInvariant();
        if (char.IsDigit(w[0]))
        {
            return int.TryParse(w.Replace(",", ""), out var n) ? n : null;
        }

        return w switch
        {
            "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10,
            "eleven" => 11, "twelve" => 12, "thirteen" => 13, "fourteen" => 14, "fifteen" => 15, "sixteen" => 16, "seventeen" => 17, "eighteen" => 18,
            "nineteen" => 19, "twenty" => 20, "thirty" => 30, "forty" => 40, "fifty" => 50, "sixty" => 60, "seventy" => 70, "eighty" => 80, "ninety" => 90,
            "dozens" => 12,
            _ when w.StartsWith("a dozen", StringComparison.Ordinal) || w.StartsWith("a\u00a0dozen", StringComparison.Ordinal) => 12,
            _ when w.StartsWith("a ", StringComparison.Ordinal) && w.EndsWith("hundred", StringComparison.Ordinal) => 100,
            _ => null,
        };
    }
}
