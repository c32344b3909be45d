using Alerts.Core;
using Alerts.Extraction.Rules;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stages: triggers and vetoes. Trigger rules find where a sentence reports an event (the longest match wins where two
/// heads overlap); veto rules then strike triggers that are something else ("heart attack", "rail strikes", "storm
/// struck"), in the head, its clause, its sentence or the whole story; and a story whose words are those of sport,
/// weather, labour or business more than of armed conflict reports no events at all.
/// </summary>
internal sealed class TriggerFinder(RuleBook rules)
{
    private static readonly string[] OffTopics = ["sport_word", "weather_word", "labour_word", "business_word"];

    public List<Candidate> Find(Document doc, bool tracing)
    {
        var candidates = new List<Candidate>();
        foreach (var sentence in doc.Sentences)
        {
            if (!sentence.CarriesNews)
            {
                continue;
            }

            // Where heads overlap, the longest match (then the longest head) reports the event; the others are noted.
            var kept = new List<(RuleMatch<TriggerRuleData> Match, List<string> Others)>();
            foreach (var m in rules.Triggers.Matches(doc.Tokens, sentence.First, sentence.End, doc)
                         .OrderByDescending(m => m.Match.End - m.Match.Start)
                         .ThenByDescending(m => m.Match.HeadEnd - m.Match.HeadStart)
                         .ThenBy(m => m.Match.Start))
            {
                var overlapping = kept.FirstOrDefault(k => k.Match.Match.HeadStart < m.Match.HeadEnd && m.Match.HeadStart < k.Match.Match.HeadEnd);
                if (overlapping.Others is null)
                {
                    kept.Add((m, []));
                }
                else
                {
                    overlapping.Others.Add(m.Rule.Name);
                }
            }

            foreach (var (m, others) in kept.OrderBy(k => k.Match.Match.HeadStart))
            {
                var data = m.Rule.Data;
                EventTypeInfo.TryParse(data.Type, out var type);
                var candidate = new Candidate(candidates.Count, type, sentence, m.Match.HeadStart, m.Match.HeadEnd, data.Name, data.Form == "noun");
                candidate.AlsoMatched.AddRange(others);
                candidate.Note(tracing, $"trigger {data.Name}: \"{doc.TextOf(m.Match.Start, m.Match.End)}\"{(others.Count > 0 ? $" (also {string.Join(", ", others.Distinct())})" : "")}");
                candidates.Add(candidate);
            }
        }

        ApplyVetoes(doc, candidates, tracing);
        ApplyTopic(doc, candidates, tracing);
        return candidates;
    }

    private void ApplyVetoes(Document doc, List<Candidate> candidates, bool tracing)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        var storyVetoes = new List<(int Story, RuleMatch<VetoRuleData> Veto)>();
        foreach (var sentence in doc.Sentences)
        {
            if (!sentence.CarriesNews)
            {
                continue;
            }

            var inSentence = candidates.Where(c => c.Sentence == sentence).ToList();
            foreach (var veto in rules.Vetoes.Matches(doc.Tokens, sentence.First, sentence.End, doc))
            {
                var data = veto.Rule.Data;
                if (data.Scope == "story")
                {
                    storyVetoes.Add((sentence.Story, veto));
                    continue;
                }

                foreach (var c in inSentence)
                {
                    if (c.VetoedBy is not null || !Applies(data.Types, c.Type))
                    {
                        continue;
                    }

                    var hit = data.Scope switch
                    {
                        "head" => veto.Match.Start < c.HeadEnd && c.HeadStart < veto.Match.End,
                        "clause" => sentence.ClauseOf(c.HeadStart) == sentence.ClauseOf(veto.Match.Start)
                                    || (veto.Match.Start < c.HeadEnd && c.HeadStart < veto.Match.End),
                        _ => true,
                    };
                    if (hit)
                    {
                        c.VetoedBy = data.Name;
                        c.Note(tracing, $"veto {data.Name}: \"{doc.TextOf(veto.Match.Start, veto.Match.End)}\"");
                    }
                }
            }
        }

        foreach (var (story, veto) in storyVetoes)
        {
            foreach (var c in candidates.Where(c => c.Sentence.Story == story && c.VetoedBy is null && Applies(veto.Rule.Data.Types, c.Type)))
            {
                c.VetoedBy = veto.Rule.Name;
                c.Note(tracing, $"veto {veto.Rule.Name} (story): \"{doc.TextOf(veto.Match.Start, veto.Match.End)}\"");
            }
        }
    }

    /// <summary>A story told in the words of sport, weather, labour or business rather than of armed conflict reports no conflict events.</summary>
    private void ApplyTopic(Document doc, List<Candidate> candidates, bool tracing)
    {
        foreach (var story in candidates.Select(c => c.Sentence.Story).Distinct().ToList())
        {
            var scores = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var sentence in doc.Sentences.Where(s => s.Story == story && s.CarriesNews))
            {
                var weight = sentence.Zone switch { Zone.Headline => 3, Zone.Lede => 2, _ => 1 };
                foreach (var topic in OffTopics.Append("conflict_word"))
                {
                    var wordClass = rules.Lexicon.Class(topic);
                    for (var t = sentence.First; t < sentence.End; t++)
                    {
                        var end = wordClass.EndsAt(doc.Tokens, t, sentence.End).FirstOrDefault(-1);
                        if (end > t)
                        {
                            scores[topic] = scores.GetValueOrDefault(topic) + weight;
                            t = end - 1;
                        }
                    }
                }
            }

            var conflict = scores.GetValueOrDefault("conflict_word");
            var (offTopic, offScore) = OffTopics.Select(t => (t, scores.GetValueOrDefault(t))).MaxBy(p => p.Item2);
            if (offScore >= 4 && offScore > conflict * 2)
            {
                foreach (var c in candidates.Where(c => c.Sentence.Story == story && c.VetoedBy is null))
                {
                    c.VetoedBy = "topic." + offTopic.Replace("_word", "", StringComparison.Ordinal);
                    c.Note(tracing, $"veto {c.VetoedBy}: the story reads as {offTopic.Replace("_word", "", StringComparison.Ordinal)} ({offScore}) more than conflict ({conflict})");
                }
            }
        }
    }

    private static bool Applies(IReadOnlyList<string> types, EventType type)
        => types.Count == 0 || types.Contains(EventTypeInfo.Of(type).WireName, StringComparer.Ordinal);
}
