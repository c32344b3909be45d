using System.Buffers;
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

/// <summary>
/// The rules of one kind, indexed by the tokens a match can start on and by the tokens a match needs anywhere in its range
/// (<see cref="TokenPattern.RequiredKeys"/>), so a range tries only the rules it can match.
/// </summary>
internal sealed class RuleSet<T>
    where T : RuleBase
{
    /// <summary>The most required key sets of a rule that the index checks (one bit each).</summary>
    private const int MaxChecked = 64;

    private readonly Rule<T>[] _rules;
    private readonly FrozenDictionary<string, KeyRules> _byKey;
    private readonly FrozenDictionary<string, Rule<T>> _byName;
    private readonly int[] _anywhere;
    private readonly ulong[] _requiredMask;

    public RuleSet(IReadOnlyList<Rule<T>> rules)
    {
        All = rules;
        _rules = [.. rules];
        var indexed = _rules.Select((rule, index) => (Rule: rule, Index: index)).ToArray();
        var starts = indexed
            .SelectMany(r => r.Rule.Pattern.FirstKeys.Where(k => k != "*").Select(k => (Key: k, r.Index)))
            .ToLookup(p => p.Key, p => p.Index, StringComparer.Ordinal);
        var required = indexed
            .SelectMany(r => r.Rule.Pattern.RequiredKeys.Take(MaxChecked).SelectMany((keys, bit) => keys.Select(k => (Key: k, Bit: new RequiredBit(r.Index, 1UL << bit)))))
            .ToLookup(p => p.Key, p => p.Bit, StringComparer.Ordinal);
        _byKey = starts.Select(g => g.Key).Union(required.Select(g => g.Key), StringComparer.Ordinal)
            .ToFrozenDictionary(k => k, k => new KeyRules([.. starts[k].Distinct()], [.. required[k]]), StringComparer.Ordinal);
        _anywhere = [.. indexed.Where(r => r.Rule.Pattern.FirstKeys.Contains("*")).Select(r => r.Index)];
        _byName = rules.DistinctBy(r => r.Name).ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        _requiredMask = [.. _rules.Select(r => r.Pattern.RequiredKeys.Count >= MaxChecked ? ulong.MaxValue : (1UL << r.Pattern.RequiredKeys.Count) - 1)];
    }

    public Rule<T>? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyList<Rule<T>> All { get; }

    /// <summary>Every match of every rule in <c>[start, end)</c>; a rule matches at most once per start position.</summary>
    public List<RuleMatch<T>> Matches(IReadOnlyList<Token> tokens, int start, int end, ISentenceFacts facts)
    {
        var found = new List<RuleMatch<T>>();
        var keys = new string[MaxKeys];

        // The index entry of every key of every token (MaxKeys slots a token), and which required key sets the range holds,
        // per rule: a rule missing one can't match anywhere in it.
        var entries = ArrayPool<KeyRules?>.Shared.Rent((end - start) * MaxKeys);
        var held = new ulong[_rules.Length];
        for (var i = start; i < end; i++)
        {
            var count = KeysAt(tokens, i, facts, keys);
            for (var k = 0; k < MaxKeys; k++)
            {
                var entry = k < count ? _byKey.GetValueOrDefault(keys[k]) : null;
                entries[(i - start) * MaxKeys + k] = entry;
                foreach (var bit in entry?.Required ?? [])
                {
                    held[bit.Rule] |= bit.Mask;
                }
            }
        }

        var triedAt = new int[_rules.Length];
        for (var i = start; i < end; i++)
        {
            for (var k = 0; k < MaxKeys; k++)
            {
                foreach (var r in entries[(i - start) * MaxKeys + k]?.Starts ?? [])
                {
                    Try(r, i);
                }
            }

            foreach (var r in _anywhere)
            {
                Try(r, i);
            }
        }

        ArrayPool<KeyRules?>.Shared.Return(entries);
        return found;

        void Try(int r, int i)
        {
            if (triedAt[r] == i + 1 || (held[r] & _requiredMask[r]) != _requiredMask[r])
            {
                return;
            }

            triedAt[r] = i + 1;
            if (_rules[r].Pattern.MatchAt(tokens, i, end, facts, start) is { } m)
            {
                found.Add(new RuleMatch<T>(_rules[r], m));
            }
        }
    }

    /// <summary>The most keys a token offers (<see cref="KeysAt"/>).</summary>
    private const int MaxKeys = 6;

    /// <summary>The keys a token offers, in the order rules are tried: its folded word, then the shapes and mentions it starts.</summary>
    private static int KeysAt(IReadOnlyList<Token> tokens, int i, ISentenceFacts facts, string[] into)
    {
        var count = 0;
        into[count++] = tokens[i].Norm;
        if (tokens[i].IsCapitalized)
        {
            into[count++] = "#cap";
        }

        if (facts.EndOf(Shape.Number, i) > i)
        {
            into[count++] = "#num";
        }

        if (facts.EndOf(Shape.Place, i) > i)
        {
            into[count++] = "#place";
        }

        if (facts.EndOf(Shape.Actor, i) > i)
        {
            into[count++] = "#actor";
        }

        if (facts.EndOf(Shape.Date, i) > i)
        {
            into[count++] = "#date";
        }

        return count;
    }

    /// <summary>One required key set of one rule: the rule's index and the bit of that set.</summary>
    private readonly record struct RequiredBit(int Rule, ulong Mask);

    /// <summary>What a key stands for in the index: the rules a match can start on it, and the required key sets it fulfils.</summary>
    private sealed record KeyRules(int[] Starts, RequiredBit[] Required);
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
