using Alerts.Extraction.Rules;

namespace Alerts.Extraction.Stages;

/// <summary>
/// Stage: casualty figures. Figure rules capture how many were killed or injured ("killing 26 people", "13 killed and 57
/// injured", "the death toll rose to 14"); a name captured twice is summed ("13 soldiers and 60 civilians were killed").
/// A toll over a period ("since the truce began", "over the past week") is an aggregate, never one incident's toll.
/// </summary>
internal sealed class FigureFinder(RuleBook rules)
{
    private readonly WordClass _noVictim = rules.Lexicon.Class("no_victim");
    private readonly WordClass _casualtyWords = rules.Lexicon.Class("casualty_word");
    private readonly WordClass _vague = rules.Lexicon.Class("vague_number");

    public List<FigureMention> Find(Document doc)
    {
        var found = new List<FigureMention>();
        foreach (var sentence in doc.Sentences.Where(s => s.CarriesNews))
        {
            var matches = rules.Figures.Matches(doc.Tokens, sentence.First, sentence.End, doc)
                .OrderByDescending(m => m.Match.End - m.Match.Start).ToList();
            var aggregates = matches.Where(m => m.Rule.Data.Aggregate).Select(m => m.Match).ToList();
            var taken = new List<(int Start, int End)>();
            foreach (var m in matches.Where(m => !m.Rule.Data.Aggregate))
            {
                // "the 2020 strike that killed …": a year is not a toll.
                var numbers = m.Match.Captures.Where(c => c.Name is "killed" or "injured").ToList();
                if (numbers.Any(n => doc.Tokens[n.Start].Length == 4 && doc.NumberValue(n.Start) is >= 1900 and <= 2100 && !doc.Tokens[n.Start].Norm.Contains(',')))
                {
                    continue;
                }

                // "an attack on 2 May that wounded …", "on May 2 wounded …": a day of a month is not a toll.
                bool Month(int t) => t >= 0 && t < doc.Tokens.Count && rules.Lexicon.Months.ContainsKey(doc.Tokens[t].Norm) && doc.Tokens[t].IsCapitalized;
                if (numbers.Any(n => Month(n.End) || Month(n.Start - 1)))
                {
                    continue;
                }

                // "Two rockets hit the base but nobody was hurt": the number counts something else.
                if (Enumerable.Range(m.Match.Start, m.Match.End - m.Match.Start).Any(t => _noVictim.Contains(doc.Tokens[t].Norm) || (doc.Tokens[t].Norm == "no" && t + 1 < m.Match.End && doc.Tokens[t + 1].Norm == "one")))
                {
                    continue;
                }

                // "two were killed and several were hurt": a number counts for the casualty word nearest it, not one further on.
                var last = numbers.Count == 0 ? m.Match.End : numbers.Max(n => n.End);
                if (Enumerable.Range(last, Math.Max(0, m.Match.End - 1 - last)).Any(t => _casualtyWords.Contains(doc.Tokens[t].Norm)))
                {
                    continue;
                }

                // "two of the dead", "one of a handful of wounded": a part of a toll is not the toll ("one of them died" is a count).
                if (numbers.Any(n => n.End < doc.Tokens.Count && doc.Tokens[n.End].Norm == "of" && !_vague.Contains(doc.Tokens[n.Start].Norm))
                    && m.Match.End - 2 > m.Match.Start && doc.Tokens[m.Match.End - 2].Norm is "the" or "of")
                {
                    continue;
                }

                if (numbers.Count == 0 || numbers.Any(n => taken.Any(t => t.Start < n.End && n.Start < t.End)))
                {
                    continue;
                }

                int? Sum(string name)
                {
                    var parts = numbers.Where(n => n.Name == name).ToList();
                    return parts.Count == 0 ? null : (int)Math.Min(int.MaxValue, parts.Sum(n => doc.NumberValue(n.Start)));
                }

                var aggregate = aggregates.Any(a => numbers.Any(n => a.Start <= n.Start && n.End <= a.End));
                found.Add(new FigureMention(sentence.Index, m.Match.Start, m.Match.End, m.Rule.Name, Sum("killed"), Sum("injured"), aggregate));
                taken.AddRange(numbers.Select(n => (n.Start, n.End)));
            }
        }

        return found;
    }
}
