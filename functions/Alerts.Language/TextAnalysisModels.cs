using System.Text.Json.Serialization;

namespace Alerts.Language;

/// <summary>Entity categories of the Language service's general NER model.</summary>
public enum EntityCategory
{
    Other,
    Person,
    PersonType,
    Location,
    Organization,
    Event,
    Product,
    Skill,
    Address,
    PhoneNumber,
    Email,
    URL,
    IP,
    DateTime,
    Quantity,
}

/// <summary>One text to analyse. <see cref="Id"/> must be unique within a call.</summary>
public sealed record TextDocument(string Id, string Text, string? Language = null);

/// <summary>An error the service reported for one document (or for a whole request).</summary>
public sealed record TextAnalysisError(string Code, string Message);

/// <summary>A named entity; <see cref="Offset"/> and <see cref="Length"/> are UTF-16 code units into the document's own text.</summary>
public sealed record RecognizedEntity(string Text, EntityCategory Category, string? Subcategory, int Offset, int Length, double ConfidenceScore);

/// <summary>The entities of one input document, or the error that stopped it (the other documents of the call are unaffected).</summary>
public sealed record DocumentEntities(string Id, IReadOnlyList<RecognizedEntity> Entities, TextAnalysisError? Error = null)
{
    [JsonIgnore]
    public bool HasError => Error is not null;
}

/// <summary>The key phrases of one input document, or the error that stopped it.</summary>
public sealed record DocumentKeyPhrases(string Id, IReadOnlyList<string> KeyPhrases, TextAnalysisError? Error = null)
{
    [JsonIgnore]
    public bool HasError => Error is not null;
}

/// <summary>
/// The text-analysis operations the enrichment needs. <see cref="TextAnalysisClient"/> implements it over the REST API;
/// a class over <c>Azure.AI.TextAnalytics</c>' <c>TextAnalyticsClient</c> can replace it without touching the enricher.
/// Results come back one per input document, in input order, with offsets into the input text even when a long text was split.
/// </summary>
public interface ITextAnalysisClient
{
    Task<IReadOnlyList<DocumentEntities>> RecognizeEntitiesAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DocumentKeyPhrases>> ExtractKeyPhrasesAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken = default);
}
