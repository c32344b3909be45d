using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Alerts.Core;

/// <summary>
/// Serializes <see cref="ArticleEventsMessage"/> for the <c>article-events</c> queue. A message too large for a queue travels
/// as a state document (<c>payloads/{articleId}.json</c>) and the queue carries a small reference message.
/// </summary>
public sealed class ArticleEventsCodec(IDocumentStore store, IOptions<PipelineOptions> options)
{
    public async Task<string> EncodeAsync(ArticleEventsMessage message, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(message, AlertsJsonContext.Default.ArticleEventsMessage);
        if (Encoding.UTF8.GetByteCount(json) <= options.Value.MaxInlineMessageBytes)
        {
            return json;
        }

        var path = $"payloads/{message.ArticleId}.json";
        await store.PutAsync(path, BinaryData.FromString(json), WriteCondition.None, cancellationToken);
        var reference = message with { Events = [], PayloadPath = path };
        return JsonSerializer.Serialize(reference, AlertsJsonContext.Default.ArticleEventsMessage);
    }

    /// <exception cref="InvalidDataException">The text is not an <c>article-events.v1</c> message, or its payload document is missing.</exception>
    public async Task<ArticleEventsMessage> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        var message = Deserialize(text);
        if (message.PayloadPath is not { } path)
        {
            return message;
        }

        var stored = await store.GetAsync(path, cancellationToken)
            ?? throw new InvalidDataException($"The payload document '{path}' of article {message.ArticleId} is missing.");
        return Deserialize(stored.Content.ToString());
    }

    private static ArticleEventsMessage Deserialize(string text)
    {
        ArticleEventsMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(text, AlertsJsonContext.Default.ArticleEventsMessage);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The message is not valid article-events JSON.", ex);
        }

        if (message is null || message.Schema != ArticleEventsMessage.WireName)
        {
            throw new InvalidDataException($"Expected a '{ArticleEventsMessage.WireName}' message, got '{message?.Schema}'.");
        }

        return message;
    }
}
