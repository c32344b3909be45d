using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Language;

// The analyze-text wire shapes (LanguageAnalyzeText stable 2023-04-01 / 2024-11-01), only the members the product uses.

internal sealed record AnalyzeTextRequest(string Kind, AnalyzeTextParameters Parameters, AnalyzeTextInput AnalysisInput);

internal sealed record AnalyzeTextParameters(
    string ModelVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StringIndexType);

internal sealed record AnalyzeTextInput(IReadOnlyList<WireDocument> Documents);

internal sealed record WireDocument(string Id, string Language, string Text);

internal sealed record AnalyzeTextResponse(string? Kind, AnalyzeTextResults? Results);

internal sealed record AnalyzeTextResults(
    IReadOnlyList<WireDocumentResult>? Documents,
    IReadOnlyList<WireDocumentError>? Errors,
    string? ModelVersion);

internal sealed record WireDocumentResult(string Id, IReadOnlyList<WireEntity>? Entities, IReadOnlyList<string>? KeyPhrases);

internal sealed record WireEntity(string Text, string Category, string? Subcategory, int Offset, int Length, double ConfidenceScore);

internal sealed record WireDocumentError(string Id, WireError Error);

internal sealed record WireError(string? Code, string? Message, WireError? Innererror);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AnalyzeTextRequest))]
[JsonSerializable(typeof(AnalyzeTextResponse))]
internal sealed partial class LanguageJsonContext : JsonSerializerContext;
