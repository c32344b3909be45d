using Alerts.Core;
using Alerts.Extraction.Rules;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stages: arguments and dates. For each trigger: who did it (the actor that is its subject, or "by X"), with what
/// (weapons), whether it was an air strike (a state's jets, drones or missiles) or an attack (an armed group, guns,
/// shelling), where (the place attached to it by a preposition or as its modifier, then its clause, its sentence, the
/// story's main place, the dateline — never a place named as a speaker), its casualty figures, and its day.
/// </summary>
internal sealed class ArgumentBinder(RuleBook rules)
{
    private readonly WordClass _locative = rules.Lexicon.Class("locative_prep");
    private readonly WordClass _settlements = rules.Lexicon.Class("settlement");
    private readonly WordClass _determiners = rules.Lexicon.Class("det");
    private readonly WordClass _airMeans = rules.Lexicon.Class("air_means");
    private readonly WordClass _aircraft = rules.Lexicon.Class("aircraft");
    private readonly WordClass _stateForceWords = rules.Lexicon.Class("state_force");
    private readonly WordClass _settledParticiple = rules.Lexicon.Class("settled_participle");
    private List<Candidate> _live = [];
    private List<PlaceMention> _places = [];
    private readonly WordClass _anaphors = rules.Lexicon.Class("anaphor");
    private readonly WordClass _timeOpeners = rules.Lexicon.Class("time_opener");
    private readonly WordClass _prepositions = rules.Lexicon.Class("preposition");
    private readonly WordClass _deals = rules.Lexicon.Class("deal_noun");
    private readonly WordClass _talksNouns = rules.Lexicon.Class("talks_noun");
    private readonly WordClass _ceasefires = rules.Lexicon.Class("ceasefire_noun");
    private readonly WordClass _groundMeans = rules.Lexicon.Class("ground_means");
    private readonly WordClass _weapon = rules.Lexicon.Class("weapon");
    private readonly WordClass _targetPrep = rules.Lexicon.Class("target_prep");

    public void Bind(Document doc, List<Candidate> candidates, List<PlaceMention> places, List<ActorMention> actors, List<DateMention> dates,
        List<FigureMention> figures, List<FrameMention> frames, bool tracing)
    {
        var live = candidates.Where(c => c.VetoedBy is null).ToList();
        _live = live;
        _places = places;
        foreach (var c in live)
        {
            BindActors(doc, c, actors, tracing);
            if (c.IsIncident)
            {
                Refine(doc, c, actors, tracing);
            }

            BindPlace(doc, c, places, live, null, attachedOnly: true, tracing);
            BindDate(doc, c, dates, frames, live, tracing);
        }

        // The story's main place is where its incidents were placed: a place only named nearby, or a country that only holds
        // it, does not beat it; incidents told without any place take it.
        foreach (var c in live.Where(c => c.Place is null))
        {
            var main = c.IsIncident ? MainPlace(doc, live, c.Sentence.Story, places) : null;
            BindPlace(doc, c, places, live, main, attachedOnly: false, tracing);
            if (c.Place is null && main is not null && (c.Sentence.Zone is Zone.Lede or Zone.Headline || c.IsNoun || PointsBack(doc, c)))
            {
                c.Place = main;
                c.Note(tracing, $"place {main.Place.Name}: the story's main place ({main.Rule})");
            }
        }

        // "- 22 February: the government suspends its participation": a status told with no place is about the story's talks,
        // at the venue its other status reports name.
        foreach (var c in live.Where(c => c.Place is null && !c.IsIncident))
        {
            var venue = live.Where(o => !o.IsIncident && o.PlaceIsOwn && o.Place is { NotScene: false } && o.Sentence.Story == c.Sentence.Story)
                .GroupBy(o => o.Place!.Place.Name, StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(o => o.HeadStart))
                .Select(g => g.First().Place).FirstOrDefault();
            if (venue is not null)
            {
                c.Place = venue;
                c.Note(tracing, $"place {venue.Place.Name}: the venue of the story's talks");
            }
        }

        BindRelativeDays(doc, live, dates, tracing);
        InheritDays(doc, live, tracing);
        BindFigures(doc, live, figures, tracing);
    }

