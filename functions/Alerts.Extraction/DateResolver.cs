using System.Text.RegularExpressions;
using Alerts.Core;

namespace Alerts.Extraction;

/// <summary>What kind of time reference a date expression is.</summary>
internal enum DateKind
{
    /// <summary>A written-out day ("4 February", "Feb. 4", "July 31, 2024").</summary>
    Explicit,
    /// <summary>A day relative to publication ("on Monday", "last Sunday", "yesterday", "today").</summary>
    Relative,
    /// <summary>A period with no resolvable day ("in February", "last month", "earlier this year", "in 2023").</summary>
    Vague,
}

/// <summary>A time reference found in a sentence.</summary>
/// <param name="Date">The resolved day; null when it can't be resolved (no publication date, or a vague period).</param>
/// <param name="IsReporting">Attached to a reporting verb ("said on Sunday"): the day of a statement, not of an incident.</param>
/// <param name="IsFuture">In a forward-looking frame ("scheduled to begin on 17 February", "due on Tuesday").</param>
/// <param name="IsBoundary">A deadline or range bound ("by 30 June", "from 30 June to 30 September"): never the day of an event.</param>
/// <param name="IsOld">A vague period that ended long before publication ("in 2014", "in February" for an August article).</param>
internal readonly record struct DateExpression(int Start, int End, DateKind Kind, DateOnly? Date, bool IsReporting, bool IsFuture, bool IsBoundary, bool IsOld);

