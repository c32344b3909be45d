using System.Text;
using Alerts.Core;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Alerts.Articles;

/// <summary>Markdown with optional YAML front matter (<c>title</c>, <c>published</c>, <c>source</c>, <c>url</c>); the body is stripped to plain text.</summary>
internal static class MarkdownArticleParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>Parses the article; returns false when the front matter is opened but never closed.</summary>
    public static bool TryParse(string text, ParsedArticle article)
    {
        var body = text;
        if (text.StartsWith("---\n", StringComparison.Ordinal))
        {
            var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
            var endLength = 5;
            if (end < 0 && text.EndsWith("\n---", StringComparison.Ordinal))
            {
                end = text.Length - 4;
                endLength = 4;
            }

            if (end < 0)
            {
                return false;
            }

            ReadFrontMatter(text.AsSpan(4, end - 4 + 1), article);
            body = text[(end + endLength)..];
        }

        var document = Markdown.Parse(body, Pipeline);
        var buffer = new StringBuilder();
        var first = true;
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (first && block is HeadingBlock { Level: 1 } headline)
            {
                // The headline repeats the title; it is not body text.
                AppendInlines(headline.Inline, buffer);
                article.Title ??= ParsedArticle.Collapse(buffer.ToString());
                buffer.Clear();
                first = false;
                continue;
            }

            first = false;
            switch (block)
            {
                case CodeBlock code:
                    article.AddParagraph(code.Lines.ToString());
                    break;
                case HtmlBlock:
                case ThematicBreakBlock:
                    break;
                default:
                    AppendInlines(block.Inline, buffer);
                    article.AddParagraph(buffer.ToString());
                    buffer.Clear();
                    break;
            }
        }

        article.SetPublished(PublicationDates.FromUrl(article.Url), PublishedSource.Url);
        return true;
    }

    private static void ReadFrontMatter(ReadOnlySpan<char> yaml, ParsedArticle article)
    {
        foreach (var range in yaml.Split('\n'))
        {
            var line = yaml[range];
            var colon = line.IndexOf(':');
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            var key = line[..colon].Trim().ToString().ToLowerInvariant();
            var value = Unquote(line[(colon + 1)..].Trim());
            switch (key)
            {
                case "title":
                    article.Title = value;
                    break;
                case "published" or "date":
                    article.SetPublished(PublicationDates.ParseValue(value), PublishedSource.FrontMatter);
                    break;
                case "source":
                    article.Source = value;
                    break;
                case "url":
                    article.Url = value;
                    break;
            }
        }
    }

    private static string Unquote(ReadOnlySpan<char> value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            return value[1..^1].ToString().Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1].ToString().Replace("''", "'", StringComparison.Ordinal);
        }

        return value.ToString();
    }

    private static void AppendInlines(ContainerInline? container, StringBuilder text)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case LinkInline { IsImage: true }:
                case HtmlInline:
                    break;
                case ContainerInline child:
                    AppendInlines(child, text);
                    break;
            }
        }
    }
}