    /// <summary>
    /// "Hours before the truce took effect, jets struck …", "the strike came two days after a bombing …": the anchor event after
    /// the words and the sentence's other events are that many days apart. A day known for either (in the sentence, or for the
    /// anchor's type elsewhere in the article) gives the other.
    /// </summary>
    private static void BindRelativeDays(Document doc, List<Candidate> live, List<DateMention> dates, bool tracing)
    {
        foreach (var d in dates.Where(d => d.RelativeDays is not null))
        {
            var anchor = live.Where(c => c.HeadStart >= d.End && c.HeadStart - d.End <= 6).OrderBy(c => c.HeadStart).FirstOrDefault();
            if (anchor is null)
            {
                continue;
            }

            var sentence = anchor.Sentence;
            var others = live.Where(c => c.Sentence == sentence && c != anchor && (c.HeadEnd <= d.Start || sentence.ClauseOf(c.HeadStart) != sentence.ClauseOf(anchor.HeadStart))).ToList();
            var offset = d.RelativeDays!.Value;

            // The sentence's other events are its news: their day (own, or their type's elsewhere in the article) dates the anchor.
            DateOnly? DayOf(Candidate c) => c.Day is { } own && c.Basis != DateBasis.Inferred ? own
                : live.Where(o => o != anchor && o.Type == c.Type && o.Day is not null && o.Basis != DateBasis.Inferred).Select(o => o.Day).FirstOrDefault();
            var anchorDay = others.Select(DayOf).Where(x => x is not null).Select(x => x!.Value.AddDays(-offset)).Cast<DateOnly?>().FirstOrDefault()
                ?? (anchor.Day is { } own && anchor.Basis != DateBasis.Inferred ? own : DayOf(anchor));
            if (anchorDay is not { } day)
            {
                continue;
            }

            if (anchor.Day is null || anchor.Basis == DateBasis.Inferred)
            {
                anchor.Day = day;
                anchor.Basis = DateBasis.Relative;
                anchor.Note(tracing, $"date {day:yyyy-MM-dd}: \"{doc.TextOf(d.Start, d.End)}\" the others of its sentence ({d.Rule})");
            }

            foreach (var o in others.Where(o => o.Day is null))
            {
                o.Day = day.AddDays(offset);
                o.Basis = DateBasis.Relative;
                o.Note(tracing, $"date {o.Day:yyyy-MM-dd}: \"{doc.TextOf(d.Start, d.End)}\" {EventTypeInfo.Of(anchor.Type).WireName} of {day:yyyy-MM-dd} ({d.Rule})");
            }
        }
    }

    /// <summary>"It requires Hezbollah to …", "Under the deal, troops are to …": a status told right after a dated one, about it, shares its day.</summary>
    private void InheritDays(Document doc, List<Candidate> live, bool tracing)
    {
        foreach (var c in live.Where(c => c.Day is null && c.Date is null && !c.IsIncident && c.Sentence.Index > 0))
        {
            var first = doc.Tokens[c.Sentence.First].Norm;
            var second = c.Sentence.First + 1 < c.Sentence.End ? doc.Tokens[c.Sentence.First + 1].Norm : "";
            // "… rejoined for that round": the head points back to the session told before.
            var reach = Math.Min(c.Sentence.ClauseOf(c.HeadStart).End, c.HeadEnd + 4);
            var pointsBack = Enumerable.Range(c.HeadStart, Math.Max(0, reach - c.HeadStart - 1))
                .Any(t => doc.Tokens[t].Norm is "that" or "this" && _talksNouns.Contains(doc.Tokens[t + 1].Norm));
            if (!pointsBack && !_anaphors.Contains(first) && !(first is "the" or "under" && (_deals.Contains(second) || _ceasefires.Contains(second))))
            {
                continue;
            }

            var before = live.LastOrDefault(o => o.Sentence.Index == c.Sentence.Index - 1 && !o.IsIncident && o.Day is not null && o.Basis != DateBasis.Inferred);
            if (before is not null)
            {
                c.Day = before.Day;
                c.Basis = DateBasis.Inferred;
                c.Note(tracing, $"date {c.Day:yyyy-MM-dd}: told about the {EventTypeInfo.Of(before.Type).WireName} of the sentence before");
            }
        }

        // "Shells hit the town on Thursday, in the first breach of the truce": the breach is the incident, on its day.
        foreach (var c in live.Where(c => c.Type == EventType.CeasefireBroken && (c.Day is null || c.Basis == DateBasis.Inferred)))
        {
            // "the blast violated the truce": the blast told before, by the same word, with its day.
            bool Dated(Candidate e) => e.IsIncident && e.Type != EventType.CeasefireBroken && e.Modality == Modality.Asserted && e.Day is not null && e.Basis != DateBasis.Inferred;
            Candidate? Told(Candidate o) => Dated(o) ? o
                : live.LastOrDefault(e => e.HeadStart < o.HeadStart && e.Sentence != o.Sentence && e.IsIncident && EventMerger.SameHead(doc, e, o)) is { } before
                    ? live.FirstOrDefault(e => e.Sentence == before.Sentence && Dated(e))
                    : null;
            if (live.Where(o => o.Sentence == c.Sentence && o.IsIncident && o.Type != EventType.CeasefireBroken && o.Modality == Modality.Asserted)
                    .Select(Told).FirstOrDefault(o => o is not null) is { } incident)
            {
                c.Day = incident.Day;
                c.Basis = incident.Basis;
                c.Note(tracing, $"date {c.Day:yyyy-MM-dd}: the day of the {EventTypeInfo.Of(incident.Type).WireName} that broke it");
            }
        }
    }

