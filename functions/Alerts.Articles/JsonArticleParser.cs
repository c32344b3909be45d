using System.Text.Json;
using Alerts.Core;

namespace Alerts.Articles;

/// <summary>A JSON object with <c>title</c>, <c>published</c>, <c>source</c>, <c>url</c> and <c>body</c> (paragraphs separated by a blank line).</summary>
internal static class JsonArticleParser
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses the article; returns a rejection message when the JSON is broken or is not an article object.</summary>
    public static string? TryParse(string json, ParsedArticle article)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            return $"The JSON is not valid (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}); it may be truncated.";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"The JSON is a {root.ValueKind.ToString().ToLowerInvariant()}, not an article object with 'title', 'published' and 'body'.";
            }

            string? Get(params string[] names)
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && names.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                    {
                        return property.Value.GetString();
                    }
                }

                return null;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is "body" or "text" or "content" && property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    var found = property.Value.ValueKind switch
                    {
                        JsonValueKind.Object => "an object",
                        JsonValueKind.Array => "an array",
                        JsonValueKind.Number => "a number",
                        _ => "a boolean",
                    };
                    return $"`{property.Name}` must be a string (the article text), but it is {found}.";
                }
            }

            article.Title = Get("title", "headline");
            article.Source = Get("source", "outlet", "publisher");
            article.Url = Get("url", "link");
            article.SetPublished(PublicationDates.ParseValue(Get("published", "datePublished", "published_at", "date")), PublishedSource.Json);
            article.SetPublished(PublicationDates.FromUrl(article.Url), PublishedSource.Url);
            if (Get("body", "text", "content") is { } body)
            {
                if (LooksLikeMarkup(body))
                {
                    HtmlArticleParser.AddFragment(body, article);
                }
                else
                {
                    PlainTextParser.AddBlocks(body.ReplaceLineEndings("\n").Split('\n'), article, article.Title);
                }
            }

            return null;
        }
    }

    private static bool LooksLikeMarkup(string body) =>
        body.Contains("<p>", StringComparison.OrdinalIgnoreCase) || body.Contains("<p ", StringComparison.OrdinalIgnoreCase) || body.Contains("<br", StringComparison.OrdinalIgnoreCase);
}
