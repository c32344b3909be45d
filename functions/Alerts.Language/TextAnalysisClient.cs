using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Language;

/// <summary>
/// A thin client for the Azure AI Language <c>/language/:analyze-text</c> API (entity recognition, key phrases) over Azure.Core.
/// Long texts are split to the service's per-document limit and documents are batched to its per-request limits; results are
/// stitched back so each input document gets one result with offsets into its own text. Request-level failures throw
/// <see cref="RequestFailedException"/>; per-document failures come back on that document's result.
/// </summary>
public sealed partial class TextAnalysisClient : ITextAnalysisClient
{
    /// <summary>The Entra ID scope of Cognitive Services.</summary>
    public const string DefaultScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>Largest synchronous document, in text elements.</summary>
    public const int MaxTextElementsPerDocument = 5_120;

    public const int MaxDocumentsPerEntityRequest = 5;

    public const int MaxDocumentsPerKeyPhraseRequest = 10;

    private const string EntityRecognition = "EntityRecognition";
    private const string KeyPhraseExtraction = "KeyPhraseExtraction";

    private readonly Uri analyzeTextUri;
    private readonly HttpPipeline pipeline;
    private readonly TextAnalysisClientOptions options;
    private readonly ILogger logger;

    /// <summary>Authenticates with the resource key (<c>Ocp-Apim-Subscription-Key</c>).</summary>
    public TextAnalysisClient(Uri endpoint, AzureKeyCredential credential, TextAnalysisClientOptions? options = null, ILogger<TextAnalysisClient>? logger = null)
        : this(endpoint, new SubscriptionKeyPolicy(credential ?? throw new ArgumentNullException(nameof(credential))), options, logger)
    {
    }

