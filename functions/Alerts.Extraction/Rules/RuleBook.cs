using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core;
using Alerts.Extraction.Text;

namespace Alerts.Extraction.Rules;

/// <summary>A rule with its compiled pattern.</summary>
internal sealed record Rule<T>(T Data, TokenPattern Pattern)
    where T : RuleBase
{
    public string Name => Data.Name;
}

/// <summary>One match of one rule.</summary>
internal readonly record struct RuleMatch<T>(Rule<T> Rule, PatternMatch Match)
    where T : RuleBase;

/// <summary>The rules of one kind, indexed by the tokens a match can start on.</summary>
internal sealed class RuleSet<T>
    where T : RuleBase
{
    private readonly FrozenDictionary<string, Rule<T>[]> _byKey;
    private readonly FrozenDictionary<string, Rule<T>> _byName;
    private readonly Rule<T>[] _anywhere;

    public RuleSet(IReadOnlyList<Rule<T>> rules)
    {
        All = rules;
        _byKey = rules
            .SelectMany(r => r.Pattern.FirstKeys.Where(k => k != "*").Select(k => (Key: k, Rule: r)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Rule).Distinct().ToArray(), StringComparer.Ordinal);
        _anywhere = [.. rules.Where(r => r.Pattern.FirstKeys.Contains("*"))];
        _byName = rules.DistinctBy(r => r.Name).ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public Rule<T>? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyList<Rule<T>> All { get; }

    /// <summary>Every match of every rule in <c>[start, end)</c>; a rule matches at most once per start position.</summary>
    public List<RuleMatch<T>> Matches(IReadOnlyList<Token> tokens, int start, int end, ISentenceFacts facts)
    {
        var found = new List<RuleMatch<T>>();
        var tried = new HashSet<Rule<T>>(ReferenceEqualityComparer.Instance);
        for (var i = start; i < end; i++)
        {
            tried.Clear();
            TryKey(tokens[i].Norm);
            if (tokens[i].IsCapitalized)
            {
                TryKey("#cap");
            }

            if (facts.EndOf(Shape.Number, i) > i)
            {
                TryKey("#num");
            }

            if (facts.EndOf(Shape.Place, i) > i)
            {
                TryKey("#place");
            }

            if (facts.EndOf(Shape.Actor, i) > i)
            {
                TryKey("#actor");
            }

            if (facts.EndOf(Shape.Date, i) > i)
            {
                TryKey("#date");
            }

            foreach (var rule in _anywhere)
            {
                Try(rule);
            }

            void TryKey(string key)
            {
                if (_byKey.TryGetValue(key, out var rules))
                {
                    foreach (var rule in rules)
                    {
                        Try(rule);
                    }
                }
            }

            void Try(Rule<T> rule)
            {
                if (tried.Add(rule) && rule.Pattern.MatchAt(tokens, i, end, facts, start) is { } m)
                {
                    found.Add(new RuleMatch<T>(rule, m));
                }
            }
        }

        return found;
    }
}

/// <summary>
/// Every rule of the extractor, loaded from the data files under <c>Data/rules</c> (embedded in the assembly). Loading checks
/// the rules: unique names, patterns that compile against the lexicon, known event types, and examples for every rule — a
/// rule without examples is refused, so it can't ship.
/// </summary>
internal sealed class RuleBook
{
    /// <summary>The publication date examples are read against unless they give one (a Wednesday).</summary>
    public const string ExampleDate = "2026-05-06";

    private static readonly Lazy<RuleBook> BuiltIn = new(() => Load(Read));

    private RuleBook(Lexicon lexicon, RuleSet<TriggerRuleData> triggers, RuleSet<VetoRuleData> vetoes, RuleSet<CueRuleData> cues, RuleSet<FrameRuleData> frames,
        RuleSet<DateRuleData> dates, RuleSet<FigureRuleData> figures, RuleSet<PlaceRuleData> places, RuleSet<ZoneRuleData> zones)
    {
        Lexicon = lexicon;
        Triggers = triggers;
        Vetoes = vetoes;
        Cues = cues;
        Frames = frames;
        Dates = dates;
        Figures = figures;
        Places = places;
        Zones = zones;
    }

    public static RuleBook Default => BuiltIn.Value;

    public Lexicon Lexicon { get; }

    public RuleSet<TriggerRuleData> Triggers { get; }

    public RuleSet<VetoRuleData> Vetoes { get; }

    public RuleSet<CueRuleData> Cues { get; }

    public RuleSet<FrameRuleData> Frames { get; }

    public RuleSet<DateRuleData> Dates { get; }

    public RuleSet<FigureRuleData> Figures { get; }

    public RuleSet<PlaceRuleData> Places { get; }

    public RuleSet<ZoneRuleData> Zones { get; }

    /// <summary>Every rule of every kind, for the generic example test and for <c>explain</c>.</summary>
    public IEnumerable<(string Kind, RuleBase Rule)> AllRules =>
        Triggers.All.Select(r => ("trigger", (RuleBase)r.Data))
            .Concat(Vetoes.All.Select(r => ("veto", (RuleBase)r.Data)))
            .Concat(Cues.All.Select(r => ("cue", (RuleBase)r.Data)))
            .Concat(Frames.All.Select(r => ("frame", (RuleBase)r.Data)))
            .Concat(Dates.All.Select(r => ("date", (RuleBase)r.Data)))
            .Concat(Figures.All.Select(r => ("figure", (RuleBase)r.Data)))
            .Concat(Places.All.Select(r => ("place", (RuleBase)r.Data)))
            .Concat(Zones.All.Select(r => ("zone", (RuleBase)r.Data)));

    /// <summary>Loads the rule files through <paramref name="open"/> (file name → stream) and checks them.</summary>
    public static RuleBook Load(Func<string, Stream> open)
    {
        var problems = new List<string>();
        var lexicon = new Lexicon(Deserialize(open, "lexicon.json", RuleJsonContext.Default.LexiconFile));
        var names = new HashSet<string>(StringComparer.Ordinal);

        RuleSet<T> Compile<T>(string file, JsonTypeInfo<RuleFile<T>> info, Func<T, string?>? check = null)
            where T : RuleBase
        {
            var rules = new List<Rule<T>>();
            foreach (var data in Deserialize(open, file, info).Rules ?? [])
            {
                var where = $"{file}: rule '{data.Name}'";
                if (!names.Add(data.Name))
                {
                    problems.Add($"{where}: the name is used twice");
                }

                if (data.Examples.Count == 0)
                {
                    problems.Add($"{where}: no examples (every rule needs at least one example sentence)");
                }

                if (check?.Invoke(data) is { } problem)
                {
                    problems.Add($"{where}: {problem}");
                }

                try
                {
                    rules.Add(new Rule<T>(data, TokenPattern.Parse(data.Pattern, lexicon)));
                }
                catch (FormatException e)
                {
                    problems.Add($"{where}: {e.Message}");
                }
            }

            return new RuleSet<T>(rules);
        }

        static string? Types(IEnumerable<string> types) => types.FirstOrDefault(t => !EventTypeInfo.TryParse(t, out _)) is { } bad ? $"unknown event type '{bad}'" : null;
        static string? OneOf(string value, string what, params string[] allowed) => allowed.Contains(value) ? null : $"{what} '{value}' is not one of {string.Join(", ", allowed)}";

        var book = new RuleBook(
            lexicon,
            Compile("triggers.json", RuleJsonContext.Default.RuleFileTriggerRuleData, r => Types([r.Type])),
            Compile("vetoes.json", RuleJsonContext.Default.RuleFileVetoRuleData, r => Types(r.Types) ?? OneOf(r.Scope, "scope", "head", "clause", "sentence", "story")),
            Compile("cues.json", RuleJsonContext.Default.RuleFileCueRuleData, r => Types(r.Types)
                ?? OneOf(r.Modality, "modality", "hedged", "future", "conditional", "negated", "denied", "attempted", "recall", "claim", "reference")
                ?? OneOf(r.Scope, "scope", "before", "after", "clause", "sentence", "story")),
            Compile("frames.json", RuleJsonContext.Default.RuleFileFrameRuleData, r => OneOf(r.Kind, "kind", "say", "claim", "deny", "disown", "accuse", "rumour", "unverified")
                ?? OneOf(r.Complement, "complement", "after", "before")),
            Compile("dates.json", RuleJsonContext.Default.RuleFileDateRuleData, r => OneOf(r.Resolve, "resolve", DateResolveKinds)),
            Compile("figures.json", RuleJsonContext.Default.RuleFileFigureRuleData),
            Compile("places.json", RuleJsonContext.Default.RuleFilePlaceRuleData),
            Compile("zones.json", RuleJsonContext.Default.RuleFileZoneRuleData, r => OneOf(r.Zone, "zone", "junk", "subhead", "dateline")));

        if (problems.Count > 0)
        {
            throw new InvalidDataException("The extraction rules are not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }

        return book;
    }

    public static readonly string[] DateResolveKinds =
    [
        "explicit", "weekday", "last-weekday", "next-weekday", "offset-days", "offset-told", "this-week", "last-week", "this-month", "last-month", "month", "year", "today",
        "recent-days", "recent-weeks", "recent-months", "relative-event",
    ];

    private static T Deserialize<T>(Func<string, Stream> open, string file, JsonTypeInfo<T> info)
    {
        using var stream = open(file);
        try
        {
            return JsonSerializer.Deserialize(stream, info) ?? throw new InvalidDataException($"{file} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }
    }

    private static Stream Read(string file)
        => Assembly.GetExecutingAssembly().GetManifestResourceStream($"Alerts.Extraction.rules.{file}")
           ?? throw new InvalidOperationException($"The rule file {file} is not embedded.");
}
