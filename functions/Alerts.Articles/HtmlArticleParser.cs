using System.Text;
using System.Text.Json;
using Alerts.Core;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Alerts.Articles;

/// <summary>
/// HTML pages: metadata from the head (title, <c>article:published_time</c>, Open Graph, JSON-LD, <c>&lt;time datetime&gt;</c>, canonical URL),
/// text from the main article container with scripts, navigation, footers, cookie banners, tickers and "related"/"most read" boxes dropped.
/// </summary>
internal static class HtmlArticleParser
{
    /// <summary>One parser per thread: the pipeline may read several blobs at once.</summary>
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions
    {
        SkipComments = true,
        SkipRawText = true,
        DisableElementPositionTracking = true,
    }));

    private static readonly HashSet<string> JunkTags = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template", "button", "select", "input",
        "textarea", "object", "embed", "figcaption", "dialog", "menu", "img", "picture", "video", "audio", "canvas", "head",
    };

    private static readonly HashSet<string> JunkRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu", "menubar", "toolbar",
    };

    /// <summary>Words in a class or id that mark page furniture rather than story text.</summary>
    private static readonly HashSet<string> JunkWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "cookie", "cookies", "consent", "gdpr", "ticker", "related", "trending", "share", "sharing", "social", "newsletter", "subscribe",
        "subscription", "promo", "advert", "advertisement", "ad", "ads", "sponsored", "breadcrumb", "breadcrumbs", "sidebar", "banner",
        "paywall", "comments", "comment", "popup", "modal", "masthead", "nav", "navbar", "menu", "footer", "header", "byline", "dateline",
        "caption", "credit", "also", "more", "recommended", "next", "most", "mostread", "popular", "deal", "lang", "skip", "toolbar", "widget",
        "meta", "when", "timestamp", "author", "tags", "outbrain", "taboola", "brand", "logo",
    };

    private static readonly HashSet<string> TeaserWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "related", "trending", "recommended", "more", "most", "mostread", "popular", "also", "next", "sidebar", "teaser", "promo",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main", "ul", "ol", "pre", "table", "tr",
        "td", "th", "dl", "dt", "dd", "figure", "address", "hr",
    };

    private static readonly HashSet<string> ProtectedTags = new(StringComparer.Ordinal) { "html", "body", "main", "article" };

    /// <summary>Parses the page; returns a rejection message when the page is cut off (a truncated upload), else null.</summary>
    public static string? Parse(string html, ParsedArticle article)
    {
        if (Truncation(html) is { } truncated)
        {
            return truncated;
        }

        var document = Parser.Value!.ParseDocument(html);
        ReadMetadata(document, article);

        var body = document.Body;
        if (body is null)
        {
            return null;
        }

        // A <time> of the story's own byline (bylines are dropped from the text below), never one from a teaser box; then the URL's date.
        var time = body.QuerySelectorAll("time[datetime]").FirstOrDefault(t => !InTeaser(t))?.GetAttribute("datetime");
        article.SetPublished(PublicationDates.ParseValue(time), PublishedSource.Byline);
        article.SetPublished(PublicationDates.FromUrl(article.Url), PublishedSource.Url);

        var bodyText = ParagraphTextLength(body);
        foreach (var junk in body.QuerySelectorAll("*").Where(e => IsJunk(e, bodyText)).ToList())
        {
            junk.Remove();
        }

        var container = ChooseContainer(body);

        var collector = new TextCollector(article);
        collector.Walk(container);
        collector.Flush();
        return null;
    }

    /// <summary>Adds the paragraphs of an HTML fragment (a feed item's body written as markup).</summary>
    public static void AddFragment(string html, ParsedArticle article)
    {
        var document = Parser.Value!.ParseDocument(html);
        if (document.Body is { } body)
        {
            var bodyText = ParagraphTextLength(body);
            foreach (var junk in body.QuerySelectorAll("*").Where(e => IsJunk(e, bodyText)).ToList())
            {
                junk.Remove();
            }

            var collector = new TextCollector(article);
            collector.Walk(body);
            collector.Flush();
        }
    }

    /// <summary>A page that opens <c>&lt;html&gt;</c> or <c>&lt;body&gt;</c> but never closes it, or ends inside a tag, was cut off.</summary>
    private static string? Truncation(string html)
    {
        var span = html.AsSpan().TrimEnd();
        if (span.LastIndexOf('<') > span.LastIndexOf('>'))
        {
            return "The HTML ends inside a tag; the upload looks truncated.";
        }

        foreach (var tag in (ReadOnlySpan<string>)["html", "body"])
        {
            if (span.Contains($"<{tag}", StringComparison.OrdinalIgnoreCase) && !span.Contains($"</{tag}>", StringComparison.OrdinalIgnoreCase))
            {
                return $"The HTML opens <{tag}> but never closes it; the upload looks truncated.";
            }
        }

        return null;
    }

    private static void ReadMetadata(IDocument document, ParsedArticle article)
    {
        var metas = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            var content = meta.GetAttribute("content");
            if (key is not null && !string.IsNullOrWhiteSpace(content))
            {
                metas.TryAdd(key.Trim(), content.Trim());
            }
        }

        string? Meta(params string[] names)
        {
            foreach (var name in names)
            {
                if (metas.TryGetValue(name, out var content))
                {
                    return content;
                }
            }

            return null;
        }

        article.Source = Meta("og:site_name");
        article.Url = document.QuerySelectorAll("link[rel]").FirstOrDefault(l => string.Equals(l.GetAttribute("rel"), "canonical", StringComparison.OrdinalIgnoreCase))?.GetAttribute("href")?.Trim() ?? Meta("og:url");
        article.Title = TitleWithoutSite(document.Title, article) ?? Meta("og:title", "twitter:title") ?? Text(document.QuerySelector("h1"));

        article.SetPublished(PublicationDates.ParseValue(Meta("article:published_time", "og:article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date", "dcterms.created")), PublishedSource.Meta);
        if (article.Published is null)
        {
            foreach (var script in document.QuerySelectorAll("script[type]").Where(s => string.Equals(s.GetAttribute("type"), "application/ld+json", StringComparison.OrdinalIgnoreCase)))
            {
                article.SetPublished(PublicationDates.ParseValue(JsonLdDatePublished(script.TextContent)), PublishedSource.Meta);
            }
        }

    }

    /// <summary>The page title minus a site suffix (" | Site", " - Site", " — Site"), which becomes the source when none is known.</summary>
    private static string? TitleWithoutSite(string? title, ParsedArticle article)
    {
        title = ParsedArticle.Collapse(title);
        if (title.Length == 0)
        {
            return null;
        }

        var cut = -1;
        foreach (var separator in (ReadOnlySpan<string>)[" | ", " - ", " \u2014 ", " \u2013 "])
        {
            cut = Math.Max(cut, title.LastIndexOf(separator, StringComparison.Ordinal));
        }

        if (cut > 0)
        {
            var suffix = title[(cut + 3)..].Trim();
            var site = article.Source;
            if ((site is not null && suffix.Equals(site, StringComparison.OrdinalIgnoreCase)) || (suffix.Count(c => c == ' ') < 5 && suffix.Length < cut))
            {
                article.Source ??= suffix;
                return title[..cut].Trim();
            }
        }

        return title;
    }

    private static string? JsonLdDatePublished(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return Find(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }

        static string? Find(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    if (element.TryGetProperty("datePublished", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }

                    foreach (var property in element.EnumerateObject())
                    {
                        if (Find(property.Value) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (Find(item) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
    }

    /// <summary>Inside a box of links to other stories (related, most read, sidebar, navigation, footer).</summary>
    private static bool InTeaser(IElement element)
    {
        for (var e = element.ParentElement; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "aside" or "nav" or "footer" || HasWord(e.ClassName, TeaserWords) || HasWord(e.Id, TeaserWords))
            {
                return true;
            }
        }

        return false;
    }

    private static int ParagraphTextLength(IElement element) => element.QuerySelectorAll("p").Sum(p => p.TextContent.Length);

    private static bool IsJunk(IElement element, int bodyText)
    {
        var tag = element.LocalName;
        if (JunkTags.Contains(tag) || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true")
        {
            return true;
        }

        if (element.GetAttribute("role") is { } role && JunkRoles.Contains(role))
        {
            return true;
        }

        if (ProtectedTags.Contains(tag))
        {
            return false;
        }

        // A class or id word alone never removes the story itself: a wrapper that holds the article or most of the page's paragraphs stays.
        return (HasWord(element.ClassName, JunkWords) || HasWord(element.Id, JunkWords))
            && element.QuerySelector("article, main") is null
            && ParagraphTextLength(element) * 2 <= bodyText;
    }

    private static bool HasWord(string? value, HashSet<string> words)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var span = value.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var letter = i < span.Length && char.IsLetter(span[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(span[start..i]))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }

    /// <summary>The <c>&lt;article&gt;</c> with the most paragraph text, else the element whose <c>&lt;p&gt;</c> children carry the most text, else the body.</summary>
    private static IElement ChooseContainer(IElement body)
    {
        IElement? best = null;
        var bestLength = 0;
        foreach (var article in body.QuerySelectorAll("article"))
        {
            var length = ParagraphTextLength(article);
            if (length > bestLength)
            {
                (best, bestLength) = (article, length);
            }
        }

        if (best is not null)
        {
            return best;
        }

        var byParent = new Dictionary<IElement, int>();
        foreach (var p in body.QuerySelectorAll("p"))
        {
            if (p.ParentElement is { } parent)
            {
                var length = byParent.GetValueOrDefault(parent) + p.TextContent.Length;
                byParent[parent] = length;
                if (length > bestLength)
                {
                    (best, bestLength) = (parent, length);
                }
            }
        }

        return best ?? body;
    }

    /// <summary>Walks the container: block elements become paragraphs, the first <c>&lt;h1&gt;</c> (the headline) is skipped, two line breaks end a paragraph.</summary>
    private sealed class TextCollector(ParsedArticle article)
    {
        private readonly StringBuilder _text = new();
        private bool _skipHeadline = true;
        private bool _afterBreak;

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText t)
                {
                    _text.Append(t.Data);
                    _afterBreak &= string.IsNullOrWhiteSpace(t.Data);
                }
                else if (child is IElement e)
                {
                    var tag = e.LocalName;
                    if (tag == "br")
                    {
                        if (_afterBreak)
                        {
                            Flush();
                        }
                        else
                        {
                            _text.Append(' ');
                            _afterBreak = true;
                        }
                    }
                    else if (tag == "h1" && _skipHeadline)
                    {
                        _skipHeadline = false;
                    }
                    else if (BlockTags.Contains(tag))
                    {
                        Flush();
                        Walk(e);
                        Flush();
                    }
                    else
                    {
                        Walk(e);
                    }
                }
            }
        }

        public void Flush()
        {
            _afterBreak = false;
            if (_text.Length > 0)
            {
                article.AddParagraph(_text.ToString());
                _text.Clear();
            }
        }
    }

    private static string? Text(IElement? element) => element is null ? null : ParsedArticle.Collapse(element.TextContent) is { Length: > 0 } s ? s : null;
}
