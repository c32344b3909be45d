using Alerts.Core;
using Alerts.Extraction.Rules;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stage: modality. Decides whether each trigger is reported as fact: cue rules (modals, plans, conditions, negation,
/// attempts, recalls and references) apply within their scope — before or after the trigger in its clause, the clause,
/// the sentence or the story — and the reporting frame the trigger sits in applies its kind (a claim, accusation or
/// rumour hedges; a denial denies). Denial outranks negation, which outranks condition, which outranks hedging.
/// </summary>
internal sealed class ModalityResolver(RuleBook rules)
{
    private readonly WordClass _prepositions = rules.Lexicon.Class("preposition");
    private readonly WordClass _determiners = rules.Lexicon.Class("det");

    public void Resolve(Document doc, List<Candidate> candidates, List<FrameMention> frames, bool tracing)
    {
        var storyCues = new List<(int Story, RuleMatch<CueRuleData> Cue)>();
        var bySentence = new Dictionary<int, List<RuleMatch<CueRuleData>>>();
        foreach (var sentence in doc.Sentences.Where(s => s.CarriesNews))
        {
            var cues = rules.Cues.Matches(doc.Tokens, sentence.First, sentence.End, doc);
            bySentence[sentence.Index] = cues;
            storyCues.AddRange(cues.Where(c => c.Rule.Data.Scope == "story").Select(c => (sentence.Story, c)));
        }

        foreach (var c in candidates)
        {
            if (c.VetoedBy is not null)
            {
                continue;
            }

            var sentence = c.Sentence;
            var clause = sentence.ClauseOf(c.HeadStart);
            var cues = bySentence.GetValueOrDefault(sentence.Index) ?? [];
            foreach (var cue in cues.Concat(storyCues.Where(s => s.Story == sentence.Story && s.Cue.Match.Start != -1).Select(s => s.Cue)).Distinct())
            {
                var data = cue.Rule.Data;
                if (data.Types.Count > 0 && !data.Types.Contains(EventTypeInfo.Of(c.Type).WireName, StringComparer.Ordinal))
                {
                    continue;
                }

                var m = cue.Match;
                var sameSentence = m.Start >= sentence.First && m.End <= sentence.End;
                var applies = data.Scope switch
                {
                    "before" => sameSentence && m.End <= c.HeadStart && m.Start >= clause.Start && c.HeadStart - m.End <= data.Window!.Value
                                && (data.Modality == "conditional" || !Separated(doc, m.End, c.HeadStart)),
                    "after" => sameSentence && m.Start >= c.HeadEnd && m.Start < clause.End && m.Start - c.HeadEnd <= data.Window!.Value && !Separated(doc, c.HeadEnd, m.Start),
                    "clause" => sameSentence && m.Start < clause.End && m.End > clause.Start,
                    "sentence" => sameSentence,
                    "story" => true,
                    _ => false,
                };
                if (!applies || (m.Start < c.HeadEnd && c.HeadStart < m.End && data.Scope is "before" or "after"))
                {
                    continue;
                }

                // "could be a response to the strike": a modal's reach over a noun ends at a preposition after a copula ("would
                // answer with attacks" still plans the attacks).
                if (c.IsNoun && data.Scope == "before" && data.Modality is "hedged" or "future" && m.End < c.HeadStart && doc.Tokens[m.End].Norm is "be" or "have" or "been"
                    && Enumerable.Range(m.End, Math.Max(0, c.HeadStart - m.End)).Any(t => IsPreposition(doc, t)))
                {
                    continue;
                }

                Apply(c, data.Modality, $"cue {data.Name}: \"{doc.TextOf(m.Start, m.End)}\"", tracing);
                c.IsProspective |= data.Prospective && !(m.End < doc.Tokens.Count && doc.Tokens[m.End].Norm == "have");
            }

            foreach (var frame in frames.Where(f => f.Sentence == sentence.Index && f.Covers(c.HeadStart)))
            {
                c.Frame ??= frame;
                switch (frame.Kind)
                {
                    case "claim" or "accuse" or "rumour":
                        Apply(c, "hedged", $"frame {frame.Rule}: \"{doc.TextOf(frame.Start, frame.End)}\"", tracing);
                        break;
                    case "deny":
                        Apply(c, "denied", $"frame {frame.Rule}: \"{doc.TextOf(frame.Start, frame.End)}\"", tracing);
                        break;
                    case "disown":
                        // "denied any role in the shelling": the shelling stands, told again as the thing disowned.
                        Apply(c, "reference", $"frame {frame.Rule}: \"{doc.TextOf(frame.Start, frame.End)}\"", tracing);
                        break;
                }
            }

            foreach (var frame in frames.Where(f => f.Kind == "unverified" && doc.Sentences[f.Sentence].Story == sentence.Story) )
            {
                if (c.IsIncident && c.Modality == Modality.Asserted)
                {
                    Apply(c, "hedged", $"frame {frame.Rule} (story): \"{doc.TextOf(frame.Start, frame.End)}\"", tracing);
                }
            }
        }
    }

    /// <summary>A preposition; "to" only before a noun phrase ("a response to the strike"), not before a verb ("to carry out strikes").</summary>
    private bool IsPreposition(Document doc, int t)
    {
        var norm = doc.Tokens[t].Norm;
        if (!_prepositions.Contains(norm))
        {
            return false;
        }

        if (norm != "to" || t + 1 >= doc.Tokens.Count)
        {
            return true;
        }

        var next = doc.Tokens[t + 1];
        return next.IsCapitalized || next.IsNumber || _determiners.Contains(next.Norm);
    }

    /// <summary>A comma, colon or dash between a cue and a trigger ends the cue's reach.</summary>
    private static bool Separated(Document doc, int from, int to)
    {
        for (var t = from; t < to; t++)
        {
            if (doc.Tokens[t].Norm is "," or ";" or ":" or "-" && !doc.Tokens[t].Is(Text.TokenFlags.Hyphenated))
            {
                return true;
            }
        }

        return false;
    }

    private static void Apply(Candidate c, string modality, string note, bool tracing)
    {
        switch (modality)
        {
            case "recall":
                c.IsRecall = true;
                break;
            case "reference":
                c.IsReference = true;
                break;
            default:
                var next = modality switch
                {
                    "denied" => Modality.Denied,
                    "negated" => Modality.Negated,
                    "conditional" => Modality.Conditional,
                    "future" => Modality.Future,
                    _ => Modality.Hedged,
                };
                if (Rank(next) > Rank(c.Modality))
                {
                    c.Modality = next;
                }

                break;
        }

        c.Note(tracing, note);
    }

    /// <summary>How far from a fact a modality is: a stronger one overrides a weaker one, and a merged event keeps the strongest.</summary>
    internal static int Rank(Modality m) => m switch
    {
        Modality.Denied => 5,
        Modality.Negated => 4,
        Modality.Conditional => 3,
        Modality.Hedged => 2,
        Modality.Future => 1,
        _ => 0,
    };
}
