using Alerts.Extraction.Rules;
using Alerts.Extraction.Text;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stage: actors. Names from the actor catalog (states, forces, armed groups, organisations), a nationality before a force
/// ("Israeli jets", "Indian army": that state's forces), and attackers named by what they are ("gunmen", "M23 rebels").
/// </summary>
internal sealed class ActorFinder(ActorCatalog catalog, IPlaceSource places, RuleBook rules)
{
    private readonly WordClass _stateForce = rules.Lexicon.Class("state_force");
    private readonly WordClass _attacker = rules.Lexicon.Class("attacker");
    private readonly WordClass _groupNouns = rules.Lexicon.Class("group_noun");
    private readonly WordClass _naming = rules.Lexicon.Class("naming_word");

    /// <summary>The name after "called", "calling itself", "known as" (quotes and "the" allowed): its token span, or (0, 0).</summary>
    private (int Start, int End) NamedAfter(Document doc, int i, int end)
    {
        var tokens = doc.Tokens;
        var after = _naming.EndsAt(tokens, i, end).FirstOrDefault(-1);
        if (after < 0)
        {
            return (0, 0);
        }

        var start = after;
        while (start < end && (tokens[start].Is(Text.TokenFlags.Quote) || tokens[start].Norm == "the"))
        {
            start++;
        }

        var stop = start;
        while (stop < end && (tokens[stop].IsCapitalized || (stop > start && tokens[stop].Norm is "of" or "for" or "al" or "-" or "the" or "and")) || (stop < end && stop == start && tokens[stop].IsWord && tokens[start - 1].Is(Text.TokenFlags.Quote)))
        {
            stop++;
        }

        while (stop > start && !tokens[stop - 1].IsCapitalized && !tokens[start - 1].Is(Text.TokenFlags.Quote))
        {
            stop--;
        }

        return (start, stop);
    }

    /// <summary>
    /// Adds the actor named by tokens [start, end); "US forces", "Israeli jets": a state followed by a force noun is that
    /// state's forces. Returns where the mention ends.
    /// </summary>
    private int AddState(List<ActorMention> found, List<Token> tokens, int start, int end, int sentenceEnd, string name, string kind)
    {
        foreach (var forceEnd in _stateForce.EndsAt(tokens, end, sentenceEnd))
        {
            end = forceEnd;
            kind = "force";
            break;
        }

        found.Add(new ActorMention(start, end, name, kind));
        return end;
    }

    public List<ActorMention> Find(Document doc)
    {
        var tokens = doc.Tokens;
        var found = new List<ActorMention>();
        foreach (var sentence in doc.Sentences)
        {
            for (var i = sentence.First; i < sentence.End; i++)
            {
                var t = tokens[i];
                if (!t.IsWord)
                {
                    continue;
                }

                var matched = false;
                if (t.IsCapitalized || t.Norm is "the")
                {
                    for (var n = Math.Min(catalog.MaxWords, PlaceFinder.WordsAt(tokens, i, sentence.End)); n >= 1 && !matched; n--)
                    {
                        if (catalog.TryGet(doc.KeyOf(i, i + n), out var actor) && (tokens[i].IsCapitalized || n > 1))
                        {
                            i = AddState(found, tokens, i, i + n, sentence.End, actor.Name, actor.Kind ?? "state") - 1;
                            matched = true;
                        }
                    }

                    if (matched)
                    {
                        continue;
                    }

                    // A nationality before a force: "Thai jets", "Pakistani army".
                    if (t.IsCapitalized && places.Demonym(t.Norm) is { } country)
                    {
                        foreach (var forceEnd in _stateForce.EndsAt(tokens, i + 1, sentence.End))
                        {
                            found.Add(new ActorMention(i, forceEnd, country.Name, "force"));
                            i = forceEnd - 1;
                            matched = true;
                            break;
                        }
                    }

                    // Any other country is a state: "India and Pakistan agreed", "Cambodia's army".
                    var longest = places.LongestFrom(doc.KeyOf(i, i + 1));
                    for (var n = Math.Min(longest, PlaceFinder.WordsAt(tokens, i, sentence.End)); n >= 1 && !matched; n--)
                    {
                        if (places.Lookup(doc.KeyOf(i, i + n)) is [{ Ambiguous: false, Place.Kind: "country" } state, ..])
                        {
                            i = AddState(found, tokens, i, i + n, sentence.End, state.Place.Name, "state") - 1;
                            matched = true;
                        }
                    }

                    if (matched)
                    {
                        continue;
                    }
                }

                // "a group called the League of Revolutionaries", "a faction calling itself 'revolutionaries'": the name is the actor.
                if (_groupNouns.Contains(t.Norm) && NamedAfter(doc, i + 1, sentence.End) is var (nameStart, nameEnd) && nameEnd > nameStart)
                {
                    found.Add(new ActorMention(i, nameEnd, doc.TextOf(nameStart, nameEnd).Trim('"', '\'', '\u201C', '\u201D'), "armed_group"));
                    i = nameEnd - 1;
                    continue;
                }

                // Attackers named by what they are, with a capitalised name before them when given ("M23 rebels").
                foreach (var end in _attacker.EndsAt(tokens, i, sentence.End))
                {
                    if (_stateForce.EndsAt(tokens, i, sentence.End).Any())
                    {
                        break;
                    }

                    var start = i;
                    while (start - 1 >= sentence.First && tokens[start - 1].IsCapitalized && tokens[start - 1].IsWord && start - 1 > sentence.First)
                    {
                        start--;
                    }

                    var name = start < i ? doc.TextOf(start, end) : doc.TextOf(i, end).ToLowerInvariant();
                    if (found.Count > 0 && found[^1].End > start)
                    {
                        break;
                    }

                    found.Add(new ActorMention(start, end, name, "armed_group"));
                    i = end - 1;
                    break;
                }
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        Array.Fill(doc.ActorEnd, -1);
        foreach (var a in found)
        {
            doc.ActorEnd[a.Start] = Math.Max(doc.ActorEnd[a.Start], a.End);
        }

        return found;
    }
}
