using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Extraction.Rules;

// The shapes of the rule data files under Data/rules. Every rule has a name, a pattern over tokens and examples (and
// usually counter-examples) written for the rule; RuleBook refuses a rule without examples.

/// <summary>An example sentence of a rule, with what the extractor should make of it (fields that don't apply stay null).</summary>
internal sealed record RuleExample
{
    public required string Text { get; init; }

    /// <summary>Publication date the example is read against (defaults to <see cref="RuleBook.ExampleDate"/>).</summary>
    public string? Published { get; init; }

    /// <summary>Expected date of the event (date rules) as yyyy-MM-dd, or "null" for none.</summary>
    public string? Date { get; init; }

    public int? Killed { get; init; }

    public int? Injured { get; init; }

    /// <summary>Expected place name (place rules).</summary>
    public string? Place { get; init; }

    /// <summary>Expected event type, when the rule itself does not give one.</summary>
    public string? Type { get; init; }
}

/// <summary>Reads an example written either as a plain string or as an object.</summary>
internal sealed class RuleExampleConverter : JsonConverter<RuleExample>
{
    public override RuleExample Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new RuleExample { Text = reader.GetString()! };
        }

        using var doc = JsonDocument.ParseValue(ref reader);
        var o = doc.RootElement;
        string? Str(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? Int(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        return new RuleExample
        {
            Text = Str("text") ?? throw new JsonException("An example object needs \"text\"."),
            Published = Str("published"),
            Date = o.TryGetProperty("date", out var d) ? (d.ValueKind == JsonValueKind.Null ? "null" : d.GetString()) : null,
            Killed = Int("killed"),
            Injured = Int("injured"),
            Place = Str("place"),
            Type = Str("type"),
        };
    }

    public override void Write(Utf8JsonWriter writer, RuleExample value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
}

/// <summary>Fields every rule has.</summary>
internal abstract record RuleBase
{
    // The JSON source generator assigns every init property, null when the file leaves it out: the setters restore the defaults.
    private readonly IReadOnlyList<RuleExample> _examples = [];
    private readonly IReadOnlyList<RuleExample> _counterExamples = [];

    public required string Name { get; init; }

    public required string Pattern { get; init; }

    /// <summary>What the rule is about, in a sentence.</summary>
    public string? Doc { get; init; }

    [JsonConverter(typeof(RuleExampleListConverter))]
    public IReadOnlyList<RuleExample> Examples { get => _examples; init => _examples = value ?? []; }

    [JsonConverter(typeof(RuleExampleListConverter))]
    public IReadOnlyList<RuleExample> CounterExamples { get => _counterExamples; init => _counterExamples = value ?? []; }
}

internal sealed class RuleExampleListConverter : JsonConverter<IReadOnlyList<RuleExample>>
{
    private static readonly RuleExampleConverter Item = new();

    public override IReadOnlyList<RuleExample> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var list = new List<RuleExample>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Examples are a list.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(Item.Read(ref reader, typeof(RuleExample), options));
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<RuleExample> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var e in value)
        {
            writer.WriteStringValue(e.Text);
        }

        writer.WriteEndArray();
    }
}

/// <summary>A trigger: words that report an event of <see cref="Type"/>; the head (<c>[…]</c>) is where the event sits in the sentence.</summary>
internal sealed record TriggerRuleData : RuleBase
{
    public required string Type { get; init; }

    /// <summary>"noun" for a trigger that names the event ("the attack"): it may refer back to an event told before.</summary>
    public string? Form { get; init; }

    /// <summary>True when the type (attack or air strike) is decided by who struck and with what.</summary>
    public bool Refine { get; init; }
}

/// <summary>A veto: when its pattern matches in <see cref="Scope"/>, triggers of <see cref="Types"/> there report no event.</summary>
internal sealed record VetoRuleData : RuleBase
{
    private readonly IReadOnlyList<string> _types = [];
    private readonly string _scope = "clause";

    public IReadOnlyList<string> Types { get => _types; init => _types = value ?? []; }

    /// <summary>"head" (the pattern overlaps the trigger), "clause", "sentence" or "story".</summary>
    public string Scope { get => _scope; init => _scope = value ?? "clause"; }
}

/// <summary>A modality cue: words that make a trigger in its scope hedged, future, conditional, negated, denied or a recall.</summary>
internal sealed record CueRuleData : RuleBase
{
    private readonly string _scope = "before";
    private readonly int _window = 8;
    private readonly IReadOnlyList<string> _types = [];

    public required string Modality { get; init; }

