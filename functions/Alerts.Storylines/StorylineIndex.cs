using Alerts.Core;

namespace Alerts.Storylines;

/// <summary>
/// Which storyline each place belongs to, and the parties of each negotiation: <c>storyline-index.json</c>, replaced with If-Match.
/// A place is pinned to one storyline the first time it is seen and never moves, so a retried article always lands where it
/// landed before. A negotiation event at a new place joins the negotiation that shares its parties (talks moving from one
/// venue to another, or a statement made in a capital); anything else at a new place starts a storyline named after it.
/// </summary>
internal sealed class StorylineIndex
{
    public const string Path = "storyline-index.json";

    /// <summary>Place key (see <see cref="TextFolding.PlaceKey"/>) → storyline id.</summary>
    public Dictionary<string, string> Places { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Storyline id → folded names of its negotiation's parties.</summary>
    public Dictionary<string, List<string>> Parties { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Place key of a part of a place → the place's canonical name, learnt from reports that name both ("the Greyquay district of
    /// Kalvessa"), so that a later report of "jets struck Greyquay" is the Kalvessa incident and not a new one.
    /// </summary>
    public Dictionary<string, string> Aliases { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Routes asserted events to storylines, learning new places and parties.</summary>
    /// <returns>The storyline of each event, and whether the index changed (and must be written).</returns>
    public (List<(string StorylineId, ArticleEvent Event)> Routes, bool Changed) Route(IEnumerable<ArticleEvent> events)
    {
        var changed = false;
        foreach (var e in events)
        {
            if (e.Place is { NamedAs: { } part } place && TextFolding.PlaceKey(part) is { Length: > 0 } partKey && partKey != TextFolding.PlaceKey(place.Name)
                && Aliases.TryAdd(partKey, place.Name))
            {
                changed = true;
                if (Places.TryGetValue(partKey, out var partStoryline))
                {
                    Places.TryAdd(TextFolding.PlaceKey(place.Name), partStoryline); // the part was reported first: the whole joins its storyline
                }
            }
        }

        var list = events.Select(Canonical).ToList();
        var ids = new string[list.Count];

        // Negotiation events first: a new place named by talks joins their negotiation before an incident there pins it alone.
        foreach (var i in Enumerable.Range(0, list.Count).OrderBy(i => StorylineRules.StatusOf(list[i].Type) is null))
        {
            var e = list[i];
            var key = AreaKey(e.Place);
            var isNegotiation = StorylineRules.StatusOf(e.Type) is not null;
            var parties = e.Actors.Select(TextFolding.Name).Where(IsParty).Distinct().ToList();
            string id;
            if (key.Length == 0)
            {
                // No place: a status report joins the negotiation whose parties it names; anything else waits in "unplaced".
                id = (isNegotiation ? NegotiationOf(parties) : null) ?? StorylineRules.UnplacedStorylineId;
            }
            else if (!Places.TryGetValue(key, out id!))
            {
                id = (isNegotiation ? NegotiationOf(parties) : null) ?? key;
                Places[key] = id;
                changed = true;
            }

            if (isNegotiation)
            {
                var known = Parties.TryGetValue(id, out var names) ? names : Parties[id] = [];
                foreach (var party in parties.Where(p => !known.Contains(p)))
                {
                    known.Add(party);
                    changed = true;
                }
            }

            ids[i] = id;
        }

        return ([.. list.Select((e, i) => (ids[i], e))], changed);
    }

    /// <summary>A label that names no one ("unidentified gunmen", "unknown attackers") is nobody's party to a negotiation.</summary>
    private static bool IsParty(string folded) => TextFolding.NameTokens([folded]).Count > 0;

    /// <summary>
    /// The routing key of a place: its country when the gazetteer knows it (so reports naming a village, a district, a city or
    /// the country itself land in one storyline, where containment decides whether they are one incident), else the place.
    /// </summary>
    public static string AreaKey(Place? place)
        => place is null ? "" : TextFolding.PlaceKey(place.Within is { Count: > 0 } within ? within[^1] : place.Name);

    /// <summary>An event at a known part of a place ("Greyquay"), placed at the whole place ("Kalvessa").</summary>
    private ArticleEvent Canonical(ArticleEvent e)
        => e.Place is { } place && Aliases.TryGetValue(TextFolding.PlaceKey(place.Name), out var whole)
            ? e with { Place = place with { Name = whole, NamedAs = place.NamedAs ?? place.Name, Kind = null } }
            : e;

    /// <summary>
    /// The negotiation sharing at least two of the parties (or the only one named), most shared first; none when two
    /// negotiations share as many (a mediator such as the UN alone does not say which talks a report is about).
    /// </summary>
    private string? NegotiationOf(List<string> parties)
    {
        if (parties.Count == 0)
        {
            return null;
        }

        var candidates = Parties
            .Select(p => (Id: p.Key, Shared: p.Value.Count(parties.Contains)))
            .Where(p => p.Shared >= Math.Min(2, parties.Count))
            .OrderByDescending(p => p.Shared)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .Take(2)
            .ToList();
        return candidates.Count == 0 || (candidates.Count == 2 && candidates[0].Shared == candidates[1].Shared) ? null : candidates[0].Id;
    }
}
