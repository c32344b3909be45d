using Alerts.Core;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stage: merge. One event per real-world happening per article: mentions of one type merge when their days are within a
/// day (or one has none) and their places are one inside the other (or one has none); an undated, unplaced mention ("the
/// attack") joins the latest event of its type in its story. The merged event keeps the most exact day, the most specific
/// place, the highest figures, and is a fact when any mention states it as one. Events far older than the article are
/// background; an event with no day of its own takes the publication day unless it is told as a recall.
/// </summary>
internal static class EventMerger
{
    public static List<ArticleEvent> Merge(Document doc, List<Candidate> candidates, int backgroundDays, int historyDays, bool tracing)
    {
        var groups = new List<List<Candidate>>();
        var held = new List<Candidate>();
        foreach (var c in candidates.Where(c => c.Sentence.Zone != Zone.Headline).Concat(candidates.Where(c => c.Sentence.Zone == Zone.Headline)))
        {
            if (c.VetoedBy is not null)
            {
                continue;
            }

            var reference = c.IsReference && c.Day is null;
            // A headline joins the body's report of its event, the lede's first.
            var order = c.Sentence.Zone == Zone.Headline ? groups.OrderBy(g => g[0].Sentence.Zone == Zone.Lede ? 0 : 1).ToList() : groups;
            // An undated, unplaced mention ("that attack", "the explosions") is the latest one told, by the same word if one was.
            var anaphor = c.Day is null && !c.PlaceIsOwn && c.Sentence.Zone != Zone.Headline;
            var target = (anaphor ? groups.LastOrDefault(g => Compatible(doc, g, c, strict: true) && g.Any(o => SameHead(doc, o, c)))
                                    ?? groups.LastOrDefault(g => g[0].Type == c.Type && Compatible(doc, g, c, strict: true)) ?? groups.LastOrDefault(g => Compatible(doc, g, c, strict: true))
                                  : order.FirstOrDefault(g => Compatible(doc, g, c, strict: true)))
                         ?? (c.Day is null && !c.PlaceIsOwn ? groups.LastOrDefault(g => Compatible(doc, g, c, strict: false)) : null)
                         ?? groups.FirstOrDefault(g => SameIncident(g, c));
            if (target is null && reference)
            {
                c.Note(tracing, "dropped: a reference to the event, not a report of it");
                continue;
            }

            if (target is null && c.Sentence.Zone == Zone.Headline)
            {
                c.Note(tracing, "held: a headline names events the body reports; it adds nothing on its own");
                held.Add(c);
                continue;
            }

            if (target is null)
            {
                if (c.IsNoun && c.IsIncident && c.Day is null && (!c.PlaceIsOwn || c.PlaceIsLoose || c.Place!.Weak) && c.Killed is null && c.Injured is null && c.Sentence.Zone == Zone.Body)
                {
                    c.Note(tracing, "dropped: an incident named in passing, with no day, place or toll");
                    continue;
                }

                groups.Add([c]);
                c.MergedInto = groups.Count - 1;
            }
            else
            {
                target.Add(c);
                c.MergedInto = groups.IndexOf(target);
                c.Note(tracing, $"merged into event {c.MergedInto} (first told by candidate {target[0].Id})");
            }
        }

        var events = new List<ArticleEvent>(groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            // An air strike and an attack merged as one incident: the air strike is the more exact telling.
            var group = groups[g];
            var e = ToEvent(doc, group, backgroundDays);
            var history = IsHistory(doc, e, historyDays);

            // A status recalled in the past perfect with no day ("had agreed to a truce earlier this year") is background to the news.
            var recalledStatus = !e.IsBackground && e.Date is null && group.All(c => c.IsRecall && !c.IsIncident);
            if ((e.IsBackground && group.All(c => c.IsReference)) || history || recalledStatus)
            {
                foreach (var c in group)
                {
                    c.Note(tracing, history ? $"dropped: history, more than {historyDays} days before the article" : "dropped: history recalled as context");
                    c.MergedInto = -1;
                }

                continue;
            }

            events.Add(e);
            foreach (var c in group)
            {
                c.MergedInto = events.Count - 1;
            }
        }

        return events;
    }

