using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Extraction;

/// <summary>One actor entry as stored in JSON.</summary>
/// <param name="Kind">state, force, armed_group, igo, government ...</param>
internal sealed record ActorEntry(string Name, string? Kind = null, IReadOnlyList<string>? Aliases = null);

internal sealed record ActorFile(IReadOnlyList<ActorEntry> Actors);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ActorFile))]
internal sealed partial class ExtractionDataJsonContext : JsonSerializerContext;

/// <summary>Reads the embedded and operator data files.</summary>
internal static class ExtractionData
{
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
        var catalog = new ActorCatalog(ExtractionData.ReadResource("Alerts.Extraction.actors.json", ExtractionDataJsonContext.Default.ActorFile).Actors);
        if (!string.IsNullOrWhiteSpace(extraFilePath))
        {
            catalog.Add(ExtractionData.ReadFile(extraFilePath, ExtractionDataJsonContext.Default.ActorFile).Actors);
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