    // ------------------------------------------------------------------ actors and type

    private void BindActors(Document doc, Candidate c, List<ActorMention> actors, bool tracing)
    {
        var (clauseStart, clauseEnd) = c.Sentence.ClauseOf(c.HeadStart);
        var agent = Agent(doc, c, actors);
        foreach (var a in actors.Where(a => a.Start >= c.Sentence.First && a.End <= c.Sentence.End))
        {
            if (!c.IsIncident)
            {
                AddDistinct(c.Actors, a.Name);
            }
            else if (a == agent)
            {
                AddDistinct(c.Actors, a.Name);
            }
            else if (a.Start >= clauseStart && a.End <= clauseEnd)
            {
                AddDistinct(c.Targets, a.Name);
            }
        }

        if (c.IsIncident)
        {
            for (var t = clauseStart; t < clauseEnd; t++)
            {
                foreach (var end in _weapon.EndsAt(doc.Tokens, t, clauseEnd))
                {
                    AddDistinct(c.Weapons, doc.TextOf(t, end).ToLowerInvariant());
                    t = end - 1;
                    break;
                }
            }
        }

        if (c.Actors.Count > 0)
        {
            c.Note(tracing, $"actors {string.Join(", ", c.Actors)}");
        }
    }

    /// <summary>
    /// Who did it: "by X" after the trigger; a modifier right before a noun ("a US strike", "Israel's strikes"); or the subject
    /// of an active verb (the nearest actor before it in its clause, not after a preposition). The subject of a passive
    /// ("X were killed in …", "the base was attacked") is what was hit, not who struck.
    /// </summary>
    private ActorMention? Agent(Document doc, Candidate c, List<ActorMention> actors)
    {
        var tokens = doc.Tokens;
        var (clauseStart, _) = c.Sentence.ClauseOf(c.HeadStart);
        // "attacked by rebels", "claimed by a group calling itself …".
        bool AfterBy(ActorMention a) => a.Start > 0 && (tokens[a.Start - 1].Norm == "by" || (a.Start > 1 && _determiners.Contains(tokens[a.Start - 1].Norm) && tokens[a.Start - 2].Norm == "by"));
        var by = actors.FirstOrDefault(a => a.Start >= c.HeadEnd && a.Start - c.HeadEnd <= 5 && AfterBy(a));
        if (by is not null)
        {
            return by;
        }

        // "…, claimed by a group calling itself X": who claimed it in its sentence is who did it (as far as anyone says).
        var claimed = actors.FirstOrDefault(a => a.Start >= c.HeadEnd && a.End <= c.Sentence.End && AfterBy(a) && a.Start >= 3
                                                 && Enumerable.Range(Math.Max(c.HeadEnd, a.Start - 3), Math.Min(3, a.Start - c.HeadEnd)).Any(t => tokens[t].Norm == "claimed"));
        if (claimed is not null)
        {
            return claimed;
        }

        // "Four US troops injured in a drone attack": who was killed or hurt is not who struck.
        if (tokens[c.HeadStart].Norm is "killed" or "injured" or "wounded" or "hurt" or "died" or "dead")
        {
            return null;
        }

        var before = actors.LastOrDefault(a => a.End <= c.HeadStart && a.Start >= clauseStart);
        if (before is null || (before.Start > 0 && _targetPrep.Contains(tokens[before.Start - 1].Norm)))
        {
            return null;
        }

        if (c.IsNoun)
        {
            // "a US drone strike", "Israel's strikes": the actor modifies the noun ("US troops injured in a drone attack" does not).
            return c.HeadStart - before.End <= 3 && !Enumerable.Range(before.End, c.HeadStart - before.End).Any(t => _prepositions.Contains(tokens[t].Norm) && tokens[t].Norm != "to") ? before : null;
        }

        // A passive between the actor and the trigger: the actor was hit.
        for (var t = before.End; t < c.HeadEnd; t++)
        {
            if (tokens[t].Norm is "was" or "were" or "been" or "be" or "being" || _targetPrep.Contains(tokens[t].Norm) || tokens[t].Norm is "," or "which" or "who")
            {
                return null;
            }
        }

        return before;
    }