    /// <summary>How many days before the day it was told an incident dated only by its telling may have happened.</summary>
    private const int BorrowedDayReach = 7;

    /// <summary>"US jets struck a depot … The attack on the depot killed three": "the attack", undated and unplaced, is that strike.</summary>
    /// <remarks>Likewise "agreed a ceasefire … both commanders signed the agreement": the agreement is that ceasefire.</remarks>
    private static bool NamesTheSameAs(Document doc, Candidate first, Candidate c)
        => ((first.Type == EventType.Airstrike && c.Type == EventType.Attack && c.IsNoun) || (first.Type == EventType.Ceasefire && c.Type == EventType.Agreement))
           && c.Day is null && !c.PlaceIsOwn && c.HeadStart > 0
           && Enumerable.Range(c.HeadStart - 1, c.HeadEnd - c.HeadStart).Any(t => doc.Tokens[t].Norm is "the" or "this" or "that" or "these" or "those");

    /// <summary>"the strikes" after "jets struck", "the shelling" after "shells hit": the anaphor's noun shares the stem of a word of the head.</summary>
    internal static bool SameHead(Document doc, Candidate a, Candidate b)
        => b.IsNoun && b.HeadEnd - b.HeadStart == 1
           && Enumerable.Range(a.HeadStart, a.HeadEnd - a.HeadStart).Any(t => Stem(doc.Tokens[t].Norm) == Stem(doc.Tokens[b.HeadStart].Norm));

