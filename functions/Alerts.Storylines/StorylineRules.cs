using Alerts.Core;

namespace Alerts.Storylines;

/// <summary>
/// The change rules (dev corpus README §6–§7 plus the storyline issue): applies one article's asserted events to one
/// storyline document and returns the alerts raised. Pure: no I/O, no clock.
/// </summary>
internal static class StorylineRules
{
    private const int MaxEvidence = 5;

    /// <summary>Undated talks and status reports kept in a storyline's history (dated ones are kept: each is a known event).</summary>
    private const int MaxUndatedHistory = 20;

    /// <summary>How far apart two outlets' days for one incident may be when its place and toll or actors agree.</summary>
    private const int RecallWindowDays = 14;

    public const string UnplacedStorylineId = "unplaced";

    public static NegotiationStatus? StatusOf(EventType type) => type switch
    {
        EventType.TalksHeld => NegotiationStatus.Ongoing,
        EventType.TalksPostponed => NegotiationStatus.Postponed,
        EventType.TalksSuspended => NegotiationStatus.Suspended,
        EventType.TalksResumed => NegotiationStatus.Resumed,
        EventType.TalksConcluded => NegotiationStatus.Concluded,
        EventType.Agreement => NegotiationStatus.AgreementReached,
        EventType.Ceasefire => NegotiationStatus.CeasefireInForce,
        EventType.CeasefireBroken => NegotiationStatus.CeasefireBroken,
        EventType.WithdrawalAnnounced => NegotiationStatus.WithdrawalAnnounced,
        EventType.WithdrawalPostponed => NegotiationStatus.WithdrawalPostponed,
        _ => null,
    };

    /// <summary>Types identified by place and day and carrying casualty figures.</summary>
    public static bool IsIncident(EventType type) => EventTypeInfo.Of(type).CarriesCasualties;

    public static string EventKey(EventType type, DateOnly? date, string? place)
        => $"{EventTypeInfo.Of(type).WireName}|{date?.ToString("yyyy-MM-dd") ?? ""}|{place ?? ""}";

    /// <summary>
    /// When an article dates one status change from its text and reports another of about the same moment only with the
    /// publication date, the second is context (a cause or a consequence), not a newer status: it loses its presumed date,
    /// so it goes to history without an alert and can't override the dated one.
    /// </summary>
    public static IReadOnlyList<ArticleEvent> WithoutPresumedStatusDates(IReadOnlyList<ArticleEvent> events, int windowDays)
    {
        var textual = events
            .Where(e => StatusOf(e.Type) is not null && e.Date is not null && e.DateBasis is DateBasis.Explicit or DateBasis.Relative)
            .Select(e => e.Date!.Value.DayNumber)
            .ToList();
        if (textual.Count == 0)
        {
            return events;
        }

        return
        [
            .. events.Select(e => StatusOf(e.Type) is not null && e.DateBasis == DateBasis.Inferred && e.Date is { } day
                    && textual.Any(t => Math.Abs(day.DayNumber - t) <= windowDays + 1)
                ? e with { Date = null, DateBasis = DateBasis.Unresolved }
                : e),
        ];
    }