    /// <summary>"a drone strike" is from the air whoever flew it; "a drone attack" by no named state may be a militia's.</summary>
    private static bool NamesAStrike(Document doc, Candidate c)
        => Enumerable.Range(c.HeadStart, c.HeadEnd - c.HeadStart).Any(t => doc.Tokens[t].Norm is "strike" or "strikes" or "struck");

    /// <summary>Attack or air strike: a state's jets, drones or missiles strike from the air; an armed group, guns or shelling attack.</summary>
    private void Refine(Document doc, Candidate c, List<ActorMention> actors, bool tracing)
    {
        if (rules.Triggers.Find(c.Rule)?.Data.Refine != true)
        {
            return;
        }

        var (clauseStart, clauseEnd) = c.Sentence.ClauseOf(c.HeadStart);
        var air = Count(doc, _airMeans, clauseStart, clauseEnd);
        var ground = Count(doc, _groundMeans, clauseStart, clauseEnd);
        var agent = Agent(doc, c, actors);
        var byArmedGroup = agent?.Kind == "armed_group";
        // "Army drones struck": a state's force named by its common noun, flying the means.
        var byState = agent?.Kind is "state" or "force"
                      || (!c.IsNoun && c.HeadStart - 2 >= clauseStart && _airMeans.Contains(doc.Tokens[c.HeadStart - 1].Norm) && _stateForceWords.Contains(doc.Tokens[c.HeadStart - 2].Norm));
        var next = c.Type;
        if (c.Type == EventType.Airstrike && (byArmedGroup || (ground > 0 && air == 0)))
        {
            next = EventType.Attack;
        }
        else if (c.Type == EventType.Attack && !byArmedGroup && (byState || (AirMeansBefore(doc, c) && NamesAStrike(doc, c)) || (agent is null && ground == 0 && StoryStrikesFromTheAir(c))) && air > 0)
        {
            next = EventType.Airstrike;
        }

        if (next != c.Type)
        {
            c.Note(tracing, $"type {EventTypeInfo.Of(next).WireName}: agent {agent?.Name ?? "unknown"} ({agent?.Kind ?? "-"}), air means {air}, ground means {ground}");
            c.Type = next;
        }
    }

    /// <summary>The story's headline or lede reports an air strike: its missiles and drones with no other agent are that strike's.</summary>
    private bool StoryStrikesFromTheAir(Candidate c)
        => _live.Any(o => o.Type == EventType.Airstrike && !o.IsReference && o.Sentence.Story == c.Sentence.Story && o.Sentence.Zone is Zone.Lede or Zone.Headline && o.Modality == Modality.Asserted);

    /// <summary>"its jets' attack", "a warplane raid": aircraft named right before an attack noun struck from the air.</summary>
    private bool AirMeansBefore(Document doc, Candidate c)
    {
        if (!c.IsNoun)
        {
            return false;
        }

        for (var t = Math.Max(c.Sentence.First, c.HeadStart - 3); t < c.HeadStart; t++)
        {
            if (_aircraft.Contains(doc.Tokens[t].Norm))
            {
                return true;
            }
        }

        return false;
    }

    private static int Count(Document doc, WordClass wordClass, int start, int end)
    {
        var n = 0;
        for (var t = start; t < end; t++)
        {
            var e = wordClass.EndsAt(doc.Tokens, t, end).FirstOrDefault(-1);
            if (e > t)
            {
                n++;
                t = e - 1;
            }
        }

        return n;
    }

    // ------------------------------------------------------------------ place

