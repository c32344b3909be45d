using Alerts.Core;
using Alerts.Extraction.Rules;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stage: dates. Finds date expressions with the date rules and resolves them against the article's local publication
/// date: explicit days ("4 February", "Sept. 11, 2001"), weekdays (the latest such day on or before publication; the next
/// one for an event told in the future), relative days ("yesterday", "two days ago"), and windows for vague ones ("this
/// week", "last month", "in August", "in 2019"), which can't date an event by themselves but can tie it to one known.
/// </summary>
internal sealed class DateFinder(RuleBook rules)
{
    public List<DateMention> Find(Document doc)
    {
        // An article without a publication date is read against the latest full date its text gives.
        doc.Reference = doc.Published;
        if (doc.Reference is null)
        {
            foreach (var sentence in doc.Sentences.Where(s => s.CarriesNews))
            {
                foreach (var m in rules.Dates.Matches(doc.Tokens, sentence.First, sentence.End, doc).Where(m => m.Rule.Data.Resolve == "explicit" && m.Match.Find("year") is { } y && y.End > y.Start))
                {
                    if (Resolve(doc, m.Rule.Data, m.Match)?.Day is { } day && (doc.Reference is null || day > doc.Reference))
                    {
                        doc.Reference = day;
                    }
                }
            }
        }

        var found = new List<DateMention>();
        var told = new List<(int Start, int Sentence, int Offset)>();
        foreach (var sentence in doc.Sentences)
        {
            var matches = rules.Dates.Matches(doc.Tokens, sentence.First, sentence.End, doc);

            // Longest first; a shorter expression inside a longer one is part of it ("Tuesday" in "Tuesday, October 25").
            foreach (var m in matches.OrderByDescending(m => m.Match.End - m.Match.Start).ThenBy(m => m.Match.Start))
            {
                if (found.Any(f => f.Start < m.Match.End && m.Match.Start < f.End))
                {
                    continue;
                }

                if (Resolve(doc, m.Rule.Data, m.Match) is { } mention)
                {
                    if (m.Rule.Data.Resolve == "offset-told")
                    {
                        told.Add((mention.Start, sentence.Index, m.Rule.Data.Offset));
                    }

                    found.Add(mention with { IsScheduled = Scheduled(doc, m.Match.Start, sentence.First), IsSaid = Said(doc, m.Match.Start, sentence.First) });
                }
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));

        // "the day before": counted from the last day the text told, in this sentence or the one before, else from publication.
        foreach (var (start, sentence, offset) in told)
        {
            var k = found.FindIndex(f => f.Start == start);
            var from = doc.Sentences[Math.Max(0, sentence - 1)].First;
            if (found.LastOrDefault(f => f.Basis == DateBasis.Explicit && f.Day is not null && f.End <= start && f.Start >= from) is { Day: { } day })
            {
                found[k] = found[k] with { Day = day.AddDays(offset) };
            }
        }

        Array.Fill(doc.DateEnd, -1);
        foreach (var d in found)
        {
            doc.DateEnd[d.Start] = d.End;
        }

        return found;
    }

    /// <summary>"said on Tuesday", "told reporters Sunday": the day something was said.</summary>
    private bool Said(Document doc, int start, int first)
    {
        // "said on Tuesday", "told Russian media on Sunday", "said in a statement on Friday": a verb of saying a few words before.
        var speech = rules.Lexicon.Class("speech_verb");
        for (var t = start - 1; t >= first && t >= start - 5; t--)
        {
            var token = doc.Tokens[t];
            if (speech.Contains(token.Norm))
            {
                return true;
            }

            if (token.IsPunct)
            {
                return false;
            }
        }

        return false;
    }

