using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alerts.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Articles;

/// <summary>
/// Reads every format a user drops (plain text with header lines, HTML, JSON, Markdown with front matter) in UTF-8 (with or without BOM),
/// UTF-16 or UTF-32 (with BOM), and turns bad input (binary, empty, oversize, broken JSON, empty HTML, undecodable text) into a rejection.
/// </summary>
public sealed class ArticleReader(IOptions<ArticleLimits> options) : IArticleReader
{
    /// <summary>A reader with default options.</summary>
    public ArticleReader()
        : this(Options.Create(new ArticleLimits()))
    {
    }

    public ArticleReadResult Read(ArticleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return ReadCore(input);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The reader promises a result, never an exception, for any bytes.
            return ArticleReadResult.Rejected(RejectionReason.ProcessingFailed, $"The file could not be read: {ex.GetType().Name}.");
        }
    }

    private ArticleReadResult ReadCore(ArticleInput input)
    {
        var bytes = input.Content.Span;
        var maxBytes = options.Value.MaxBytes;
        if (bytes.Length > maxBytes)
        {
            return ArticleReadResult.Rejected(RejectionReason.TooLarge, $"The file is {bytes.Length:N0} bytes, over the {maxBytes:N0}-byte limit (Articles:MaxBytes).");
        }

        if (!TextDecoder.TryDecode(bytes, out var text, out var rejection))
        {
            return ArticleReadResult.Rejected(rejection!.Reason, rejection.Message);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ArticleReadResult.Rejected(RejectionReason.Empty, bytes.IsEmpty ? "The file is empty (0 bytes)." : "The file contains only whitespace.");
        }

        text = NormalizeLineEnds(text);
        var format = DetectFormat(input, text);
        var parsed = new ParsedArticle();
        switch (format)
        {
            case ArticleFormat.Json:
                if (JsonArticleParser.TryParse(text, parsed) is { } jsonError)
                {
                    return ArticleReadResult.Rejected(RejectionReason.MalformedJson, jsonError);
                }

                break;
            case ArticleFormat.Html:
                if (HtmlArticleParser.Parse(text, parsed) is { } htmlError)
                {
                    return ArticleReadResult.Rejected(RejectionReason.MalformedHtml, htmlError);
                }

                break;
            case ArticleFormat.Markdown:
                if (!MarkdownArticleParser.TryParse(text, parsed))
                {
                    return ArticleReadResult.Rejected(RejectionReason.MalformedMarkdown, "The Markdown front matter starts with '---' but is never closed.");
                }

                break;
            default:
                PlainTextParser.Parse(text, parsed);
                break;
        }

        if (parsed.Paragraphs.Count == 0)
        {
            return format == ArticleFormat.Html
                ? ArticleReadResult.Rejected(RejectionReason.MalformedHtml, "The HTML page has no readable article text.")
                : ArticleReadResult.Rejected(RejectionReason.NoText, $"The {format.ToString().ToLowerInvariant()} file has no article text once page furniture is removed.");
        }

        return ArticleReadResult.Ok(Build(input.Name, format, parsed));
    }

    private static Article Build(string name, ArticleFormat format, ParsedArticle parsed)
    {
        var body = string.Join("\n\n", parsed.Paragraphs);
        var title = string.IsNullOrWhiteSpace(parsed.Title) ? null : ParsedArticle.Collapse(parsed.Title);
        return new Article
        {
            Id = ContentId(title, parsed.Published, body),
            Name = name,
            Title = title,
            Published = parsed.Published,
            PublishedSource = parsed.Published is null ? PublishedSource.None : parsed.PublishedSource,
            Source = string.IsNullOrWhiteSpace(parsed.Source) ? null : parsed.Source.Trim(),
            Url = string.IsNullOrWhiteSpace(parsed.Url) ? null : parsed.Url.Trim(),
            Format = format,
            Text = body,
            Stories = Stories(parsed, title),
        };
    }

    /// <summary>Story spans over the joined text: paragraph <c>i</c> starts after the lengths of the earlier ones plus two characters each.</summary>
    private static List<ArticleStory> Stories(ParsedArticle parsed, string? title)
    {
        var starts = new int[parsed.Paragraphs.Count + 1];
        for (var i = 0; i < parsed.Paragraphs.Count; i++)
        {
            starts[i + 1] = starts[i] + parsed.Paragraphs[i].Length + 2;
        }

        int End(int paragraph) => starts[paragraph] - 2;

        var bounds = new List<(int First, string? Title)> { (0, title) };
        bounds.AddRange(parsed.LaterStories.Where(s => s.FirstParagraph > 0 && s.FirstParagraph < parsed.Paragraphs.Count));
        var stories = new List<ArticleStory>(bounds.Count);
        for (var i = 0; i < bounds.Count; i++)
        {
            var start = starts[bounds[i].First];
            var end = i + 1 < bounds.Count ? End(bounds[i + 1].First) : End(parsed.Paragraphs.Count);
            stories.Add(new ArticleStory(i, bounds[i].Title, start, end - start));
        }

        return stories;
    }

    /// <summary>First 32 hex characters of SHA-256 over the normalised title, the publication time (ISO-8601) and the text.</summary>
    private static string ContentId(string? title, DateTimeOffset? published, string text)
    {
        var identity = string.Concat(
            title ?? string.Empty, "\n",
            published?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? string.Empty, "\n",
            text);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static string NormalizeLineEnds(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.ReplaceLineEndings("\n") : text;

    private static bool LooksLikeHtmlPage(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static ArticleFormat DetectFormat(ArticleInput input, string text)
    {
        var extension = Path.GetExtension(input.Name).ToLowerInvariant();
        switch (extension)
        {
            case ".html" or ".htm" or ".xhtml":
                return ArticleFormat.Html;
            case ".json":
                return ArticleFormat.Json;
            case ".md" or ".markdown":
                return ArticleFormat.Markdown;
            case ".txt" or ".text":
                // A web page saved under a .txt name is still a web page.
                return LooksLikeHtmlPage(text) ? ArticleFormat.Html : ArticleFormat.Text;
        }

        var contentType = input.ContentType ?? string.Empty;
        if (contentType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return ArticleFormat.Html;
        }

        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return ArticleFormat.Json;
        }

        if (contentType.Contains("markdown", StringComparison.OrdinalIgnoreCase))
        {
            return ArticleFormat.Markdown;
        }

        var start = text.AsSpan().TrimStart();
        return start switch
        {
            ['{', ..] => ArticleFormat.Json,
            ['<', ..] => ArticleFormat.Html,
            _ when start.StartsWith("---\n") => ArticleFormat.Markdown,
            _ => ArticleFormat.Text,
        };
    }
}