    public static List<Alert> Apply(StorylineDocument doc, ArticleEventsMessage article, IEnumerable<ArticleEvent> events, StorylineOptions options, DateTimeOffset now)
    {
        var published = article.Published is { } p ? DateOnly.FromDateTime(p.DateTime) : (DateOnly?)null;
        var source = article.Source is { Length: > 0 } outlet ? "outlet:" + TextFolding.Name(outlet) : "article:" + article.ArticleId[..Math.Min(16, article.ArticleId.Length)];
        var composer = new AlertRecordBuilder(doc, article, now);
        var alerts = new List<Alert>();

        // An unverified report of a past incident is remembered, never alerted: a later certain report of it takes its day.
        foreach (var e in events.Where(e => e.IsHedged && IsIncident(e.Type) && e.Date is { } d && (published is null || d <= published) && e.Place is not null))
        {
            if (Find(doc, e, options.IncidentWindowDays, new HashSet<KnownEvent>(), []) is null)
            {
                var unconfirmed = Create(doc, e, article, isHistory: false);
                unconfirmed.IsUnconfirmed = true;
                Merge(unconfirmed, e, article, source, composer);
                doc.Events.Add(unconfirmed);
            }
        }

        // Events this article created: its extraction kept their types and places apart (an air strike in one country, ground
        // clashes on the border that day), so they are not one incident here either.
        var toldApart = new HashSet<KnownEvent>(ReferenceEqualityComparer.Instance);

        // Dated reports first, so an undated report in the same article can be recognised as one of them.
        var asserted = events.Where(e => e.IsAsserted).OrderBy(e => e.Date is null).ToList();
        foreach (var e in asserted)
        {
            doc.Place ??= e.Place?.Name;
            if (e.Place?.Name is { } place && !doc.Places.Any(p => TextFolding.PlaceKey(p) == TextFolding.PlaceKey(place)))
            {
                doc.Places.Add(place);
            }

            var status = StatusOf(e.Type);
            if (status is not null)
            {
                AddParties(doc, e.Actors);
            }

            if (status is not null && e.Date is null)
            {
                // Undated talks and status reports can't be ordered: history only, never an alert or a status change.
                if (!doc.History.Any(h => h.Type == e.Type && h.Date is null && h.ArticleId == article.ArticleId))
                {
                    doc.History.Add(new StatusEntry(e.Type, null, article.ArticleId, article.Name, SetStatus: false));
                    if (doc.History.Count(h => h.Date is null) > MaxUndatedHistory && doc.History.FindIndex(h => h.Date is null) is >= 0 and var oldest)
                    {
                        doc.History.RemoveAt(oldest); // undated reports change nothing: keep the latest few, not all of them
                    }
                }

                continue;
            }

            var isBackgroundReport = e.IsBackground || (published is { } day && e.Date is { } d && day.DayNumber - d.DayNumber > options.BackgroundDays);
            var known = Find(doc, e, options.IncidentWindowDays, toldApart, asserted);
            if (known is { IsUnconfirmed: true })
            {
                // The first certain report of an incident known only unverified: now it is news.
                known.IsUnconfirmed = false;
                Merge(known, e, article, source, composer);
                known.Killed = Math.Max(known.Killed, e.Killed ?? 0);
                known.Injured = Math.Max(known.Injured, e.Injured ?? 0);
                if (!isBackgroundReport && !known.IsHistory)
                {
                    alerts.Add(composer.NewIncident(known, e));
                }

                continue;
            }

            if (known is not null)
            {
                Merge(known, e, article, source, composer);
                if (IsIncident(e.Type) && (e.Killed ?? 0, e.Injured ?? 0) is var (killed, injured) && (killed > known.Killed || injured > known.Injured))
                {
                    var figuresBefore = (known.Killed, known.Injured);
                    known.Killed = Math.Max(known.Killed, killed);
                    known.Injured = Math.Max(known.Injured, injured);
                    if (!isBackgroundReport)
                    {
                        alerts.Add(composer.CasualtiesUpdate(known, e, figuresBefore));
                    }
                }

                continue;
            }

            if (status is not null && !doc.IsNegotiation)
            {
                // The title is set once, and once more when incidents turn out to belong to a negotiation.
                doc.IsNegotiation = true;
                doc.Title = "";
            }

            known = Create(doc, e, article, isBackgroundReport);
            toldApart.Add(known);
            Merge(known, e, article, source, composer);
            doc.Events.Add(known);
            if (doc.Title.Length == 0)
            {
                doc.Title = AlertRecordBuilder.TitleOf(doc, e.Type);
            }

            var statusBefore = (doc.Status, doc.StatusDate);
            var setsStatus = false;
            if (status is { } next && e.Date is { } date && !isBackgroundReport)
            {
                setsStatus = doc.StatusDate is not { } current || date > current || (date == current && e.Type != EventType.TalksHeld);
                if (setsStatus)
                {
                    doc.Status = next;
                    doc.StatusDate = date;
                }
            }

            if (status is not null)
            {
                doc.History.Add(new StatusEntry(e.Type, e.Date, article.ArticleId, article.Name, setsStatus));
            }

            if (isBackgroundReport || !EventTypeInfo.Of(e.Type).Alerts)
            {
                continue;
            }

            if (status is not null)
            {
                alerts.Add(composer.StatusChange(known, e, statusBefore, setsStatus));
            }
            else if (e.Date is not null || e.Place is not null)
            {
                // An incident needs a day or a place to be told apart from others.
                alerts.Add(e.Type == EventType.Casualties ? composer.CasualtiesUpdate(known, e, (0, 0)) : composer.NewIncident(known, e));
            }
        }

        return alerts;
    }

