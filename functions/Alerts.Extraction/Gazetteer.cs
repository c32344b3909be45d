using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core;

namespace Alerts.Extraction;

/// <summary>One gazetteer entry as stored in JSON.</summary>
internal sealed record GazetteerEntry(
    string Name,
    string? Province = null,
    string? Country = null,
    string? Kind = null,
    IReadOnlyList<string>? Aliases = null,
    bool Fictional = false);

internal sealed record GazetteerFile(IReadOnlyList<GazetteerEntry> Places);

/// <summary>One actor entry as stored in JSON.</summary>
/// <param name="Kind">state, force, armed_group, igo, government ...</param>
internal sealed record ActorEntry(string Name, string? Kind = null, IReadOnlyList<string>? Aliases = null);

internal sealed record ActorFile(IReadOnlyList<ActorEntry> Actors);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(GazetteerFile))]
[JsonSerializable(typeof(ActorFile))]
internal sealed partial class ExtractionDataJsonContext : JsonSerializerContext;

/// <summary>A known place with how specific it is (a base beats a city beats a province beats a country).</summary>
internal sealed record KnownPlace(Place Place, int Specificity);

/// <summary>Places with aliases and spelling variants, normalised to canonical names. Built-in data plus an optional operator file.</summary>
public sealed class Gazetteer
{
    private readonly PhraseIndex<KnownPlace> _index = new();

    internal Gazetteer(IEnumerable<GazetteerEntry> entries) => Add(entries);

    /// <summary>The built-in gazetteer, plus the entries of <paramref name="extraFilePath"/> when given.</summary>
    public static Gazetteer Load(string? extraFilePath = null)
    {
        var gazetteer = new Gazetteer(ReadResource<GazetteerFile>("Alerts.Extraction.gazetteer.json", ExtractionDataJsonContext.Default.GazetteerFile).Places);
        if (!string.IsNullOrWhiteSpace(extraFilePath))
        {
            gazetteer.Add(ReadFile(extraFilePath, ExtractionDataJsonContext.Default.GazetteerFile).Places);
        }

        return gazetteer;
    }

    public int Count => _index.Count;

    /// <summary>Normalises a place name or alias ("al Asad Air Base") to its canonical place, or null when unknown.</summary>
    public Place? Find(string name)
    {
        var folded = TextFolding.Fold(name);
        var matches = new List<PhraseMatch<KnownPlace>>();
        _index.FindAll(folded, 0, folded.Length, matches);
        return matches.Count == 1 && matches[0].Start == FirstWord(folded) && matches[0].End == LastWordEnd(folded) ? matches[0].Value.Place : null;
    }

    internal void FindAll(string folded, int start, int end, List<PhraseMatch<KnownPlace>> results) => _index.FindAll(folded, start, end, results);

    internal int MaxWords => _index.MaxWords;

    internal bool TryGet(ReadOnlySpan<char> key, out KnownPlace place) => _index.TryGet(key, out place);

    internal static int SpecificityOf(string? kind) => kind switch
    {
        "base" or "facility" or "airport" or "crossing" or "district" or "neighbourhood" => 6,
        "city" or "town" or "village" => 5,
        "province" or "governorate" or "state" => 3,
        "region" => 2,
        "country" => 1,
        _ => 4,
    };

    private void Add(IEnumerable<GazetteerEntry> entries)
    {
        foreach (var entry in entries)
        {
            var known = new KnownPlace(new Place(entry.Name, entry.Province, entry.Country, entry.Kind), SpecificityOf(entry.Kind));
            _index.Add(entry.Name, known);
            foreach (var alias in entry.Aliases ?? [])
            {
                _index.Add(alias, known);
            }
        }
    }

    private static int FirstWord(string folded)
    {
        var i = 0;
        while (i < folded.Length && folded[i] == ' ')
        {
            i++;
        }

        return i;
    }

    private static int LastWordEnd(string folded) => folded.TrimEnd(' ').Length;

    internal static T ReadResource<T>(string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return JsonSerializer.Deserialize(stream, typeInfo) ?? throw new InvalidOperationException($"Embedded resource {name} is empty.");
    }

    internal static T ReadFile<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, typeInfo) ?? throw new InvalidDataException($"{path} holds no data.");
    }
}

/// <summary>Actors (states, forces, armed groups, intergovernmental organisations) with aliases, normalised to canonical names.</summary>
public sealed class ActorCatalog
{
    private readonly PhraseIndex<ActorEntry> _index = new();

    internal ActorCatalog(IEnumerable<ActorEntry> entries) => Add(entries);

    public static ActorCatalog Load(string? extraFilePath = null)
    {
        var catalog = new ActorCatalog(Gazetteer.ReadResource("Alerts.Extraction.actors.json", ExtractionDataJsonContext.Default.ActorFile).Actors);
        if (!string.IsNullOrWhiteSpace(extraFilePath))
        {
            catalog.Add(Gazetteer.ReadFile(extraFilePath, ExtractionDataJsonContext.Default.ActorFile).Actors);
        }

        return catalog;
    }

    public int Count => _index.Count;

    /// <summary>The canonical name of an actor alias ("PMF" → "Popular Mobilization Forces"), or null.</summary>
    public string? Find(string alias)
    {
        var folded = TextFolding.Fold(alias);
        var matches = new List<PhraseMatch<ActorEntry>>();
        _index.FindAll(folded, 0, folded.Length, matches);
        return matches.Count == 1 ? matches[0].Value.Name : null;
    }

    internal void FindAll(string folded, int start, int end, List<PhraseMatch<ActorEntry>> results) => _index.FindAll(folded, start, end, results);

    internal int MaxWords => _index.MaxWords;

    internal bool TryGet(ReadOnlySpan<char> key, out ActorEntry actor) => _index.TryGet(key, out actor);

    private void Add(IEnumerable<ActorEntry> entries)
    {
        foreach (var entry in entries)
        {
            _index.Add(entry.Name, entry);
            foreach (var alias in entry.Aliases ?? [])
            {
                _index.Add(alias, entry);
            }
        }
    }
}
