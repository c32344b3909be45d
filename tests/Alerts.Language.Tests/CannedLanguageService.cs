using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Alerts.Language.Tests;

/// <summary>An entity name the canned service "recognises" wherever it occurs in a document.</summary>
internal sealed record CannedEntity(string Text, string Category, string? Subcategory = null, double ConfidenceScore = 0.9);

/// <summary>
/// Answers analyze-text requests in the documented response shape by plain string search for a fixed list of names
/// (UTF-16 offsets into each document's text, as <c>stringIndexType=Utf16CodeUnit</c> asks), plus numbers as Quantity entities.
/// </summary>
internal static partial class CannedLanguageService
{
    /// <summary>Names written for the seed articles' subjects (places, organisations); the seeds themselves are read at run time.</summary>
    public static readonly IReadOnlyList<CannedEntity> SeedEntities =
    [
        new("Ain al-Assad", "Location", "Structural", 0.93),
        new("Ain al-Asad", "Location", "Structural", 0.93),
        new("Anbar", "Location", "GPE", 0.88),
        new("Babil", "Location", "GPE", 0.9),
        new("Jurf al-Sakhar", "Location", "GPE", 0.86),
        new("Baghdad", "Location", "GPE", 0.95),
        new("Doha", "Location", "GPE", 0.95),
        new("Iraq", "Location", "GPE", 0.97),
        new("Syria", "Location", "GPE", 0.96),
        new("Kataib Hezbollah", "Organization", null, 0.91),
        new("Popular Mobilization Forces", "Organization", null, 0.92),
        new("Islamic Resistance in Iraq", "Organization", null, 0.9),
        new("League of Revolutionaries", "Organization", null, 0.84),
        new("Iraqi Foreign Ministry", "Organization", null, 0.87),
        new("Pentagon", "Organization", null, 0.9),
    ];

    public static CannedResponse Respond(ReceivedRequest request, IReadOnlyList<CannedEntity> names)
    {
        var entities = request.Kind == "EntityRecognition";
        var documents = new JsonArray();
        foreach (var document in request.Documents)
        {
            var text = (string)document["text"]!;
            var found = Find(text, names);
            documents.Add(entities
                ? new JsonObject
                {
                    ["id"] = (string)document["id"]!,
                    ["entities"] = new JsonArray([.. found.Select(f => (JsonNode)new JsonObject
                    {
                        ["text"] = text.Substring(f.Offset, f.Entity.Text.Length),
                        ["category"] = f.Entity.Category,
                        ["subcategory"] = f.Entity.Subcategory,
                        ["offset"] = f.Offset,
                        ["length"] = f.Entity.Text.Length,
                        ["confidenceScore"] = f.Entity.ConfidenceScore,
                    })]),
                    ["warnings"] = new JsonArray(),
                }
                : new JsonObject
                {
                    ["id"] = (string)document["id"]!,
                    ["keyPhrases"] = new JsonArray([.. found.Select(f => (JsonNode)JsonValue.Create(f.Entity.Text)).DistinctBy(n => n.ToString())]),
                    ["warnings"] = new JsonArray(),
                });
        }

        return CannedResponse.Json(new JsonObject
        {
            ["kind"] = entities ? "EntityRecognitionResults" : "KeyPhraseExtractionResults",
            ["results"] = new JsonObject
            {
                ["documents"] = documents,
                ["errors"] = new JsonArray(),
                ["modelVersion"] = "2025-01-01",
            },
        });
    }

    private static List<(CannedEntity Entity, int Offset)> Find(string text, IReadOnlyList<CannedEntity> names)
    {
        var found = new List<(CannedEntity Entity, int Offset)>();
        foreach (var name in names)
        {
            for (var at = text.IndexOf(name.Text, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name.Text, at + name.Text.Length, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + name.Text.Length;
                if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end])))
                {
                    found.Add((name, at));
                }
            }
        }

        foreach (Match number in Number().Matches(text))
        {
            found.Add((new CannedEntity(number.Value, "Quantity", "Number", 0.8), number.Index));
        }

        // Like the service without an overlap policy: a longer name wins over a name inside it ("Iraq" in "Islamic Resistance in Iraq").
        return [.. found
            .Where(f => !found.Any(g => g.Entity.Text.Length > f.Entity.Text.Length && g.Offset <= f.Offset && f.Offset + f.Entity.Text.Length <= g.Offset + g.Entity.Text.Length))
            .OrderBy(f => f.Offset)];
    }

    [GeneratedRegex(@"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Number();
}