    /// <summary>
    /// The known event a report tells again: the same family of type (an air strike is an attack), places one inside the
    /// other (a village, its district, its city, its country — or a direction of it), and days within the window; an undated
    /// report with a window ("this week") matches a known day inside it; an undated report without one needs shared actors,
    /// weapons or figures, or else repeats the latest compatible one.
    /// </summary>
    private static KnownEvent? Find(StorylineDocument doc, ArticleEvent e, int windowDays, IReadOnlySet<KnownEvent> toldApart, IReadOnlyList<ArticleEvent> siblings)
    {
        var family = EventTypeInfo.Of(e.Type).Family;
        var isStatus = StatusOf(e.Type) is not null;
        var candidates = doc.Events
            .Where(k => EventTypeInfo.Of(k.Type).Family == family && (isStatus ? k.Type == e.Type : PlacesCompatible(k, e.Place))
                        && !(k.Type != e.Type && toldApart.Contains(k) && !SamePlace(k, e.Place)))
            .ToList();
        if (e.Date is { } date)
        {
            // "14 killed on Wednesday … a day after 12 died on Tuesday": when the article also tells of the known day itself, this is
            // another incident, not that one a day off.
            bool ToldOnItsDay(KnownEvent k) => siblings.Any(o => o != e && o.Date == k.Date && o.Date != date && o.Type == e.Type && k.Type == e.Type);
            var dated = candidates
                .Where(k => k.Date is { } kd && Math.Abs(kd.DayNumber - date.DayNumber) <= windowDays && !ToldOnItsDay(k))
                .OrderBy(k => Math.Abs(k.Date!.Value.DayNumber - date.DayNumber))
                .ThenBy(k => k.Type == e.Type ? 0 : 1)
                .FirstOrDefault();
            if (dated is not null)
            {
                return dated;
            }

            // The text gave no day (the article's own day stands in): an incident at a place already known from the fortnight
            // before ("the fighting in the city has left 900 dead"), or a status already known from then ("the suspension of
            // the treaty"), is that one told again.
            var undatedInText = e.DateBasis == DateBasis.Inferred && (isStatus || e.Place is not null)
                ? candidates
                    .Where(k => k.Date is { } kd && kd <= date && date.DayNumber - kd.DayNumber <= RecallWindowDays && (isStatus || (k.Place is not null && Compare(k, e) != Likeness.Conflicting)))
                    .OrderByDescending(k => k.Date)
                    .FirstOrDefault()
                : null;
            if (undatedInText is not null || !IsIncident(e.Type))
            {
                return undatedInText;
            }

            // Outlets recalling an incident disagree on its day: the same place and the same toll (or the same actors) within two weeks is it.
            var recalled = candidates
                .Where(k => k.Date is { } kd && Math.Abs(kd.DayNumber - date.DayNumber) <= RecallWindowDays && k.Place is not null && e.Place is not null && Compare(k, e) == Likeness.Shared)
                .OrderBy(k => Math.Abs(k.Date!.Value.DayNumber - date.DayNumber))
                .FirstOrDefault();
            if (recalled is not null)
            {
                return recalled;
            }


            // A dated report of an incident first known undated: only on positive evidence (shared actors or weapons).
            return candidates.FirstOrDefault(k => k.Date is null && Compare(k, e) == Likeness.Shared);
        }

        // "This week an airstrike on the town killed 65": the known incident whose day lies in the window.
        if (e.NotBefore is { } from && e.NotAfter is { } to)
        {
            var inWindow = candidates
                .Where(k => k.Date is { } kd && kd.DayNumber >= from.DayNumber - windowDays && kd.DayNumber <= to.DayNumber + windowDays)
                .OrderByDescending(k => k.Date)
                .FirstOrDefault();
            if (inWindow is not null || e.Place is not null)
            {
                return inWindow;
            }
        }

        // An undated incident: same actors, weapons or figures; without contradicting details it repeats the latest one.
        var compared = candidates.Select(c => (Known: c, Likeness: Compare(c, e))).Where(c => c.Likeness != Likeness.Conflicting).ToList();
        return compared.FirstOrDefault(c => c.Likeness == Likeness.Shared).Known
            ?? compared.OrderByDescending(c => c.Known.Date ?? DateOnly.MinValue).Select(c => c.Known).FirstOrDefault();
    }

    private static bool SamePlace(KnownEvent known, Place? place)
        => known.Place is not null && place is not null && TextFolding.PlaceKey(known.Place) == TextFolding.PlaceKey(place.Name);

