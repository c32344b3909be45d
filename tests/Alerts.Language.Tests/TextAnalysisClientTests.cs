using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;

namespace Alerts.Language.Tests;

public sealed class TextAnalysisClientTests
{
    private const string Key = "test-key-6c1f";

    private static readonly CannedEntity[] Names =
    [
        new("Qarvan Ridge", "Location", "Geographical", 0.91),
        new("Northern Lantern Brigade", "Organization", null, 0.88),
    ];

    [Fact]
    public async Task RecognizeEntitiesAsync_WithKey_SendsDocumentedRequestAndParsesEntities()
    {
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r, Names));
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key));
        const string text = "Fighters of the Northern Lantern Brigade shelled Qarvan Ridge overnight, wounding 3 herders.";

        var results = await client.RecognizeEntitiesAsync([new TextDocument("a1", text)]);

        var request = Assert.Single(listener.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/language/:analyze-text", request.Path);
        Assert.Equal("?api-version=2024-11-01", request.Query);
        Assert.Equal(Key, request.Header("Ocp-Apim-Subscription-Key"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal("EntityRecognition", request.Kind);
        Assert.Equal("latest", (string?)request.Body["parameters"]!["modelVersion"]);
        Assert.Equal("Utf16CodeUnit", (string?)request.Body["parameters"]!["stringIndexType"]);
        var sent = Assert.Single(request.Documents);
        Assert.Equal("a1", (string?)sent["id"]);
        Assert.Equal("en", (string?)sent["language"]);
        Assert.Equal(text, (string?)sent["text"]);

        var document = Assert.Single(results);
        Assert.Null(document.Error);
        var place = Assert.Single(document.Entities, e => e.Category == EntityCategory.Location);
        Assert.Equal(("Qarvan Ridge", "Geographical", 0.91), (place.Text, place.Subcategory, place.ConfidenceScore));
        Assert.Equal("Qarvan Ridge", text.Substring(place.Offset, place.Length));
        Assert.Contains(document.Entities, e => e.Category == EntityCategory.Organization && e.Text == "Northern Lantern Brigade");
        Assert.Contains(document.Entities, e => e.Category == EntityCategory.Quantity && e.Text == "3");
    }

    [Fact]
    public async Task RecognizeEntitiesAsync_TwelveDocuments_SendsBatchesOfFiveInOrder()
    {
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r, Names));
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key));
        var documents = Enumerable.Range(1, 12).Select(i => new TextDocument($"d{i}", $"Report {i}: patrols crossed Qarvan Ridge.")).ToList();

        var results = await client.RecognizeEntitiesAsync(documents);

        Assert.Equal([5, 5, 2], listener.Requests.Select(r => r.Documents.Count));
        Assert.Equal(documents.Select(d => d.Id), listener.Requests.SelectMany(r => r.Documents).Select(d => (string)d["id"]!));
        Assert.Equal(documents.Select(d => d.Id), results.Select(r => r.Id));
        Assert.All(results, r => Assert.Contains(r.Entities, e => e.Text == "Qarvan Ridge"));
    }

    [Fact]
    public async Task ExtractKeyPhrasesAsync_TwelveDocuments_SendsBatchesOfTenWithoutStringIndexType()
    {
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r, Names));
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key), new TextAnalysisClientOptions { ApiVersion = "2023-04-01" });
        var documents = Enumerable.Range(1, 12).Select(i => new TextDocument($"k{i}", $"The Northern Lantern Brigade held Qarvan Ridge on day {i}.")).ToList();

        var results = await client.ExtractKeyPhrasesAsync(documents);

        Assert.Equal([10, 2], listener.Requests.Select(r => r.Documents.Count));
        Assert.All(listener.Requests, r =>
        {
            Assert.Equal("KeyPhraseExtraction", r.Kind);
            Assert.Equal("?api-version=2023-04-01", r.Query);
            Assert.Null(r.Body["parameters"]!["stringIndexType"]);
        });
        Assert.All(results, r => Assert.Contains("Northern Lantern Brigade", r.KeyPhrases));
    }

    [Fact]
    public async Task RecognizeEntitiesAsync_TextOverLimit_SplitsByTextElementsAndMapsOffsetsBack()
    {
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r, Names));
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key));
        // Emoji are two UTF-16 code units but one text element: the limit counts elements, the offsets count code units.
        var filler = string.Concat(Enumerable.Repeat("Quiet day on the coast \U0001F30A\U0001F30A. ", 300));
        var text = filler + "Then the Northern Lantern Brigade reached Qarvan Ridge.";

        var results = await client.RecognizeEntitiesAsync([new TextDocument("long", text)]);

        var sent = listener.Requests.SelectMany(r => r.Documents).ToList();
        Assert.True(sent.Count >= 2, $"expected the text to be split, got {sent.Count} document(s)");
        Assert.Equal(sent.Select((_, i) => $"long#{i + 1}"), sent.Select(d => (string)d["id"]!));
        Assert.All(sent, d => Assert.InRange(new StringInfo((string)d["text"]!).LengthInTextElements, 1, TextAnalysisClient.MaxTextElementsPerDocument));
        Assert.Equal(text, string.Concat(sent.Select(d => (string)d["text"]!)));
        var place = Assert.Single(Assert.Single(results).Entities, e => e.Category == EntityCategory.Location);
        Assert.Equal("Qarvan Ridge", text.Substring(place.Offset, place.Length));
    }

    [Fact]
    public async Task RecognizeEntitiesAsync_OneDocumentRejected_SurfacesErrorOnThatDocumentOnly()
    {
        await using var listener = await LanguageServiceListener.StartAsync(r =>
        {
            var answer = JsonNode.Parse(CannedLanguageService.Respond(r, Names).Body)!;
            var documents = answer["results"]!["documents"]!.AsArray();
            documents.RemoveAt(1);
            answer["results"]!["errors"]!.AsArray().Add(new JsonObject
            {
                ["id"] = "bad",
                ["error"] = new JsonObject
                {
                    ["code"] = "InvalidArgument",
                    ["message"] = "Invalid document in request.",
                    ["innererror"] = new JsonObject { ["code"] = "InvalidDocument", ["message"] = "Document text is empty." },
                },
            });
            return CannedResponse.Json(answer);
        });
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key));

        var results = await client.RecognizeEntitiesAsync(
            [new TextDocument("good", "Qarvan Ridge was quiet."), new TextDocument("bad", "x"), new TextDocument("also-good", "Qarvan Ridge again.")]);

        Assert.Null(results[0].Error);
        Assert.NotEmpty(results[0].Entities);
        Assert.Equal(new TextAnalysisError("InvalidDocument", "Document text is empty."), results[1].Error);
        Assert.Empty(results[1].Entities);
        Assert.Null(results[2].Error);
        Assert.NotEmpty(results[2].Entities);
    }

    [Fact]
    public async Task RecognizeEntitiesAsync_TooManyRequestsWithRetryAfter_WaitsAndRetries()
    {
        var calls = 0;
        await using var listener = await LanguageServiceListener.StartAsync(r => Interlocked.Increment(ref calls) == 1
            ? new CannedResponse(429, """{"error":{"code":"429","message":"Rate limit is exceeded."}}""", new Dictionary<string, string> { ["Retry-After"] = "1" })
            : CannedLanguageService.Respond(r, Names));
        var options = new TextAnalysisClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key), options);

        var results = await client.RecognizeEntitiesAsync([new TextDocument("r1", "Qarvan Ridge.")]);

        Assert.Equal(2, listener.Requests.Count);
        Assert.NotEmpty(Assert.Single(results).Entities);
        // The pipeline's own delay is at most 20 ms here, so a gap of about a second is the Retry-After header honoured.
        var gap = listener.Requests[1].ReceivedAt - listener.Requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"retried after {gap.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task RecognizeEntitiesAsync_ServiceRejectsRequest_ThrowsRequestFailedWithServiceCode()
    {
        await using var listener = await LanguageServiceListener.StartAsync(_ => new CannedResponse(
            400, """{"error":{"code":"InvalidRequest","message":"Invalid Request.","innererror":{"code":"UnsupportedLanguageCode","message":"Invalid language code."}}}"""));
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.RecognizeEntitiesAsync([new TextDocument("1", "text", "xx")]));

        Assert.Equal(400, ex.Status);
        Assert.Equal("InvalidRequest", ex.ErrorCode);
        Assert.Single(listener.Requests);
        Assert.Equal("xx", (string?)listener.Requests[0].Documents[0]["language"]);
    }

    [Fact]
    public async Task RecognizeEntitiesAsync_MalformedResponse_ThrowsRequestFailedInvalidResponse()
    {
        await using var listener = await LanguageServiceListener.StartAsync(_ => new CannedResponse(200, """{"kind":"EntityRecognitionResults","results":{"documents":[{"id":"1","entities":[{"text":"""));
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.RecognizeEntitiesAsync([new TextDocument("1", "text")]));

        Assert.Equal("InvalidResponse", ex.ErrorCode);
    }

    [Fact]
    public async Task RecognizeEntitiesAsync_DuplicateIds_ThrowsBeforeSending()
    {
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r, Names));
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key));

        await Assert.ThrowsAsync<ArgumentException>(() => client.RecognizeEntitiesAsync([new TextDocument("1", "a"), new TextDocument("1", "b")]));

        Assert.Empty(listener.Requests);
    }
}