    /// <summary>"before" (the cue precedes the trigger in its clause), "after", "clause", "sentence" or "story".</summary>
    public string Scope { get => _scope; init => _scope = value ?? "before"; }

    /// <summary>How many tokens may lie between the cue and the trigger (before/after scopes).</summary>
    public int? Window { get => _window; init => _window = value ?? 8; }

    /// <summary>Event types the cue applies to (all when empty).</summary>
    public IReadOnlyList<string> Types { get => _types; init => _types = value ?? []; }

    /// <summary>The cue looks ahead ("could be delayed to Saturday"): a weekday in its scope is the coming one, unless "have" follows the cue.</summary>
    public bool Prospective { get; init; }
}

/// <summary>A reporting frame: who says (claims, denies …) what. Captures: <c>speaker</c>; the complement follows (or precedes) the verb.</summary>
internal sealed record FrameRuleData : RuleBase
{
    /// <summary>say, claim, deny, accuse, rumour, unverified.</summary>
    public required string Kind { get; init; }

    private readonly string _complement = "after";

    /// <summary>"after" when what is said follows the match ("X said that …"), "before" when it precedes it ("…, X said").</summary>
    public string Complement { get => _complement; init => _complement = value ?? "after"; }
}

/// <summary>A date expression and how it resolves against the publication date (and the captures <c>day</c>, <c>month</c>, <c>year</c>, <c>weekday</c>, <c>count</c>).</summary>
internal sealed record DateRuleData : RuleBase
{
    /// <summary>explicit, weekday, last-weekday, next-weekday, offset-days, this-week, last-week, this-month, last-month, month, year, today, tonight.</summary>
    public required string Resolve { get; init; }

    /// <summary>Days to add for offset-days (with a <c>count</c> capture, multiplied by it).</summary>
    public int Offset { get; init; }
}

/// <summary>A casualty figure: captures <c>killed</c> and/or <c>injured</c> (a name captured twice is summed: "13 soldiers and 60 civilians").</summary>
internal sealed record FigureRuleData : RuleBase
{
    /// <summary>True for a toll over a period ("since the war began"): not the toll of one incident.</summary>
    public bool Aggregate { get; init; }
}

/// <summary>A place context: a pattern whose <c>place</c> capture names a place, known or not ("the town of X").</summary>
internal sealed record PlaceRuleData : RuleBase
{
    private readonly string _kind = "town";

    /// <summary>What the capture is: town, village, district, city, region, facility, country; "weak" (only when nothing better is known) or "direction".</summary>
    public string Kind { get => _kind; init => _kind = value ?? "town"; }

    /// <summary>True when the pattern says the place is not where anything happened (a speaking capital: "Moscow said").</summary>
    public bool NotScene { get; init; }
}

/// <summary>A zone rule: a paragraph that matches is page furniture (junk) or a dateline.</summary>
internal sealed record ZoneRuleData : RuleBase
{
    /// <summary>junk, dateline.</summary>
    public required string Zone { get; init; }

    /// <summary>A junk rule that marks its paragraph wherever in it the pattern matches (copyright lines, credits).</summary>
    public bool Anywhere { get; init; }
}

internal sealed record RuleFile<T>(IReadOnlyList<T>? Rules);

/// <summary>A named word list of the lexicon.</summary>
internal sealed record LexiconClassData(IReadOnlyList<string> Words, string? Doc = null);

internal sealed record LexiconFile
{
    public IReadOnlyList<string>? Abbreviations { get; init; }

    public IReadOnlyDictionary<string, double>? Numbers { get; init; }

    public IReadOnlyDictionary<string, double>? Multipliers { get; init; }

    public IReadOnlyDictionary<string, double>? Ordinals { get; init; }

    public IReadOnlyDictionary<string, int>? Months { get; init; }

    public IReadOnlyDictionary<string, int>? Weekdays { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Forms { get; init; }

    public IReadOnlyDictionary<string, LexiconClassData>? Classes { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(LexiconFile))]
[JsonSerializable(typeof(RuleFile<TriggerRuleData>))]
[JsonSerializable(typeof(RuleFile<VetoRuleData>))]
[JsonSerializable(typeof(RuleFile<CueRuleData>))]
[JsonSerializable(typeof(RuleFile<FrameRuleData>))]
[JsonSerializable(typeof(RuleFile<DateRuleData>))]
[JsonSerializable(typeof(RuleFile<FigureRuleData>))]
[JsonSerializable(typeof(RuleFile<PlaceRuleData>))]
[JsonSerializable(typeof(RuleFile<ZoneRuleData>))]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