    private void BindPlace(Document doc, Candidate c, List<PlaceMention> places, List<Candidate> live, PlaceMention? mainPlace, bool attachedOnly, bool tracing)
    {
        var sentence = c.Sentence;
        var (clauseStart, clauseEnd) = sentence.ClauseOf(c.HeadStart);
        var scene = places.Where(p => p.Start >= sentence.First && p.End <= sentence.End && !p.NotScene && !InSpeaker(c, p)).ToList();
        if (c.IsIncident && scene.Count > 1)
        {
            scene.RemoveAll(p => p.IsDateline);
        }

        // Negotiations and their outcomes happen in a city, not on a sea: "the Black Sea grain deal", "talks on the Gulf" name
        // the subject. A body of water is the venue only when nothing else is named.
        List<PlaceMention> waters = c.IsIncident ? [] : scene.Where(p => p.Place.IsWater).ToList();
        scene.RemoveAll(waters.Contains);

        // Another trigger between the place and this one owns it ("struck Beirut after talks in Doha").
        bool Owned(PlaceMention p) => live.Any(o => o != c && o.Sentence == sentence && o.IsIncident == c.IsIncident
                                                   && Between(o.HeadStart, c.HeadEnd, p.Start, c.HeadStart, p.End));
        // Named only nearby, a place is not taken from another kind of event that lies between ("suspended the treaty after
        // the attack in X").
        bool Taken(PlaceMention p) => live.Any(o => o != c && o.Sentence == sentence && Between(o.HeadStart, c.HeadEnd, p.Start, c.HeadStart, p.End));

        // 1. Attached: a locative preposition after the trigger in its clause, or a modifier right before it.
        var attached = scene.Where(p => !p.Weak || c.IsIncident).Where(p =>
                (p.Start >= c.HeadEnd && p.Start < clauseEnd && (AfterLocative(doc, p.Start, c.HeadEnd) || DirectObject(doc, c, p)) && !Owned(p) && !SettledBetween(doc, c.HeadEnd, p.Start))
                || (c.IsNoun && p.End <= c.HeadStart && c.HeadStart - p.End <= 2 && p.Start >= clauseStart && !(p.Place.Place.Kind == "country" && doc.Tokens[p.End].Norm == "'s"))
                || (p.Start >= c.HeadStart && p.End <= c.HeadEnd))
            .ToList();
        string why;
        var chosen = MostSpecific(attached);
        why = "attached to the trigger";

        // Named nearby, not attached: taken unless the story's main place lies inside it (a country that only holds the scene), or
        // it is a country named without a preposition (a country is a party far more often than a scene).
        bool Coarser(PlaceMention p) => (mainPlace is not null && p.Place.Specificity < mainPlace.Place.Specificity && p.Place.Contains(mainPlace.Place))
                                        || (p.Place.Place.Kind == "country" && !AfterLocative(doc, p.Start, sentence.First));
        // A town in another country than the story's, named without a preposition, is a name that collides with a place
        // ("reported that Nasrallah had been the target" in a story from Beirut).
        bool Foreign(PlaceMention p) => mainPlace is { Place.Place.Country: { Length: > 0 } home } && p.Place.Specificity >= 4
                                        && p.Place.Place.Country is { Length: > 0 } country && !string.Equals(country, home, StringComparison.OrdinalIgnoreCase)
                                        && !AfterLocative(doc, p.Start, sentence.First);
        if (chosen is null && !attachedOnly)
        {
            chosen = MostSpecific(scene.Where(p => (!p.Weak || (!c.IsIncident && InTown(doc, p))) && p.Start >= clauseStart && p.End <= clauseEnd && !Taken(p) && !Coarser(p) && !Foreign(p) && !(c.IsIncident && AfterSettledParticiple(doc, p))));
            why = "named in its clause";
        }

        if (chosen is null && !attachedOnly)
        {
            // "… and that it "condemns the aggression of the Kingdom of X"": a place only named in quoted words is rhetoric.
            chosen = MostSpecific(scene.Where(p => (!p.Weak || (!c.IsIncident && InTown(doc, p))) && !Taken(p) && !InQuote(doc, sentence, p.Start) && !Coarser(p) && !Foreign(p) && !(c.IsIncident && AfterSettledParticiple(doc, p))));
            why = "named in its sentence";
        }

        if (chosen is null && attachedOnly)
        {
            return;
        }

        if (chosen is null && !c.IsIncident)
        {
            chosen = places.FirstOrDefault(p => p.IsDateline);
            why = "the dateline";
        }

        if (chosen is null && waters.Count > 0)
        {
            chosen = MostSpecific(waters);
            why = "named in its sentence";
        }

        if (chosen is not null)
        {
            c.Place = chosen;
            c.PlaceIsOwn = sentence.Zone != Zone.Headline && why is "attached to the trigger" or "named in its clause" or "named in its sentence";
            c.PlaceIsLoose = why == "named in its sentence";
            c.PlaceIsAttached = why == "attached to the trigger";
            c.Note(tracing, $"place {chosen.Place.Name}: {why} ({chosen.Rule}{(chosen.Place.Containers.Count > 0 ? ", in " + string.Join(" < ", chosen.Place.Containers) : "")})");
        }

        foreach (var p in places.Where(p => p.Start >= sentence.First && p.End <= sentence.End && p.NotScene))
        {
            c.Note(tracing, $"not the place: {p.Place.Name} ({p.NotSceneRule ?? "not a scene"})");
        }
    }

    /// <summary>"a drone struck the same base", "shells fell on the town": the place is one told before.</summary>
    private bool PointsBack(Document doc, Candidate c)
    {
        var (_, clauseEnd) = c.Sentence.ClauseOf(c.HeadStart);
        for (var t = c.HeadEnd; t < Math.Min(clauseEnd, c.HeadEnd + 4); t++)
        {
            if (doc.Tokens[t].Norm is "the" or "that" && t + 1 < clauseEnd)
            {
                var next = doc.Tokens[t + 1].Norm == "same" ? t + 2 : t + 1;
                return _settlements.EndsAt(doc.Tokens, next, clauseEnd).Any();
            }
        }

        return false;
    }

