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
    private readonly KeyRules?[] _byKey;
    private readonly FrozenDictionary<string, Rule<T>> _byName;
    private readonly int[] _anywhere;
    private readonly FrozenSet<int>?[] _secondWords;
    private readonly ulong[] _requiredMask;

    public RuleSet(IReadOnlyList<Rule<T>> rules, RuleKeys keys)
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
        var indexedKeys = starts.Select(g => g.Key).Union(required.Select(g => g.Key), StringComparer.Ordinal).Select(k => (Key: k, Id: keys.Add(k))).ToList();
        _byKey = new KeyRules?[indexedKeys.Select(k => k.Id + 1).DefaultIfEmpty(0).Max()];
        foreach (var (key, id) in indexedKeys)
        {
            _byKey[id] = new KeyRules([.. starts[key].Distinct()], [.. required[key]]);
        }
        _anywhere = [.. indexed.Where(r => r.Rule.Pattern.FirstKeys.Contains("*")).Select(r => r.Index)];
        _secondWords = [.. _rules.Select(r => r.Pattern.SecondWords?.Select(keys.Add).ToFrozenSet())];
        _byName = rules.DistinctBy(r => r.Name).ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        _requiredMask = [.. _rules.Select(r => r.Pattern.RequiredKeys.Count >= MaxChecked ? ulong.MaxValue : (1UL << r.Pattern.RequiredKeys.Count) - 1)];
    }

    public Rule<T>? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyList<Rule<T>> All { get; }

    /// <summary>Every match of every rule in <c>[start, end)</c>; a rule matches at most once per start position.</summary>
    public List<RuleMatch<T>> Matches(IReadOnlyList<Token> tokens, int start, int end, ISentenceFacts facts)
    {
        var found = new List<RuleMatch<T>>();
        Span<int> keys = stackalloc int[MaxKeys];

        // The index entries of the tokens' keys, in token order, and which required key sets the range holds, per rule.
        var entries = ArrayPool<(int Token, KeyRules Rules)>.Shared.Rent(Math.Max(0, end - start) * MaxKeys);
        var count = 0;
        var held = new ulong[_rules.Length];
        for (var i = start; i < end; i++)
        {
            var keyCount = KeysAt(tokens, i, facts, keys);
            for (var k = 0; k < keyCount; k++)
            {
                if ((uint)keys[k] < (uint)_byKey.Length && _byKey[keys[k]] is { } entry)
                {
                    entries[count++] = (i, entry);
                    foreach (var bit in entry.Required)
                    {
                        held[bit.Rule] |= bit.Mask;
                    }
                }
            }
        }

        // A rule missing one of its required key sets can't match anywhere in the range.
        Span<int> anywhere = stackalloc int[_anywhere.Length];
        var anywhereCount = 0;
        var live = false;
        for (var r = 0; r < _rules.Length; r++)
        {
            live |= Holds(r);
        }

        foreach (var r in _anywhere)
        {
            if (Holds(r))
            {
                anywhere[anywhereCount++] = r;
            }
        }

        var triedAt = live ? new int[_rules.Length] : [];
        for (int i = start, next = 0; live && i < end; i++)
        {
            for (; next < count && entries[next].Token == i; next++)
            {
                foreach (var r in entries[next].Rules.Starts)
                {
                    Try(r, i);
                }
            }

            foreach (var r in anywhere[..anywhereCount])
            {
                // "#word to": not where the next token is no "to".
                if (_secondWords[r] is not { } second || (i + 1 < end && second.Contains(facts.WordIdOf(i + 1))))
                {
                    Try(r, i);
                }
            }
        }

        ArrayPool<(int Token, KeyRules Rules)>.Shared.Return(entries);
        return found;

        bool Holds(int r) => (held[r] & _requiredMask[r]) == _requiredMask[r];

        void Try(int r, int i)
        {
            if (triedAt[r] == i + 1 || !Holds(r))
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

    /// <summary>The <see cref="RuleKeys"/> ids of the keys a token offers, in the order rules are tried: its folded word (-1 when no rule names it), then the shapes and mentions it starts.</summary>
    private static int KeysAt(IReadOnlyList<Token> tokens, int i, ISentenceFacts facts, Span<int> into)
    {
        var count = 0;
        into[count++] = facts.WordIdOf(i);
        if (tokens[i].IsCapitalized)
        {
            into[count++] = RuleKeys.Cap;
        }

        if (facts.EndOf(Shape.Number, i) > i)
        {
            into[count++] = RuleKeys.Number;
        }

        if (facts.EndOf(Shape.Place, i) > i)
        {
            into[count++] = RuleKeys.Place;
        }

        if (facts.EndOf(Shape.Actor, i) > i)
        {
            into[count++] = RuleKeys.Actor;
        }

        if (facts.EndOf(Shape.Date, i) > i)
        {
            into[count++] = RuleKeys.Date;
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

    private RuleBook(Lexicon lexicon, RuleKeys keys, RuleSet<TriggerRuleData> triggers, RuleSet<VetoRuleData> vetoes, RuleSet<CueRuleData> cues, RuleSet<FrameRuleData> frames,
        RuleSet<DateRuleData> dates, RuleSet<FigureRuleData> figures, RuleSet<PlaceRuleData> places, RuleSet<ZoneRuleData> zones)
    {
        Lexicon = lexicon;
        Keys = keys;
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

    /// <summary>The ids of the words and shapes the rule sets index (<see cref="Stages.Document"/> numbers its tokens with them).</summary>
    public RuleKeys Keys { get; }

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
        var keys = new RuleKeys();

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

            return new RuleSet<T>(rules, keys);
        }

        static string? Types(IEnumerable<string> types) => types.FirstOrDefault(t => !EventTypeInfo.TryParse(t, out _)) is { } bad ? $"unknown event type '{bad}'" : null;
        static string? OneOf(string value, string what, params string[] allowed) => allowed.Contains(value) ? null : $"{what} '{value}' is not one of {string.Join(", ", allowed)}";

        var book = new RuleBook(
            lexicon,
            keys,
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
