using System.Globalization;
using Alerts.Core;
using Alerts.Extraction.Rules;
using Alerts.Extraction.Stages;

namespace Alerts.Extraction.Tests;

/// <summary>
/// The one generic test of the rule data: every rule of every kind is loaded, and each of its examples and
/// counter-examples is read by the whole extractor and must come out as the rule says.
/// </summary>
public sealed class RuleExampleTests
{
    public static TheoryData<string, string, int, bool> Examples()
    {
        var data = new TheoryData<string, string, int, bool>();
        foreach (var (kind, rule) in RuleBook.Default.AllRules)
        {
            for (var i = 0; i < rule.Examples.Count; i++)
            {
                data.Add(kind, rule.Name, i, false);
            }

            for (var i = 0; i < rule.CounterExamples.Count; i++)
            {
                data.Add(kind, rule.Name, i, true);
            }
        }

        return data;
    }

    [Fact]
    public void Load_BuiltInRules_AreValidAndEachHasAnExample()
    {
        var rules = RuleBook.Default.AllRules.ToList();

        Assert.True(rules.Count > 100, $"only {rules.Count} rules");
        Assert.All(rules, r => Assert.NotEmpty(r.Rule.Examples));
    }

    [Fact]
    public void Load_RuleWithoutExamples_IsRefused()
    {
        var files = new Dictionary<string, string>
        {
            ["lexicon.json"] = "{}",
            ["triggers.json"] = """{"rules":[{"name":"t.bare","type":"attack","pattern":"[ raid ]"}]}""",
        };

        var error = Assert.Throws<InvalidDataException>(() => RuleBook.Load(name => Open(files, name)));

        Assert.Contains("t.bare", error.Message, StringComparison.Ordinal);
        Assert.Contains("no examples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PatternThatDoesNotCompile_IsRefusedWithTheRuleName()
    {
        var files = new Dictionary<string, string>
        {
            ["lexicon.json"] = "{}",
            ["triggers.json"] = """{"rules":[{"name":"t.broken","type":"attack","pattern":"[ raid ( on","examples":["A raid on the camp."]}]}""",
        };

        var error = Assert.Throws<InvalidDataException>(() => RuleBook.Load(name => Open(files, name)));

        Assert.Contains("t.broken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_ReadByTheExtractor_ComesOutAsTheRuleSays(string kind, string name, int index, bool counter)
    {
        var (_, rule) = RuleBook.Default.AllRules.Single(r => r.Kind == kind && r.Rule.Name == name);
        var example = counter ? rule.CounterExamples[index] : rule.Examples[index];
        var trace = TestArticles.Extractor.Explain(TestArticles.Create(example.Text, (example.Published ?? RuleBook.ExampleDate) + "T12:00:00+00:00"));
        var events = trace.Events;
        var asserted = events.Where(e => e.IsAsserted).ToList();
        var report = $"{kind} {name} {(counter ? "counter-example" : "example")} \"{example.Text}\"\n{trace.Render()}";
        switch (rule)
        {
            case TriggerRuleData t:
                var type = Parse(t.Type);
                if (counter)
                {
                    Assert.True(!asserted.Any(e => e.Type == type), report);
                }
                else
                {
                    Assert.True(trace.Candidates.Any(c => c.Rule == name || c.AlsoMatched.Contains(name)), report);
                    Assert.True(events.Any(e => e.Type == Parse(example.Type ?? t.Type)) || events.Any(e => EventTypeInfo.Of(e.Type).IsIncident && EventTypeInfo.Of(type).IsIncident), report);
                }

                break;

            case VetoRuleData v:
                var vetoed = v.Types.Select(Parse).ToList();
                bool Affected(ArticleEvent e) => vetoed.Count == 0 || vetoed.Contains(e.Type);
                if (counter)
                {
                    Assert.True(asserted.Any(Affected), report);
                }
                else
                {
                    Assert.True(trace.Candidates.Any(c => c.VetoedBy == name), report);
                    Assert.True(!asserted.Any(Affected), report);
                }

                break;

            case CueRuleData cue:
                if (counter)
                {
                    Assert.True(asserted.Count > 0, report);
                    break;
                }

                Assert.True(trace.Candidates.Any(c => c.Notes.Any(n => n.StartsWith($"cue {name}:", StringComparison.Ordinal))), report);
                switch (cue.Modality)
                {
                    case "hedged" or "future" or "conditional":
                        Assert.True(events.Any(e => e.IsHedged), report);
                        break;
                    case "negated" or "denied":
                        Assert.True(events.Any(e => e.IsDenied), report);
                        break;
                    case "recall":
                        Assert.True(trace.Candidates.Any(c => c.IsRecall), report);
                        if (example.Date == "null")
                        {
                            Assert.True(events.All(e => e.Date is null), report);
                        }

                        break;
                    case "reference":
                        Assert.True(trace.Candidates.Any(c => c.IsReference), report);
                        break;
                }

                break;

            case FrameRuleData f:
                if (counter)
                {
                    Assert.True(!trace.Frames.Any(x => x.Rule == name), report);
                    break;
                }

                Assert.True(trace.Frames.Any(x => x.Rule == name), report);
                switch (f.Kind)
                {
                    case "claim" or "accuse" or "rumour" or "unverified":
                        Assert.True(events.Any(e => e.IsHedged) && !asserted.Any(e => EventTypeInfo.Of(e.Type).IsIncident || e.Type is EventType.Ceasefire or EventType.CeasefireBroken), report);
                        break;
                    case "deny":
                        Assert.True(asserted.Any(e => e.Type == EventType.StatementDenial), report);
                        break;
                    case "disown":
                        Assert.True(asserted.Any(e => e.Type == EventType.StatementDenial) && asserted.Any(e => EventTypeInfo.Of(e.Type).IsIncident), report);
                        break;
                    default:
                        Assert.True(asserted.Any(e => e.Type != EventType.StatementDenial), report);
                        break;
                }

                break;

            case DateRuleData:
                if (counter)
                {
                    Assert.True(!trace.Dates.Any(d => d.Rule == name), report);
                    break;
                }

                Assert.True(trace.Dates.Any(d => d.Rule == name), report);
                var main = events.FirstOrDefault(e => e.Type != EventType.StatementDenial);
                Assert.True(main is not null, report);
                var expected = example.Date is null or "null" ? (DateOnly?)null : DateOnly.ParseExact(example.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                Assert.True(main!.Date == expected, report);
                break;

            case FigureRuleData:
                if (counter)
                {
                    Assert.True(events.All(e => e.Killed is null && e.Injured is null), report);
                    break;
                }

                Assert.True(events.Any(e => (example.Killed is null || e.Killed == example.Killed) && (example.Injured is null || e.Injured == example.Injured)), report);
                break;

            case PlaceRuleData:
                if (counter)
                {
                    break;
                }

                Assert.True(events.Any(e => e.Place?.Name == example.Place), report);
                break;

            case ZoneRuleData z:
                var doc = trace.Document;
                if (z.Zone == "dateline")
                {
                    Assert.True(counter ? doc.Dateline is null : doc.Dateline is not null, report);
                }
                else
                {
                    var zone = z.Zone == "junk" ? Zone.Junk : Zone.Subhead;
                    var hit = doc.Paragraphs.Any(p => p.Zone == zone && p.ZoneRule == name);
                    Assert.True(counter ? !hit : hit, report);
                }

                break;
        }
    }

    private static EventType Parse(string wireName) => EventTypeInfo.TryParse(wireName, out var type) ? type : throw new ArgumentException(wireName);

    private static Stream Open(Dictionary<string, string> files, string name)
        => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(files.TryGetValue(name, out var text) ? text : """{"rules":[]}"""));
}