    /// <summary>"struck the Al-Tanf garrison", "shelled Poonch": the place right after a verb is what was hit.</summary>
    private static bool DirectObject(Document doc, Candidate c, PlaceMention p)
    {
        if (c.IsNoun || !c.IsIncident)
        {
            return false;
        }

        var gap = p.Start - c.HeadEnd;
        return gap == 0 || (gap <= 2 && Enumerable.Range(c.HeadEnd, gap).All(t => doc.Tokens[t].Norm is "the" or "a" or "an" or "two" or "several" or "its"));
    }

    private static bool Between(int head, int from, int placeStart, int to, int placeEnd)
        => (head >= from && head < placeStart) || (head >= placeEnd && head < to);

    /// <summary>"due to open in Velmora": a name right after "in" (no article) is a town a negotiation can sit in; "at the Old Mill" is not.</summary>
    private static bool InTown(Document doc, PlaceMention p) => p.Start > 0 && doc.Tokens[p.Start - 1].Norm == "in";

    /// <summary>Whether a token sits inside quotation marks opened in its sentence.</summary>
    private static bool InQuote(Document doc, Sentence sentence, int token)
        => Enumerable.Range(sentence.First, token - sentence.First).Count(t => doc.Tokens[t].Is(Text.TokenFlags.Quote)) % 2 == 1;

    private static bool InSpeaker(Candidate c, PlaceMention p)
        => c.Frame is { } f && p.Start >= f.SpeakerStart && p.End <= f.SpeakerEnd;

    /// <summary>
    /// "violated the ceasefire agreed in Algiers on 2 May": a participle of an arrangement between two tokens owns what follows
    /// it, the place and the day where the truce was agreed, not where and when it was broken.
    /// </summary>
    private bool SettledBetween(Document doc, int from, int to)
        => Enumerable.Range(from, Math.Max(0, to - from)).Any(t => _settledParticiple.Contains(doc.Tokens[t].Norm));

    /// <summary>"agreed in Algiers", "signed in Doha": the place of an arrangement, not of a scene.</summary>
    private bool AfterSettledParticiple(Document doc, PlaceMention p)
        => p.Start >= 2 && _locative.Contains(doc.Tokens[p.Start - 1].Norm) && SettledBetween(doc, p.Start - 2, p.Start - 1);

