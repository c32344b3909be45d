using Alerts.Extraction.Rules;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stage: reporting frames. Who says, claims, denies or accuses what: "X said (that) …" governs what follows the verb,
/// "…, X said." what precedes it, "according to X" the whole sentence. A claim, accusation or rumour hedges what it
/// governs; a denial denies it (unless it only disowns responsibility) and is itself an event; an outlet's note that it
/// could not verify a report hedges the story's incidents.
/// </summary>
internal sealed class FrameFinder(RuleBook rules)
{
    public List<FrameMention> Find(Document doc)
    {
        var found = new List<FrameMention>();
        foreach (var sentence in doc.Sentences)
        {
            if (!sentence.CarriesNews)
            {
                continue;
            }

            var kept = new List<RuleMatch<FrameRuleData>>();
            foreach (var m in rules.Frames.Matches(doc.Tokens, sentence.First, sentence.End, doc).OrderByDescending(m => m.Match.End - m.Match.Start))
            {
                if (!kept.Any(k => k.Match.HeadStart < m.Match.HeadEnd && m.Match.HeadStart < k.Match.HeadEnd))
                {
                    kept.Add(m);
                }
            }

            foreach (var m in kept.OrderBy(k => k.Match.Start))
            {
                var data = m.Rule.Data;
                var match = m.Match;
                var (clauseStart, _) = sentence.ClauseOf(match.HeadStart);
                int scopeStart, scopeEnd, speakerStart, speakerEnd;
                if (data.Complement == "before")
                {
                    scopeStart = sentence.First;
                    scopeEnd = match.Start;
                    (speakerStart, speakerEnd) = match.Find("speaker") is { } s ? (s.Start, s.End) : (match.Start, match.HeadStart);
                }
                else
                {
                    scopeStart = match.End;
                    scopeEnd = sentence.End;
                    (speakerStart, speakerEnd) = match.Find("speaker") is { } s ? (s.Start, s.End) : (clauseStart, match.HeadStart);
                }

                if (data.Kind is "say" && match.Find("scope") is { } whole)
                {
                    (scopeStart, scopeEnd) = (whole.Start, whole.End);
                }

                found.Add(new FrameMention(sentence.Index, data.Kind, data.Name, match.HeadStart, match.HeadEnd, scopeStart, scopeEnd, speakerStart, speakerEnd));
                if (data.Complement == "after")
                {
                    sentence.AddClauseStart(scopeStart);
                }
            }
        }

        return found;
    }
}
