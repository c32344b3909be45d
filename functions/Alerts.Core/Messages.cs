namespace Alerts.Core;

/// <summary>
/// The <c>article-events</c> queue message (wire name <see cref="WireName"/>): one article's events, from
/// <c>ExtractArticleEvents</c> to <c>DetectChanges</c>. When the serialized message would pass the queue's size limit,
/// <see cref="Events"/> is empty and <see cref="PayloadPath"/> names a state document holding the full message.
/// </summary>
public sealed record ArticleEventsMessage
{
    public const string WireName = "article-events.v1";

    public string Schema { get; init; } = WireName;

    public required string ArticleId { get; init; }

    /// <summary>The blob name the article arrived under.</summary>
    public required string Name { get; init; }

    public string? Title { get; init; }

    public DateTimeOffset? Published { get; init; }

    public PublishedSource PublishedSource { get; init; }

    public string? Source { get; init; }

    public string? Url { get; init; }

    public IReadOnlyList<ArticleEvent> Events { get; init; } = [];

    /// <summary>Set when the events travel in a state document instead of the message.</summary>
    public string? PayloadPath { get; init; }
}

/// <summary>The <c>alert-deliveries</c> queue message (wire name <see cref="WireName"/>): deliver one stored alert to one subscriber.</summary>
public sealed record AlertDeliveryMessage
{
    public const string WireName = "alert-delivery.v1";

    public string Schema { get; init; } = WireName;

    public required string AlertId { get; init; }

    public required string SubscriberId { get; init; }

    /// <exception cref="InvalidDataException">The text is not an <c>alert-delivery.v1</c> message.</exception>
    public static AlertDeliveryMessage Parse(string text)
    {
        try
        {
            var message = System.Text.Json.JsonSerializer.Deserialize(text, AlertsJsonContext.Default.AlertDeliveryMessage);
            if (message is { Schema: WireName })
            {
                return message;
            }
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException("The message is not valid alert-delivery JSON.", ex);
        }

        throw new InvalidDataException($"Expected a '{WireName}' message.");
    }
}