    private bool AfterLocative(Document doc, int placeStart, int from)
    {
        for (var k = placeStart - 1; k >= from && k >= placeStart - 4; k--)
        {
            var norm = doc.Tokens[k].Norm;
            if (_locative.Contains(norm))
            {
                return true;
            }

            if (doc.Tokens[k].IsPunct && norm != "'s")
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The most specific of places that nest ("Pahalgam in Jammu and Kashmir"); for a list of places side by side ("Poonch,
    /// Rajouri and Baramulla") the place that holds them all, when one was named.
    /// </summary>
    private static PlaceMention? MostSpecific(IEnumerable<PlaceMention> places)
    {
        var list = places.ToList();
        PlaceMention? best = null;
        foreach (var p in list)
        {
            if (best is null || p.Place.Specificity > best.Place.Specificity)
            {
                best = p;
            }
        }

        if (best is null)
        {
            return null;
        }

        var siblings = list.Where(p => p.Place.Name != best.Place.Name && !p.Place.Compatible(best.Place) && p.Place.Specificity >= 4).ToList();
        if (siblings.Count == 0)
        {
            return best;
        }

        // Several unrelated places: the one named that holds them all, else the first.
        return list.Where(p => p.Place.Specificity < best.Place.Specificity && p.Place.Contains(best.Place) && siblings.All(s => p.Place.Contains(s.Place)))
                   .MaxBy(p => p.Place.Specificity)
               ?? list[0];
    }

    /// <summary>
    /// The place the story is about: the place its incidents were placed at (headline and lede count more), else the place
    /// named most often after a locative preposition; the most specific first.
    /// </summary>
    private PlaceMention? MainPlace(Document doc, List<Candidate> live, int story, List<PlaceMention> places)
    {
        var scores = new Dictionary<string, (PlaceMention Place, int Score)>(StringComparer.OrdinalIgnoreCase);
        void Count(PlaceMention p, Zone zone, int factor)
        {
            var weight = zone switch { Zone.Headline => 3, Zone.Lede => 2, _ => 1 } * factor;
            scores[p.Place.Name] = scores.TryGetValue(p.Place.Name, out var s) ? (s.Place, s.Score + weight) : (p, weight);
        }

        foreach (var c in live.Where(c => c.IsIncident && c.PlaceIsOwn && c.Place is { NotScene: false } && c.Sentence.Story == story))
        {
            Count(c.Place!, c.Sentence.Zone, 2);
        }

        if (scores.Count == 0)
        {
            foreach (var p in places.Where(p => !p.NotScene && !p.IsDateline && p.Start > 0 && AfterLocative(doc, p.Start, Math.Max(0, p.Start - 4)) && !AfterSettledParticiple(doc, p)))
            {
                if (doc.Sentences.FirstOrDefault(s => p.Start >= s.First && p.Start < s.End) is { Story: var s } sentence && s == story && sentence.CarriesNews)
                {
                    Count(p, sentence.Zone, p.Weak ? 1 : 2);
                }
            }
        }

        // Nothing else named as a scene: the dateline, the last fallback ("MENAKA — A blast killed four people at a checkpoint").
        return scores.Count == 0 ? places.FirstOrDefault(p => p.IsDateline && !p.NotScene)
            : scores.Values.OrderByDescending(s => s.Score).ThenByDescending(s => s.Place.Place.Specificity).First().Place;
    }

    // ------------------------------------------------------------------ dates

    private void BindDate(Document doc, Candidate c, List<DateMention> dates, List<FrameMention> frames, List<Candidate> live, bool tracing)
    {
        var sentence = c.Sentence;
        var (clauseStart, clauseEnd) = sentence.ClauseOf(c.HeadStart);
        // "the round, due on 17 February, is postponed": a scheduled day is not the day of the postponement.
        var inSentence = dates.Where(d => d.Start >= sentence.First && d.End <= sentence.End && d.RelativeDays is null && (!d.IsScheduled || c.Modality is Modality.Future or Modality.Hedged || c.Type == EventType.TalksHeld)).ToList();
        var others = live.Where(o => o != c && o.Sentence == sentence).ToList();

        // A date belongs to the trigger nearest to it in its clause.
        bool Mine(DateMention d)
        {
            var mine = Distance(c, d);
            return !others.Any(o => sentence.ClauseOf(o.HeadStart) == sentence.ClauseOf(d.Start) && Distance(o, d) < mine);
        }

        // "the mission formed in 2014": a year or month right after another verb's participle dates that verb.
        bool OtherParticiple(DateMention d)
        {
            var t = d.Start - 1;
            while (t > sentence.First && _prepositions.Contains(doc.Tokens[t].Norm))
            {
                t--;
            }

            return (d.Day is null && t >= sentence.First && (t < c.HeadStart || t >= c.HeadEnd) && doc.Tokens[t] is { IsCapitalized: false } tok && tok.Norm.Length > 3 && tok.Norm.EndsWith("ed", StringComparison.Ordinal))
                   || (c.Type is not (EventType.Agreement or EventType.Ceasefire) && SettledBetween(doc, c.HeadEnd, d.Start));
        }

        // "denied any role in Sunday's attack": a day that names the thing denied does not date the denial.
        if (c.Type == EventType.StatementDenial)
        {
            inSentence.RemoveAll(d => d.End < doc.Tokens.Count && doc.Tokens[d.End].Norm == "'s");
        }

        var inClause = inSentence.Where(d => !d.IsSaid && !OtherParticiple(d) && d.Start >= clauseStart && d.End <= clauseEnd && Mine(d)).OrderBy(d => Distance(c, d)).FirstOrDefault();
        var chosen = inClause;
        var why = "in its clause";
        // "since 11 January, when a drone hit a carrier": a 'when' clause tells what happened on the day just before it.
        // The 'when' may open the clause of a verb of saying that governs this one ("…, when Qatar said it was pausing its mediation").
        var whenStart = doc.Tokens[clauseStart].Norm == "when" ? clauseStart
            : c.Frame is { } governing && governing.SpeakerStart > sentence.First && doc.Tokens[sentence.ClauseOf(governing.Start).Start].Norm == "when"
                ? sentence.ClauseOf(governing.Start).Start : -1;
        if (chosen is null && whenStart >= 0
            && inSentence.LastOrDefault(d => d.End <= whenStart && whenStart - d.End <= 1) is { } described)
        {
            chosen = described;
            why = "the day its 'when' clause describes";
        }

        // A date beside the verb of saying is the day it was said ("X said on Monday that …"): a past day.
        var said = false;
        DateMention? sayDate = null;
        if (chosen is null && ((c.Frame is { } f && inSentence.FirstOrDefault(d => !f.Covers(d.Start) && d.Start >= f.SpeakerStart && d.Start <= f.End + 4) is { } frameDate && (sayDate = frameDate) is not null)
                               || (sayDate = inSentence.FirstOrDefault(d => d.IsSaid)) is not null))
        {
            chosen = sayDate;
            why = "the day it was said";
            said = true;
        }

        // A happening a "since" clause goes back to ("for the first time since rebels overran the city") is not dated by the
        // main clause's day (what an "after" clause tells may well be of that day).
        var sinceClause = c.IsReference && doc.Tokens[clauseStart].Norm == "since";
        if (chosen is null && !c.IsRecall && !sinceClause)
        {
            // Not a day of a time clause ("since the truce was renewed on 25 February"): it dates another happening.
            chosen = inSentence.Where(d => !d.IsSaid && !OtherParticiple(d) && Mine(d) && !others.Any(o => sentence.ClauseOf(o.HeadStart) == sentence.ClauseOf(d.Start))
                                           && !_timeOpeners.Contains(doc.Tokens[sentence.ClauseOf(d.Start).Start].Norm))
                .OrderBy(d => Distance(c, d)).FirstOrDefault();
            why = "in its sentence";
        }

        // "… less than a month after signing the agreement": a status referred to happened before the day it was said.
        if (chosen is null || (said && c.IsReference && !c.IsIncident))
        {
            return;
        }

        c.Date = chosen;
        var future = !said && (c.Modality is Modality.Future or Modality.Conditional || c.IsProspective) && chosen.FutureDay is not null;
        c.Day = future ? chosen.FutureDay : chosen.Day;
        // The day a status was said is the day it was announced (its day); an incident's day only defaults to it.
        c.Basis = why == "the day it was said" && c.IsIncident ? DateBasis.Inferred : chosen.Basis;
        c.Note(tracing, $"date {c.Day?.ToString("yyyy-MM-dd") ?? $"{chosen.From:yyyy-MM-dd}..{chosen.To:yyyy-MM-dd}"}: \"{doc.TextOf(chosen.Start, chosen.End)}\" {why} ({chosen.Rule})");
    }

    /// <summary>Dates usually follow their verb ("attacked … on Monday"); one before it counts as farther, unless it opens the sentence.</summary>
    private static int Distance(Candidate c, DateMention d)
        => d.Start >= c.HeadEnd ? d.Start - c.HeadEnd : (c.HeadStart - d.End) * (d.Start <= c.Sentence.First + 1 ? 1 : 3);

    // ------------------------------------------------------------------ figures

    private void BindFigures(Document doc, List<Candidate> live, List<FigureMention> figures, bool tracing)
    {
        foreach (var f in figures.Where(f => !f.Aggregate))
        {
            var sentence = doc.Sentences[f.Sentence];
            var incidents = live.Where(c => c.Sentence == sentence && c.IsIncident && c.Type != EventType.CeasefireBroken).ToList();
            Candidate? owner;
            if (incidents.Count > 0)
            {
                owner = incidents.Where(c => c.HeadStart < f.Start).OrderByDescending(c => c.HeadStart).FirstOrDefault()
                        ?? incidents.OrderBy(c => c.HeadStart - f.End).First();
            }
            else
            {
                owner = live.Where(c => c.IsIncident && c.Type != EventType.CeasefireBroken && c.Sentence.Story == sentence.Story
                                        && c.Sentence.Index < sentence.Index && sentence.Index - c.Sentence.Index <= 3
                                        && c.Modality == Modality.Asserted)
                    .OrderByDescending(c => c.Sentence.Index).ThenBy(c => c.HeadStart).FirstOrDefault();
            }

            if (owner is null)
            {
                continue;
            }

            // "All 13 deaths were in Poonch district": the toll's sentence names a place inside the incident's.
            if (incidents.Count == 0 && owner.Place is { } held && _places.FirstOrDefault(p => p.Start >= sentence.First && p.End <= sentence.End && !p.NotScene
                    && p.Place.Specificity > held.Place.Specificity && held.Place.Contains(p.Place) && AfterLocative(doc, p.Start, sentence.First)) is { } finer)
            {
                owner.Place = finer;
                owner.PlaceIsOwn = true;
                owner.Note(tracing, $"place {finer.Place.Name}: named with its toll, inside {held.Place.Name}");
            }

            if (f.Killed is { } k && k > (owner.Killed ?? -1))
            {
                owner.Killed = k;
            }

            if (f.Injured is { } i && i > (owner.Injured ?? -1))
            {
                owner.Injured = i;
            }

            owner.Note(tracing, $"figures killed {f.Killed?.ToString() ?? "-"}, injured {f.Injured?.ToString() ?? "-"}: \"{doc.TextOf(f.Start, f.End)}\" ({f.Rule})");
        }
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(value);
        }
    }
}