    /// <summary>A crude stem, enough for the nouns and verbs of violence: strikes, struck → strik; shelling, shelled → shell.</summary>
    private static string Stem(string word)
    {
        if (word == "struck")
        {
            return "strik";
        }

        foreach (var suffix in (ReadOnlySpan<string>)["ings", "ing", "ed", "es", "s", "e"])
        {
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    /// <summary>An attack and an air strike told of the same place on the same day (or one undated) are one incident told two ways.</summary>
    private static bool SameIncident(List<Candidate> group, Candidate c)
    {
        var first = group[0];
        if (first.Type is not (EventType.Attack or EventType.Airstrike) || c.Type is not (EventType.Attack or EventType.Airstrike) || first.Sentence.Story != c.Sentence.Story)
        {
            return false;
        }

        // Both told for the same day, at places one inside the other and finer than a country.
        var day = GroupDay(group)?.Day;
        var place = GroupPlace(group);
        return day is not null && day == c.Day && place is not null && c.PlaceIsOwn && c.Place is not null
               && place.Compatible(c.Place.Place) && place.Place.Kind != "country" && c.Place.Place.Place.Kind != "country";
    }

    /// <summary>History, not news: the event's day (or its window's end) lies more than <paramref name="historyDays"/> before the article.</summary>
    private static bool IsHistory(Document doc, ArticleEvent e, int historyDays)
    {
        var reference = doc.Reference ?? (doc.LatestYear is { } year ? new DateOnly(year, 12, 31) : (DateOnly?)null);
        var latest = e.Date ?? e.NotAfter;
        return reference is { } r && latest is { } l && e.NotAfter != doc.Published && r.DayNumber - l.DayNumber > historyDays;
    }

    /// <summary>The group's most exact day: an explicit day, then a relative one, then one borrowed from a statement.</summary>
    private static Candidate? GroupDay(List<Candidate> group)
        => group.Where(g => g.Day is not null).OrderBy(g => g.Basis switch { DateBasis.Explicit => 0, DateBasis.Relative => 1, _ => 2 }).FirstOrDefault();

    /// <summary>
    /// The most specific place the group's own mentions named. Talks and their outcomes happen at a venue: a dateline only
    /// stands in for one when no mention names another place ("PETALING JAYA — … the truce brokered in Malaysia").
    /// </summary>
    private static PlaceRef? GroupPlace(List<Candidate> group) => BestPlace(group.Where(g => g.PlaceIsOwn));

    private static PlaceRef? BestPlace(IEnumerable<Candidate> group)
        => group.Where(g => g.Place is not null)
            .OrderBy(g => !g.IsIncident && g.Place!.Rule == "dateline" ? 1 : 0)
            .ThenByDescending(g => g.Place!.Place.Specificity)
            .Select(g => g.Place!.Place)
            .FirstOrDefault();

    /// <summary>
    /// "Jets hit launch sites near Yemen's Ras Qutaym" over a body that only says "struck targets in Yemen": the headline's place,
    /// inside the body's and finer, is where it happened.
    /// </summary>
    private static PlaceRef? Refined(List<Candidate> group, PlaceRef? place)
        => place is null ? null
            : group.Where(g => g.Sentence.Zone == Zone.Headline && g.PlaceIsAttached && g.Place!.Place.Place.Kind != "border"
                               && g.Place.Place.Specificity > place.Specificity && place.Contains(g.Place.Place))
                  .Select(g => g.Place!.Place)
                  .FirstOrDefault() ?? place;

    private static bool Compatible(Document doc, List<Candidate> group, Candidate c, bool strict)
    {
        var first = group[0];
        if ((first.Type != c.Type && !NamesTheSameAs(doc, first, c)) || first.Sentence.Story != c.Sentence.Story)
        {
            return false;
        }

        var dated = GroupDay(group);
        var day = dated?.Day;
        var place = GroupPlace(group);
        // "in February" does not join a report of 14 March, nor the other way round.
        if ((day is { } d && c.Date is { Day: null, From: { } from, To: { } to } && (d.AddDays(1) < from || d.AddDays(-1) > to))
            || (c.Day is { } own && group.Any(g => g.Date is { Day: null, From: { } f, To: { } t } && (own.AddDays(1) < f || own.AddDays(-1) > t))))
        {
            return false;
        }

        if (!strict)
        {
            return true;
        }

        // Within one article two days told as days (not borrowed from a statement) are two happenings.
        // A day borrowed from a statement ("said on Saturday") is when it was told: the incident may lie days before it.
        var daysAgree = day is null || c.Day is null || day == c.Day
                        || (c.Basis == DateBasis.Inferred && c.IsIncident && c.Day.Value.DayNumber - day.Value.DayNumber is >= -1 and <= BorrowedDayReach)
                        || (dated!.Basis == DateBasis.Inferred && c.IsIncident && day.Value.DayNumber - c.Day.Value.DayNumber is >= -1 and <= BorrowedDayReach)
                        || (Math.Abs(day.Value.DayNumber - c.Day.Value.DayNumber) <= 1 && (dated!.Basis == DateBasis.Inferred || c.Basis == DateBasis.Inferred));

        // A negotiation's mentions name speakers' capitals and venues alike: its place never sets two reports apart.
        var placesAgree = !c.IsIncident || place is null || !c.PlaceIsOwn || c.Place is null || place.Compatible(c.Place.Place);
        if (!daysAgree || !placesAgree)
        {
            return false;
        }

        // A dated hedge (a plan for another day) is not the fact told undated, and vice versa.
        var asserted = group.Any(g => g.Modality == Modality.Asserted);
        if (asserted != (c.Modality == Modality.Asserted) && (c.Day is not null && day is not null))
        {
            return day == c.Day;
        }

        // Two undated, unplaced incidents of the same type are one only when nothing sets them apart.
        return true;
    }

    private static ArticleEvent ToEvent(Document doc, List<Candidate> group, int backgroundDays)
    {
        // A noun that only joins ("the shelling", with no day or place of its own) names the event; its reports say whether it happened.
        var reports = group.Where(c => !((c.IsNoun || c.IsReference) && c.Day is null && !c.PlaceIsOwn && c.Sentence.Zone == Zone.Body)).ToList();
        var asserted = (reports.Count > 0 ? reports : group).Where(c => c.Modality == Modality.Asserted).ToList();
        var lead = asserted.FirstOrDefault() ?? group[0];
        var type = group.Any(c => c.Type == EventType.Airstrike) && group.All(c => c.Type is EventType.Airstrike or EventType.Attack) ? EventType.Airstrike : lead.Type;
        var dated = group.Where(c => c.Day is not null)
            .OrderBy(c => c.Modality == Modality.Asserted ? 0 : 1)
            .ThenBy(c => c.Basis switch { DateBasis.Explicit => 0, DateBasis.Relative => 1, _ => 2 })
            .FirstOrDefault();
        var window = group.Select(c => c.Date).FirstOrDefault(d => d is { Day: null });
        var place = Refined(group, GroupPlace(group) ?? BestPlace(group));
        var modality = asserted.Count > 0 ? Modality.Asserted : (reports.Count > 0 ? reports : group).Select(c => c.Modality).MaxBy(ModalityResolver.Rank);
        var recall = group.All(c => c.IsRecall);

        DateOnly? day = dated?.Day;
        var basis = dated?.Basis ?? DateBasis.Unresolved;
        if (day is null && window is null && !recall && doc.Published is { } published && modality == Modality.Asserted)
        {
            // Told as news with no day of its own: the day it was published.
            day = published;
            basis = DateBasis.Inferred;
        }

        var background = false;
        var reference = doc.Reference ?? (doc.LatestYear is { } year ? new DateOnly(year, 12, 31) : (DateOnly?)null);
        if (reference is { } pub)
        {
            var latest = day ?? window?.To;
            background = latest is { } l && pub.DayNumber - l.DayNumber > backgroundDays;
        }

        var sentence = lead.Sentence;
        var evidenceStart = doc.Tokens[sentence.First].Start;
        var evidenceEnd = doc.Tokens[sentence.End - 1].End;
        var text = doc.Source[evidenceStart..evidenceEnd];
        var evidence = evidenceStart >= doc.TextOffset
            ? new Evidence(text, evidenceStart - doc.TextOffset, evidenceEnd - evidenceStart)
            : new Evidence(text, -1, text.Length);

        return new ArticleEvent
        {
            Type = type,
            Date = day,
            DateBasis = basis,
            NotBefore = day is null ? window?.From : null,
            NotAfter = day is null ? window?.To ?? (recall ? doc.Published : null) : null,
            Place = place is null ? null : place.Place with { Within = place.Containers.Count > 0 ? place.Containers : null, NamedAs = PlaceText(doc, group, place) },
            Actors = [.. group.SelectMany(c => c.Actors).Distinct(StringComparer.OrdinalIgnoreCase)],
            Targets = [.. group.SelectMany(c => c.Targets).Distinct(StringComparer.OrdinalIgnoreCase)],
            Weapons = [.. group.SelectMany(c => c.Weapons).Distinct(StringComparer.OrdinalIgnoreCase)],
            Killed = group.Max(c => c.Killed),
            Injured = group.Max(c => c.Injured),
            Modality = modality,
            IsBackground = background,
            Evidence = evidence,
            Confidence = Confidence(group, day, place),
            Story = sentence.Story,
        };
    }

    /// <summary>How the article wrote the place, when that differs from its canonical name ("Pahalgam" for "Pahlgam").</summary>
    private static string? PlaceText(Document doc, List<Candidate> group, PlaceRef place)
    {
        var mention = group.Select(c => c.Place).FirstOrDefault(p => p is not null && p.Place == place);
        return mention is null ? null : doc.TextOf(mention.Start, mention.End);
    }

    private static double Confidence(List<Candidate> group, DateOnly? day, PlaceRef? place)
    {
        var c = 0.5;
        c += day is not null ? 0.15 : 0;
        c += place is not null ? 0.1 : 0;
        c += group.Count > 1 ? 0.1 : 0;
        c += group.Any(g => g.Sentence.Zone is Zone.Lede or Zone.Headline) ? 0.1 : 0;
        return Math.Min(0.95, c);
    }
}