    /// <summary>Authenticates with Entra ID (bearer tokens for <see cref="DefaultScope"/>); the endpoint must be https.</summary>
    public TextAnalysisClient(Uri endpoint, TokenCredential credential, TextAnalysisClientOptions? options = null, ILogger<TextAnalysisClient>? logger = null)
        : this(endpoint, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), DefaultScope), options, logger)
    {
    }

    private TextAnalysisClient(Uri endpoint, HttpPipelinePolicy authentication, TextAnalysisClientOptions? options, ILogger<TextAnalysisClient>? logger)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        this.options = options ?? new TextAnalysisClientOptions();
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        analyzeTextUri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/language/:analyze-text");
        pipeline = HttpPipelineBuilder.Build(this.options, authentication);
    }

    public async Task<IReadOnlyList<DocumentEntities>> RecognizeEntitiesAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken = default)
    {
        var chunks = await AnalyzeAsync(EntityRecognition, documents, MaxDocumentsPerEntityRequest, cancellationToken);
        return [.. documents.Select((document, index) =>
        {
            var mine = chunks.Where(c => c.DocumentIndex == index).ToList();
            var entities = mine
                .SelectMany(c => (c.Result?.Entities ?? []).Select(e => new RecognizedEntity(
                    e.Text, ParseCategory(e.Category), e.Subcategory, e.Offset + c.Offset, e.Length, e.ConfidenceScore)))
                .ToList();
            return new DocumentEntities(document.Id, entities, mine.Select(c => c.Error).FirstOrDefault(e => e is not null));
        })];
    }

    public async Task<IReadOnlyList<DocumentKeyPhrases>> ExtractKeyPhrasesAsync(IReadOnlyList<TextDocument> documents, CancellationToken cancellationToken = default)
    {
        var chunks = await AnalyzeAsync(KeyPhraseExtraction, documents, MaxDocumentsPerKeyPhraseRequest, cancellationToken);
        return [.. documents.Select((document, index) =>
        {
            var mine = chunks.Where(c => c.DocumentIndex == index).ToList();
            var phrases = mine.SelectMany(c => c.Result?.KeyPhrases ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return new DocumentKeyPhrases(document.Id, phrases, mine.Select(c => c.Error).FirstOrDefault(e => e is not null));
        })];
    }

    private async Task<List<ChunkResult>> AnalyzeAsync(string kind, IReadOnlyList<TextDocument> documents, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var duplicate = documents.GroupBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Document id '{duplicate.Key}' is used more than once.", nameof(documents));
        }

        var chunks = new List<Chunk>();
        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            if (string.IsNullOrWhiteSpace(document.Text))
            {
                continue;
            }

            var spans = TextSplitter.Split(document.Text, MaxTextElementsPerDocument);
            var language = document.Language ?? options.DefaultLanguage;
            for (var part = 0; part < spans.Count; part++)
            {
                var (start, length) = spans[part];
                var id = spans.Count == 1 ? document.Id : $"{document.Id}#{part + 1}";
                chunks.Add(new Chunk(index, start, new WireDocument(id, language, document.Text.Substring(start, length))));
            }
        }

        var results = new List<ChunkResult>(chunks.Count);
        foreach (var batch in chunks.Chunk(batchSize))
        {
            var answer = await SendAsync(kind, batch, cancellationToken);
            var byId = (answer.Documents ?? []).ToDictionary(d => d.Id, StringComparer.Ordinal);
            var errorsById = (answer.Errors ?? []).ToDictionary(e => e.Id, e => ToError(e.Error), StringComparer.Ordinal);
            foreach (var chunk in batch)
            {
                var id = chunk.Document.Id;
                var error = errorsById.GetValueOrDefault(id)
                    ?? (byId.ContainsKey(id) ? null : new TextAnalysisError("MissingResult", "The service returned no result for this document."));
                if (error is not null)
                {
                    LanguageTelemetry.DocumentErrors.Add(1, new("kind", kind), new("code", error.Code));
                    LogDocumentFailed(logger, kind, id, error.Code);
                }

                results.Add(new ChunkResult(chunk.DocumentIndex, chunk.Offset, byId.GetValueOrDefault(id), error));
            }
        }

        return results;
    }

    private async Task<AnalyzeTextResults> SendAsync(string kind, Chunk[] batch, CancellationToken cancellationToken)
    {
        var body = new AnalyzeTextRequest(
            kind,
            new AnalyzeTextParameters(options.ModelVersion, kind == EntityRecognition ? "Utf16CodeUnit" : null),
            new AnalyzeTextInput([.. batch.Select(c => c.Document)]));

        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(analyzeTextUri);
        request.Uri.AppendQuery("api-version", options.ApiVersion, escapeValue: true);
        request.Headers.SetValue("Content-Type", "application/json");
        request.Headers.SetValue("Accept", "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, LanguageJsonContext.Default.AnalyzeTextRequest));

        var characters = batch.Sum(c => TextSplitter.CountTextElements(c.Document.Text));
        var textRecords = batch.Sum(c => LanguageTelemetry.TextRecordsOf(TextSplitter.CountTextElements(c.Document.Text)));
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        try
        {
            await pipeline.SendAsync(message, cancellationToken);
            var response = message.Response;
            status = response.Status;
            if (status != 200)
            {
                throw new RequestFailedException(response);
            }

            AnalyzeTextResponse? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(response.Content.ToMemory().Span, LanguageJsonContext.Default.AnalyzeTextResponse);
            }
            catch (JsonException ex)
            {
                throw new RequestFailedException(status, "The analyze-text response is not valid JSON.", "InvalidResponse", ex);
            }

            return parsed?.Results ?? throw new RequestFailedException(status, "The analyze-text response carried no results.", "InvalidResponse", null);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var outcome = status == 200 ? "ok" : "failed";
            KeyValuePair<string, object?>[] tags = [new("kind", kind), new("outcome", outcome), new("status", status)];
            LanguageTelemetry.Calls.Add(1, tags);
            LanguageTelemetry.Latency.Record(elapsed, tags);
            LanguageTelemetry.Documents.Add(batch.Length, tags[0]);
            LanguageTelemetry.Characters.Add(characters, tags[0]);
            LanguageTelemetry.TextRecords.Add(textRecords, tags[0]);
            LogCall(logger, kind, batch.Length, characters, textRecords, status, elapsed);
        }
    }

    private static TextAnalysisError ToError(WireError error)
    {
        // The service puts the specific reason (InvalidDocument, DocumentTooLong ...) in the inner error when there is one.
        var specific = error.Innererror ?? error;
        return new TextAnalysisError(specific.Code ?? error.Code ?? "Unknown", specific.Message ?? error.Message ?? string.Empty);
    }

    private static EntityCategory ParseCategory(string category) =>
        Enum.TryParse<EntityCategory>(category, ignoreCase: true, out var parsed) ? parsed : EntityCategory.Other;

    [LoggerMessage(EventId = 700, Level = LogLevel.Information,
        Message = "Language {Kind} call: {DocumentCount} documents, {Characters} characters, {TextRecords} text records; status {Status} in {ElapsedMs:F0} ms")]
    private static partial void LogCall(ILogger logger, string kind, int documentCount, int characters, int textRecords, int status, double elapsedMs);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Language {Kind} document {DocumentId} failed: {ErrorCode}")]
    private static partial void LogDocumentFailed(ILogger logger, string kind, string documentId, string errorCode);

    private sealed record Chunk(int DocumentIndex, int Offset, WireDocument Document);

    private sealed record ChunkResult(int DocumentIndex, int Offset, WireDocumentResult? Result, TextAnalysisError? Error);
}