    /// <summary>
    /// Two places can be one incident's when one contains the other: the report names the known place, one of the places
    /// containing it, or a place inside it (the gazetteer's containment), or a direction of a place that holds the other.
    /// A report without a place is compatible with any.
    /// </summary>
    private static bool PlacesCompatible(KnownEvent known, Place? place)
    {
        if (place is null || known.Place is null)
        {
            return true;
        }

        var knownNames = new[] { known.Place }.Concat(known.Within).Concat(known.OtherPlaces).Select(TextFolding.PlaceKey).ToHashSet(StringComparer.Ordinal);
        var name = TextFolding.PlaceKey(place.Name);
        if (knownNames.Contains(name) || (place.Within?.Any(w => TextFolding.PlaceKey(w) == TextFolding.PlaceKey(known.Place)) ?? false))
        {
            return true;
        }

        // Fighting on a border, once known, is reported at the villages, temples and districts along it on either side.
        if (known.PlaceKind == StorylineIndex.BorderKind && place.Kind != "country" && place.Within is { Count: > 0 } sides
            && sides.Any(w => known.Within.Contains(w, StringComparer.OrdinalIgnoreCase)))
        {
            return true;
        }

        // "southern Lebanon": a direction of a place holds whatever that place holds.
        return place.Kind == "area" && place.Within is { Count: > 0 } within && knownNames.Contains(TextFolding.PlaceKey(within[0]));
    }

    private enum Likeness
    {
        Compatible,
        Shared,
        Conflicting,
    }

    /// <summary>
    /// Actors that share no name conflict (another group struck); shared actors, or the same non-zero toll, make it the same.
    /// Weapons only confirm: outlets call the same munitions rockets, missiles or drones.
    /// </summary>
    private static Likeness Compare(KnownEvent known, ArticleEvent e)
    {
        var knownActors = TextFolding.NameTokens(known.Actors);
        var actors = TextFolding.NameTokens(e.Actors);
        if (knownActors.Count > 0 && actors.Count > 0)
        {
            return knownActors.Overlaps(actors) ? Likeness.Shared : Likeness.Conflicting;
        }

        var weapons = TextFolding.NameTokens(e.Weapons);
        if (weapons.Count > 0 && TextFolding.NameTokens(known.Weapons).Overlaps(weapons))
        {
            return Likeness.Shared;
        }

        return (e.Killed is > 0 && e.Killed == known.Killed) || (e.Injured is > 0 && e.Injured == known.Injured) ? Likeness.Shared : Likeness.Compatible;
    }

    private static KnownEvent Create(StorylineDocument doc, ArticleEvent e, ArticleEventsMessage article, bool isHistory)
    {
        var key = EventKey(e.Type, e.Date, e.Place?.Name);
        var id = e.Date is null ? $"{key}#{article.ArticleId[..Math.Min(12, article.ArticleId.Length)]}.{doc.Events.Count}" : key;
        return new KnownEvent
        {
            Id = id,
            Key = key,
            Type = e.Type,
            Date = e.Date,
            Place = e.Place?.Name,
            Within = [.. e.Place?.Within ?? []],
            PlaceKind = e.Place?.Kind,
            Killed = e.Killed ?? 0,
            Injured = e.Injured ?? 0,
            IsHistory = isHistory,
        };
    }

    private static void Merge(KnownEvent known, ArticleEvent e, ArticleEventsMessage article, string source, AlertRecordBuilder composer)
    {
        if (e.Place is { } place && known.Place is not null && TextFolding.PlaceKey(place.Name) != TextFolding.PlaceKey(known.Place))
        {
            AddNew(known.OtherPlaces, [place.Name, .. place.Within ?? []]);
        }

        AddNew(known.Actors, e.Actors);
        AddNew(known.Weapons, e.Weapons);
        AddNew(known.Sources, [source]);
        if (known.Evidence.Count < MaxEvidence && !known.Evidence.Any(x => x.Sentence == e.Evidence.Sentence))
        {
            known.Evidence.Add(composer.EvidenceOf(e));
        }
    }

    private static void AddParties(StorylineDocument doc, IEnumerable<string> actors)
    {
        foreach (var actor in actors)
        {
            if (!doc.Parties.Any(p => TextFolding.Name(p) == TextFolding.Name(actor)))
            {
                doc.Parties.Add(actor);
            }
        }
    }

    private static void AddNew(List<string> target, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            if (!target.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                target.Add(value);
            }
        }
    }
}
