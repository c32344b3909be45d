using System.Text.Json.Serialization;

namespace Alerts.Core;

/// <summary>The format an article arrived in.</summary>
public enum ArticleFormat
{
    [JsonStringEnumMemberName("txt")] Text,
    [JsonStringEnumMemberName("html")] Html,
    [JsonStringEnumMemberName("json")] Json,
    [JsonStringEnumMemberName("md")] Markdown,
}

/// <summary>Where the publication time was read from.</summary>
public enum PublishedSource
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("header")] Header,
    [JsonStringEnumMemberName("meta")] Meta,
    [JsonStringEnumMemberName("json")] Json,
    [JsonStringEnumMemberName("front_matter")] FrontMatter,
    [JsonStringEnumMemberName("byline")] Byline,
    [JsonStringEnumMemberName("url")] Url,
}

/// <summary>Raw bytes of one dropped file, before any parsing.</summary>
/// <param name="Name">The blob or file name (for example <c>13-government-suspends-kessar-talks.txt</c>).</param>
/// <param name="Content">The bytes exactly as stored.</param>
/// <param name="ContentType">The stored content type, when the store knows one.</param>
public sealed record ArticleInput(string Name, ReadOnlyMemory<byte> Content, string? ContentType = null);

/// <summary>One story of a page. Most pages carry one; a page that carries two stories yields two.</summary>
/// <param name="Index">0-based position on the page.</param>
/// <param name="Title">The story's headline when the page shows one.</param>
/// <param name="Start">Offset of the story's first character in <see cref="Article.Text"/>.</param>
/// <param name="Length">Length of the story's text in <see cref="Article.Text"/>.</param>
public sealed record ArticleStory(int Index, string? Title, int Start, int Length);

/// <summary>A parsed article: clean text plus the metadata the extractor needs.</summary>
public sealed record Article
{
    /// <summary>Content identity: a hash of the normalised title, publication time and text, so the same text under two names is one article.</summary>
    public required string Id { get; init; }

    /// <summary>The blob or file name it arrived under.</summary>
    public required string Name { get; init; }

    public string? Title { get; init; }

    /// <summary>Publication time with the article's own UTC offset, or null when the article carries none.</summary>
    public DateTimeOffset? Published { get; init; }

    public PublishedSource PublishedSource { get; init; }

    /// <summary>The outlet, when known.</summary>
    public string? Source { get; init; }

    public string? Url { get; init; }

    public required ArticleFormat Format { get; init; }

    /// <summary>The visible body text, boilerplate removed; paragraphs separated by a blank line (<c>"\n\n"</c>), line ends normalised to <c>\n</c>.</summary>
    public required string Text { get; init; }

    /// <summary>The stories on the page, as spans of <see cref="Text"/>; at least one when <see cref="Text"/> is not empty.</summary>
    public required IReadOnlyList<ArticleStory> Stories { get; init; }

    /// <summary>The local calendar date of publication, in the article's own offset (not converted to UTC).</summary>
    [JsonIgnore]
    public DateOnly? PublishedDate => Published is { } p ? DateOnly.FromDateTime(p.DateTime) : null;
}

/// <summary>Why an input was refused. Every refused input is quarantined with this reason.</summary>
public enum RejectionReason
{
    [JsonStringEnumMemberName("empty")] Empty,
    [JsonStringEnumMemberName("too_large")] TooLarge,
    [JsonStringEnumMemberName("binary")] Binary,
    [JsonStringEnumMemberName("unknown_encoding")] UnknownEncoding,
    [JsonStringEnumMemberName("malformed_json")] MalformedJson,
    [JsonStringEnumMemberName("malformed_html")] MalformedHtml,
    [JsonStringEnumMemberName("malformed_markdown")] MalformedMarkdown,
    [JsonStringEnumMemberName("no_text")] NoText,
    [JsonStringEnumMemberName("processing_failed")] ProcessingFailed,
    [JsonStringEnumMemberName("utf16_without_bom")] Utf16WithoutBom,
    [JsonStringEnumMemberName("unsafe_name")] UnsafeName,
    [JsonStringEnumMemberName("too_complex")] TooComplex,
}

public sealed record ArticleRejection(RejectionReason Reason, string Message);

/// <summary>The outcome of reading one input: an article or a rejection, never both.</summary>
public sealed record ArticleReadResult
{
    private ArticleReadResult(Article? article, ArticleRejection? rejection)
    {
        Article = article;
        Rejection = rejection;
    }

    public Article? Article { get; }

    public ArticleRejection? Rejection { get; }

    public static ArticleReadResult Ok(Article article) => new(article, null);

    public static ArticleReadResult Rejected(RejectionReason reason, string message) => new(null, new ArticleRejection(reason, message));
}

/// <summary>Turns dropped bytes into an <see cref="Article"/>, or says why it can't.</summary>
public interface IArticleReader
{
    /// <summary>Reads one input. Never throws for bad input: malformed, binary or empty content yields a rejection.</summary>
    ArticleReadResult Read(ArticleInput input);
}