    private bool Scheduled(Document doc, int start, int first)
    {
        var scheduling = rules.Lexicon.Class("schedule_word");
        for (var t = start; t >= first && t >= start - 3; t--)
        {
            // "by" and "until" set a deadline only right before the day ("by Friday"), not "attacked by militants on Friday".
            if (scheduling.Contains(doc.Tokens[t].Norm) && (doc.Tokens[t].Norm is not ("by" or "until") || t >= start - 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Resolves one date expression matched by <paramref name="rule"/>; null when it names no real day or window.</summary>
    public DateMention? Resolve(Document doc, DateRuleData rule, PatternMatch match)
    {
        var lexicon = rules.Lexicon;
        var published = doc.Reference;
        int? Number(string name) => match.Find(name) is { } c && c.End > c.Start && doc.EndOf(Shape.Number, c.Start) > c.Start ? (int)doc.NumberValue(c.Start) : null;
        int? Month() => match.Find("month") is { } c && lexicon.Months.TryGetValue(doc.Tokens[c.Start].Norm, out var mo) ? mo : null;
        int? Weekday() => match.Find("weekday") is { } c && lexicon.Weekdays.TryGetValue(doc.Tokens[c.Start].Norm, out var wd) ? wd : null;
        DateMention Day(DateOnly day, DateBasis basis, DateOnly? future = null) => new(match.Start, match.End, rule.Name, day, null, null, basis) { FutureDay = future };
        DateMention Window(DateOnly from, DateOnly to) => new(match.Start, match.End, rule.Name, null, from, to, DateBasis.Relative);

        var year = Number("year");
        if (year is < 1900 or > 2100)
        {
            return null;
        }

        switch (rule.Resolve)
        {
            case "explicit":
                {
                    if (Month() is not { } month || Number("day") is not { } day || day is < 1 or > 31)
                    {
                        return null;
                    }

                    if (year is { } y)
                    {
                        return day <= DateTime.DaysInMonth(y, month) ? Day(new DateOnly(y, month, day), DateBasis.Explicit) : null;
                    }

                    if (published is not { } p)
                    {
                        return null;
                    }

                    // The year that puts the day nearest the publication.
                    DateOnly? best = null;
                    foreach (var candidate in new[] { p.Year - 1, p.Year, p.Year + 1 })
                    {
                        if (day > DateTime.DaysInMonth(candidate, month))
                        {
                            continue;
                        }

                        var d = new DateOnly(candidate, month, day);
                        if (best is null || Math.Abs(d.DayNumber - p.DayNumber) < Math.Abs(best.Value.DayNumber - p.DayNumber))
                        {
                            best = d;
                        }
                    }

                    return best is { } b ? Day(b, DateBasis.Explicit) : null;
                }

            case "weekday" or "last-weekday" or "next-weekday":
                {
                    if (Weekday() is not { } weekday || published is not { } p)
                    {
                        return null;
                    }

                    var today = (int)p.DayOfWeek == 0 ? 7 : (int)p.DayOfWeek;
                    var back = (today - weekday + 7) % 7;
                    var forward = (weekday - today + 7) % 7;
                    var past = p.AddDays(-(rule.Resolve == "last-weekday" && back == 0 ? 7 : back));
                    var next = p.AddDays(forward == 0 ? 7 : forward);
                    return rule.Resolve == "next-weekday" ? Day(next, DateBasis.Relative, next) : Day(past, DateBasis.Relative, next);
                }

            case "offset-days" or "offset-told":
                return published is { } pub ? Day(pub.AddDays(rule.Offset * (Number("count") ?? 1)), DateBasis.Relative) : null;

            case "today":
                return published is { } now ? Day(now, DateBasis.Relative) : null;

            case "this-week":
                return published is { } w ? Window(w.AddDays(-6), w) : null;

            case "last-week":
                return published is { } lw ? Window(lw.AddDays(-13), lw.AddDays(-5)) : null;

            case "recent-days":
                return published is { } rd ? Window(rd.AddDays(-7), rd) : null;

            case "recent-weeks":
                return published is { } rw ? Window(rw.AddDays(-31), rw) : null;

            case "recent-months":
                return published is { } rm ? Window(rm.AddDays(-183), rm) : null;

            case "this-month":
                return published is { } tm ? Window(new DateOnly(tm.Year, tm.Month, 1), tm) : null;

            case "last-month":
                {
                    if (published is not { } lm)
                    {
                        return null;
                    }

                    var first = new DateOnly(lm.Year, lm.Month, 1).AddMonths(-1);
                    return Window(first, first.AddMonths(1).AddDays(-1));
                }

            case "month":
                {
                    if (Month() is not { } month)
                    {
                        return null;
                    }

                    // "by June", "until March": a deadline, so the next such month; otherwise the latest one.
                    var deadline = rules.Lexicon.Class("schedule_word").Contains(doc.Tokens[match.Start].Norm);
                    var y = year ?? (published is { } mp ? (deadline ? (month < mp.Month ? mp.Year + 1 : mp.Year) : (month > mp.Month ? mp.Year - 1 : mp.Year)) : (int?)null);
                    if (y is not { } yy)
                    {
                        return null;
                    }

                    var first = new DateOnly(yy, month, 1);
                    return Window(first, first.AddMonths(1).AddDays(-1));
                }

            case "relative-event":
                {
                    // Days from the anchor event that follows: "two days after X" (+2), "hours before X" (0).
                    var unit = match.Find("unit") is { } u ? doc.Tokens[u.End - 1].Norm : "days";
                    var count = unit.StartsWith("day", StringComparison.Ordinal) || unit.StartsWith("week", StringComparison.Ordinal) ? Number("count") ?? 1 : 0;
                    if (unit.StartsWith("week", StringComparison.Ordinal))
                    {
                        count *= 7;
                    }

                    var before = match.Find("direction") is { } dir && doc.Tokens[dir.Start].Norm == "before";
                    return new DateMention(match.Start, match.End, rule.Name, null, null, null, DateBasis.Relative) { RelativeDays = before ? -count : count };
                }

            case "year":
                return year is { } only ? Window(new DateOnly(only, 1, 1), new DateOnly(only, 12, 31)) : null;

            default:
                return null;
        }
    }
}
