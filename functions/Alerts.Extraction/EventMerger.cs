using Alerts.Core;

namespace Alerts.Extraction;

/// <summary>
/// One event per real-world happening per article: mentions of the same type (attack and airstrike count as one family),
/// compatible place and dates within one day merge; an undated mention joins a dated one of the same kind.
/// </summary>
internal static class EventMerger
{
    public static IReadOnlyList<ArticleEvent> Merge(List<Mention> mentions, string text, DateOnly? reference, int backgroundDays)
    {
        var groups = new List<List<Mention>>();

        // Dated mentions first, in text order; then undated ones join the nearest compatible group.
        foreach (var mention in mentions.Where(m => m.Date is not null))
        {
            var group = groups.FirstOrDefault(g => Compatible(g, mention, requireDates: true));
            if (group is null)
            {
                groups.Add([mention]);
            }
            else
            {
                group.Add(mention);
            }
        }

        foreach (var mention in mentions.Where(m => m.Date is null))
        {
            var group = groups
                .Where(g => Compatible(g, mention, requireDates: false))
                .OrderBy(g => g.Min(m => Math.Abs(m.TriggerStart - mention.TriggerStart)))
                .FirstOrDefault();
            if (group is null)
            {
                groups.Add([mention]);
            }
            else
            {
                group.Add(mention);
            }
        }

        var events = new List<ArticleEvent>(groups.Count);
        foreach (var group in groups.OrderBy(g => g.Min(m => m.TriggerStart)))
        {
            events.Add(ToEvent(group, text, reference, backgroundDays));
        }

        return events;
    }

    private static bool Compatible(List<Mention> group, Mention mention, bool requireDates)
    {
        var first = group[0];
        if (first.IsFlagged != mention.IsFlagged || Family(first.Type) != Family(mention.Type))
        {
            return false;
        }

        if (first.IsFlagged && first.Modality != mention.Modality && (first.Modality is Modality.Denied or Modality.Negated) != (mention.Modality is Modality.Denied or Modality.Negated))
        {
            return false;
        }

        if (mention.IsIncident)
        {
            var place = group.Select(m => m.Place).FirstOrDefault(p => p is not null);
            if (place is not null && mention.Place is not null && place.Place.Name != mention.Place.Place.Name
                && !EventExtractor.Within(place.Place, mention.Place.Place) && !EventExtractor.Within(mention.Place.Place, place.Place))
            {
                return false;
            }
        }

        if (mention.Type == EventType.StatementDenial)
        {
            var actors = group.SelectMany(m => m.Actors).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (actors.Count > 0 && mention.Actors.Count > 0 && !mention.Actors.Any(actors.Contains))
            {
                return false;
            }
        }

        if (mention.Date is not { } date)
        {
            return true;
        }

        var groupDate = group.Select(m => m.Date).FirstOrDefault(d => d is not null);
        return groupDate is not { } g ? !requireDates : Math.Abs(g.DayNumber - date.DayNumber) <= 1;
    }

    private static int Family(EventType type) => type is EventType.Airstrike ? (int)EventType.Attack : (int)type;

    private static ArticleEvent ToEvent(List<Mention> group, string text, DateOnly? reference, int backgroundDays)
    {
        var best = group.OrderByDescending(m => m.Confidence).ThenBy(m => m.TriggerStart).First();
        var dated = group.Where(m => m.Date is not null).OrderBy(m => m.Basis switch { DateBasis.Explicit => 0, DateBasis.Relative => 1, _ => 2 }).ThenBy(m => m.TriggerStart).FirstOrDefault();
        var date = dated?.Date;
        var basis = dated?.Basis ?? DateBasis.Unresolved;
        // An undated report takes the publication day, except "the raid" far into a story (a reference back to an incident told
        // elsewhere, matched by the change detector on place, actors and figures) and a status whose sentence dates only others.
        if (date is null && reference is { } pub && !group.All(m => (m.IsIncident && m.IsAnaphoric && m.SentenceIndex >= 2) || m.DateWithheld))
        {
            date = pub;
            basis = DateBasis.Inferred;
        }

        var type = group.Any(m => m.Type == EventType.Airstrike) ? EventType.Airstrike : best.Type;
        var place = group.Where(m => m.Place is not null).OrderByDescending(m => m.Place!.Specificity).ThenByDescending(m => m.OwnPlace).Select(m => m.Place!.Place).FirstOrDefault();
        int? killed = group.Max(m => m.Killed);
        int? injured = group.Max(m => m.Injured);
        var background = date is { } d && reference is { } r && d.DayNumber < r.DayNumber - backgroundDays;
        var sentence = best.Sentence;

        return new ArticleEvent
        {
            Type = type,
            Date = date,
            DateBasis = basis,
            Place = place,
            Actors = Distinct(group.SelectMany(m => m.Actors)),
            Targets = Distinct(group.SelectMany(m => m.Targets)),
            Weapons = Distinct(group.SelectMany(m => m.Weapons)),
            Killed = killed,
            Injured = injured,
            Modality = best.Modality,
            IsBackground = background,
            Evidence = new Evidence(text.Substring(sentence.Start, sentence.Length), sentence.Start, sentence.Length),
            Confidence = Math.Round(Math.Min(0.99, best.Confidence + 0.02 * (group.Count - 1)), 3),
            Story = best.Story,
        };
    }

    private static string[] Distinct(IEnumerable<string> values) => values.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