/// <summary>Finds date expressions in a sentence and resolves them against the article's local publication date (dev README §5.3).</summary>
internal static partial class DateResolver
{
    private const string Months = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.|Apr\\.?|Jun\\.|Jul\\.|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?";

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:–|-|and|to)\s*\d{1,2})?\s+(?<month>" + Months + @")(?:,?\s+(?<year>(?:19|20)\d{2}))?\b|\b(?<month>" + Months + @")\s+(?<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,\s*(?<year>(?:19|20)\d{2}))?", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitDate();

    [GeneratedRegex(@"\b(?:(?<last>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?:(?<yesterday>(?:late\s+|early\s+)?yesterday|last\s+night)|(?<today>today|tonight|this\s+(?:morning|afternoon|evening))|(?<tomorrow>tomorrow))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RelativeDay();

    [GeneratedRegex(@"\b(?:(?:in|since|during|by|until|throughout|from)\s+(?:(?:early|late|mid|the\s+(?:start|end|beginning|middle|autumn|spring|summer|winter)\s+of)\s+)?(?:(?<month>January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?<year>(?:19|20)\d{2}))?|(?<year>(?:19|20)\d{2}))|(?:the\s+)?(?:start|end|beginning|middle)\s+of\s+(?<month>January|February|March|April|May|June|July|August|September|October|November|December)|(?:earlier|later)\s+this\s+(?:month|year|week)|(?:last|this|next)\s+(?:month|year|week|weekend|autumn|spring|summer|winter)|(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<year>(?:19|20)\d{2}))\b", RegexOptions.CultureInvariant)]
    private static partial Regex VaguePeriod();

    [GeneratedRegex(@"\b(?:the\s+day\s+before|the\s+previous\s+day|a\s+day\s+earlier|(?<after>the\s+(?:next|following)\s+day|the\s+day\s+after|a\s+day\s+later))\b(?!\s+(?:that|the|a|an|its|their|his|her)\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayOffset();

    [GeneratedRegex(@"\b(?:said|says|say|told|tells|announced|announces|confirmed|confirms|stated|reported|reports|informed|added|noted|declared|denied|denies|wrote|posted|statement|briefing)\b(?:\s+[\w’'-]+){0,3}?\s+(?:(?:early|late)\s+)?(?:on\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReportingBefore();

    [GeneratedRegex(@"\b(?:due|scheduled|set|expected|planned|slated|will|would|could|may|might|next|rescheduled)\b[^.;]{0,40}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FutureBefore();

    [GeneratedRegex(@"\b(?:by|until|till|before|to|through|deadline)\s+(?:(?:the\s+)?(?:end|start)\s+of\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryBefore();

    /// <summary>Finds and resolves the date expressions of one sentence.</summary>
    /// <param name="reference">The article's local publication date, when it has one.</param>
    /// <param name="referenceYear">A year to complete yearless dates when there is no publication date (from a full date elsewhere in the text).</param>
    public static void Find(string text, SentenceSpan sentence, DateOnly? reference, int? referenceYear, int backgroundDays, List<DateExpression> results)
    {
        var span = text.AsSpan(sentence.Start, sentence.Length);
        var first = results.Count;

        foreach (var m in ExplicitDate().EnumerateMatches(span))
        {
            var match = ExplicitDate().Match(text, sentence.Start + m.Index, sentence.Length - m.Index);
            var date = ResolveExplicit(match, reference, referenceYear);
            Add(text, sentence, match.Index, match.Index + match.Length, DateKind.Explicit, date, reference, backgroundDays, results, first);
        }

        foreach (var m in Weekday().EnumerateMatches(span))
        {
            var match = Weekday().Match(text, sentence.Start + m.Index, sentence.Length - m.Index);
            var weekday = Enum.Parse<DayOfWeek>(match.Groups["weekday"].Value);
            var modifier = match.Groups["last"].Value.ToLowerInvariant();
            var lookback = Math.Max(sentence.Start, match.Index - 60);
            var reporting = ReportingBefore().IsMatch(text.AsSpan(lookback, match.Index - lookback));
            var future = modifier == "next" || (!reporting && IsFutureFrame(text, sentence.Start, match.Index));
            DateOnly? date = reference is { } r
                ? future ? NextAfter(r, weekday) : modifier == "last" ? LastBefore(r, weekday) : LatestOnOrBefore(r, weekday)
                : null;
            Add(text, sentence, match.Index, match.Index + match.Length, DateKind.Relative, date, reference, backgroundDays, results, first);
        }

        foreach (var m in RelativeDay().EnumerateMatches(span))
        {
            var match = RelativeDay().Match(text, sentence.Start + m.Index, sentence.Length - m.Index);
            DateOnly? date = reference is { } r
                ? match.Groups["yesterday"].Success ? r.AddDays(-1) : match.Groups["tomorrow"].Success ? r.AddDays(1) : r
                : null;
            Add(text, sentence, match.Index, match.Index + match.Length, DateKind.Relative, date, reference, backgroundDays, results, first);
        }

        // "the day before": a day from the sentence's other day before it ("suspended on 6 March over a bomb the day before"),
        // else from the publication day.
        foreach (var m in DayOffset().EnumerateMatches(span))
        {
            var match = DayOffset().Match(text, sentence.Start + m.Index, sentence.Length - m.Index);
            DateOnly? anchor = reference;
            for (var k = results.Count - 1; k >= first; k--)
            {
                if (results[k].End <= match.Index && results[k].Date is { } earlier && results[k].Kind != DateKind.Vague)
                {
                    anchor = earlier;
                    break;
                }
            }

            var date = anchor?.AddDays(match.Groups["after"].Success ? 1 : -1);
            Add(text, sentence, match.Index, match.Index + match.Length, DateKind.Relative, date, reference, backgroundDays, results, first);
        }

        foreach (var m in VaguePeriod().EnumerateMatches(span))
        {
            var match = VaguePeriod().Match(text, sentence.Start + m.Index, sentence.Length - m.Index);
            if (Overlaps(results, first, match.Index, match.Index + match.Length))
            {
                continue;
            }

            var old = IsOldPeriod(match, reference, referenceYear, backgroundDays);
            results.Add(new DateExpression(match.Index, match.Index + match.Length, DateKind.Vague, null, false, false, false, old));
        }
    }

    private static void Add(string text, SentenceSpan sentence, int start, int end, DateKind kind, DateOnly? date, DateOnly? reference, int backgroundDays, List<DateExpression> results, int first)
    {
        if (Overlaps(results, first, start, end))
        {
            return;
        }

        var before = text.AsSpan(Math.Max(sentence.Start, start - 60), start - Math.Max(sentence.Start, start - 60));
        var boundary = BoundaryBefore().IsMatch(before);
        var reporting = ReportingBefore().IsMatch(before);
        // "…, its chair said on Monday": the day of a statement already made, even in a sentence about what will happen.
        var future = (!reporting && IsFutureFrame(text, sentence.Start, start)) || (date is { } d && reference is { } r && d > r);
        var old = date is { } day && reference is { } pub && day.DayNumber < pub.DayNumber - backgroundDays;
        results.Add(new DateExpression(start, end, kind, date, reporting, future, boundary, old));
    }

    private static bool IsFutureFrame(string text, int sentenceStart, int at)
    {
        var from = Math.Max(sentenceStart, at - 45);
        return FutureBefore().IsMatch(text.AsSpan(from, at - from));
    }

    private static bool Overlaps(List<DateExpression> results, int first, int start, int end)
    {
        for (var i = first; i < results.Count; i++)
        {
            if (start < results[i].End && results[i].Start < end)
            {
                return true;
            }
        }

        return false;
    }

    private static DateOnly? ResolveExplicit(Match match, DateOnly? reference, int? referenceYear)
    {
        var month = MonthNumber(match.Groups["month"].Value);
        var day = int.Parse(match.Groups["day"].Value);
        if (month == 0 || day is < 1 or > 31)
        {
            return null;
        }

        int year;
        if (match.Groups["year"].Success)
        {
            year = int.Parse(match.Groups["year"].Value);
        }
        else if (reference is { } r)
        {
            year = r.Year;
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day).DayNumber > r.DayNumber + 60)
            {
                year--;
            }
        }
        else if (referenceYear is { } y)
        {
            year = y;
        }
        else
        {
            return null;
        }

        return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static bool IsOldPeriod(Match match, DateOnly? reference, int? referenceYear, int backgroundDays)
    {
        var refYear = reference?.Year ?? referenceYear;
        if (refYear is null)
        {
            return false;
        }

        var year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value) : refYear.Value;
        var month = match.Groups["month"].Success ? MonthNumber(match.Groups["month"].Value) : 12;
        if (month == 0)
        {
            return false;
        }

        if (!match.Groups["year"].Success && !match.Groups["month"].Success)
        {
            return false;
        }

        var endOfPeriod = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var pivot = reference ?? new DateOnly(refYear.Value, 12, 31);
        return endOfPeriod.DayNumber < pivot.DayNumber - backgroundDays;
    }

    private static int MonthNumber(string name) => name.Length < 3 ? 0 : char.ToLowerInvariant(name[0]) switch
    {
        'j' when name[1] == 'a' => 1,
        'f' => 2,
        'm' when name[2] == 'r' => 3,
        'a' when name[1] == 'p' => 4,
        'm' => 5,
        'j' when name[2] == 'n' => 6,
        'j' => 7,
        'a' => 8,
        's' => 9,
        'o' => 10,
        'n' => 11,
        'd' => 12,
        _ => 0,
    };

    internal static DateOnly LatestOnOrBefore(DateOnly reference, DayOfWeek weekday) => reference.AddDays(-(((int)reference.DayOfWeek - (int)weekday + 7) % 7));

    internal static DateOnly LastBefore(DateOnly reference, DayOfWeek weekday)
    {
        var d = LatestOnOrBefore(reference, weekday);
        return d == reference ? d.AddDays(-7) : d;
    }

    internal static DateOnly NextAfter(DateOnly reference, DayOfWeek weekday)
    {
        var delta = ((int)weekday - (int)reference.DayOfWeek + 7) % 7;
        return reference.AddDays(delta == 0 ? 7 : delta);
    }

    /// <summary>The latest year of a full written date in the text ("July 31, 2024"), to complete yearless dates in an undated article.</summary>
    public static int? ReferenceYear(string text)
    {
        int? year = null;
        foreach (Match match in ExplicitDate().Matches(text))
        {
            if (match.Groups["year"].Success)
            {
                var y = int.Parse(match.Groups["year"].Value);
                year = year is { } current ? Math.Max(current, y) : y;
            }
        }

        return year;
    }

    internal static DateBasis BasisOf(DateKind kind) => kind == DateKind.Explicit ? DateBasis.Explicit : DateBasis.Relative;
}
