using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alerts.Core;

namespace Alerts.Storylines;

/// <summary>Builds the alert records of one article applied to one storyline: deterministic ids, words a subscriber reads, severity, evidence.</summary>
internal sealed class AlertRecordBuilder(StorylineDocument doc, ArticleEventsMessage article, DateTimeOffset now)
{
    private const int MaxEvidence = 5;

    public static string TitleOf(StorylineDocument doc, EventType first)
    {
        var parties = string.Join(" – ", doc.Parties.Take(3));
        var at = doc.Place is null ? "" : $" ({doc.Place})";
        return (doc.IsNegotiation, first, parties.Length > 0) switch
        {
            (false, _, _) => doc.Place is null ? "Incidents at unknown places" : $"Attacks and incidents at {doc.Place}",
            (true, EventType.WithdrawalAnnounced or EventType.WithdrawalPostponed, true) => $"{parties}: withdrawal{at}",
            (true, _, true) => $"{parties} talks{at}",
            _ => $"Talks{at}",
        };
    }

    /// <summary>Same storyline, kind, event and (for tolls) figures → same id.</summary>
    public static string AlertId(string storylineId, AlertKind kind, string knownEventId, int killed, int injured)
    {
        var text = kind == AlertKind.CasualtiesUpdate ? $"{storylineId}|{kind}|{knownEventId}|{killed}|{injured}" : $"{storylineId}|{kind}|{knownEventId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public AlertEvidence EvidenceOf(ArticleEvent e) => new(e.Evidence.Sentence, article.Name, article.Source, article.Url, article.Published);

    public Alert NewIncident(KnownEvent known, ArticleEvent e)
    {
        var what = Describe(known);
        var by = known.Actors.Count > 0 ? $", attributed to {string.Join(", ", known.Actors)}" : "";
        return Compose(known, e, AlertKind.NewIncident, IncidentSeverity(known.Killed),
            headline: what,
            summary: $"{what}{by}: {Figures(known.Killed, known.Injured)}. {Reported(known)}",
            change: new AlertChange(null, $"{Label(known.Type)}, {Figures(known.Killed, known.Injured)}"));
    }

    public Alert CasualtiesUpdate(KnownEvent known, ArticleEvent e, (int Killed, int Injured) before)
    {
        var after = Figures(known.Killed, known.Injured);
        var first = before == (0, 0) && known.Type == EventType.Casualties;
        return Compose(known, e, AlertKind.CasualtiesUpdate, IncidentSeverity(known.Killed),
            headline: first ? $"Casualties confirmed: {Describe(known)}" : $"Toll rises to {after}: {Describe(known)}",
            summary: first
                ? $"{Describe(known)}: {after}, now confirmed. {Reported(known)}"
                : $"{Describe(known)}: now {after}, up from {Figures(before.Killed, before.Injured)}. {Reported(known)}",
            change: new AlertChange(first ? null : Figures(before.Killed, before.Injured), after));
    }

    public Alert StatusChange(KnownEvent known, ArticleEvent e, (NegotiationStatus Status, DateOnly? Date) before, bool isCurrent)
    {
        var after = $"{Label(known.Type)} on {Day(known.Date)}";
        string? was = before.Status == NegotiationStatus.Unknown ? null : $"{StatusText(before.Status)} since {Day(before.Date)}";
        var parties = e.Actors.Count > 0 ? $" ({string.Join(", ", e.Actors)})" : "";
        var summary = isCurrent
            ? $"{after}{parties}. {(was is null ? "First known status of this storyline." : $"Before: {was}.")}"
            : $"{after}{parties}, learnt late: recorded in the storyline's history; the current status stays {was}.";
        var severity = !isCurrent ? Severity.Low
            : known.Type is EventType.CeasefireBroken or EventType.Ceasefire or EventType.Agreement or EventType.WithdrawalAnnounced ? Severity.High
            : Severity.Medium;
        return Compose(known, e, AlertKind.StatusChange, severity,
            headline: $"{Label(known.Type)}: {doc.Title}",
            summary: $"{summary} {Reported(known)}",
            change: new AlertChange(was, after));
    }

    /// <summary>The known place, with the article's own spelling beside the gazetteer's when they differ ("Punch (Poonch)").</summary>
    private static string? LocationOf(KnownEvent known, ArticleEvent e)
        => known.Place is { } place && e.Place is { NamedAs: { Length: > 0 } own } reported
           && TextFolding.PlaceKey(reported.Name) == TextFolding.PlaceKey(place) && TextFolding.PlaceKey(own) != TextFolding.PlaceKey(place)
            ? $"{place} ({own})"
            : known.Place;

    private Alert Compose(KnownEvent known, ArticleEvent e, AlertKind kind, Severity severity, string headline, string summary, AlertChange change)
    {
        var info = EventTypeInfo.Of(known.Type);
        var evidence = new[] { EvidenceOf(e) }.Concat(known.Evidence).DistinctBy(x => x.Sentence).Take(MaxEvidence).ToList();
        return new Alert
        {
            Id = AlertId(doc.Id, kind, known.Id, known.Killed, known.Injured),
            Kind = kind,
            StorylineId = doc.Id,
            StorylineTitle = doc.Title,
            EventType = known.Type,
            Date = known.Date,
            Location = LocationOf(known, e),
            EventKey = known.Key,
            Headline = headline,
            Summary = summary,
            Change = change,
            Killed = EventTypeInfo.Of(known.Type).CarriesCasualties ? known.Killed : null,
            Injured = EventTypeInfo.Of(known.Type).CarriesCasualties ? known.Injured : null,
            Actors = [.. known.Actors],
            Evidence = evidence,
            SourceCount = known.Sources.Count,
            Severity = severity,
            Cameo = info.Cameo,
            Plover = info.Plover,
            ArticleName = article.Name,
            ArticleId = article.ArticleId,
            RaisedAt = now,
        };
    }

    private static Severity IncidentSeverity(int killed) => killed >= 10 ? Severity.Critical : killed > 0 ? Severity.High : Severity.Medium;

    private static string Describe(KnownEvent known)
        => $"{Label(known.Type)} at {known.Place ?? "an unknown place"}{(known.Date is { } d ? $" on {Day(d)}" : ", date unknown")}";

    private static string Reported(KnownEvent known) => known.Sources.Count == 1 ? "Reported by 1 source so far." : $"Reported by {known.Sources.Count} sources so far.";

    private static string Day(DateOnly? date) => date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "an unknown date";

    private static string Figures(int killed, int injured) => (killed, injured) switch
    {
        (0, 0) => "no casualties reported",
        (_, 0) => $"{killed} killed",
        (0, _) => $"{injured} injured",
        _ => $"{killed} killed, {injured} injured",
    };

    public static string Label(EventType type) => EventTypeInfo.Of(type).Label;

    public static string StatusText(NegotiationStatus status) => status switch
    {
        NegotiationStatus.Ongoing => "talks ongoing",
        NegotiationStatus.Postponed => "talks postponed",
        NegotiationStatus.Suspended => "talks suspended",
        NegotiationStatus.Resumed => "talks resumed",
        NegotiationStatus.Concluded => "talks concluded",
        NegotiationStatus.AgreementReached => "agreement reached",
        NegotiationStatus.CeasefireInForce => "ceasefire in force",
        NegotiationStatus.CeasefireBroken => "ceasefire broken",
        NegotiationStatus.WithdrawalAnnounced => "withdrawal announced",
        NegotiationStatus.WithdrawalPostponed => "withdrawal postponed",
        _ => "no known status",
    };
}
