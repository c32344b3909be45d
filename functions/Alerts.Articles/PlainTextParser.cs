using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Alerts.Core;

namespace Alerts.Articles;

/// <summary>
/// Plain text. With header lines (<c>Title:</c>, <c>Published:</c>, <c>Source:</c>, <c>Url:</c>) the rest is the body, one paragraph per
/// blank-line-separated block. Without them the file is treated as a page captured as text: page chrome, captions, taglines and share
/// counters are dropped, the first headline-like line is the title, a short dated line just under it is the byline, and a second
/// repeated headline after a blank-line gap starts a second story.
/// </summary>
internal static partial class PlainTextParser
{
    private static readonly HashSet<string> KnownJunkLines = new(StringComparer.OrdinalIgnoreCase)
    {
        "top", "logo", "radio radio icon", "advertisement", "share", "menu", "skip to content", "back to top", "read more", "print", "email",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> JunkLineLookup = KnownJunkLines.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Parse(string text, ParsedArticle article)
    {
        var lines = text.Split('\n');
        var first = HeaderLines(lines, article);
        if (first > 0)
        {
            AddBlocks(lines.AsSpan(first), article, article.Title);
            article.SetPublished(PublicationDates.FromUrl(article.Url), PublishedSource.Url);
        }
        else
        {
            ParsePage(lines, article);
        }
    }

    /// <summary>Adds one paragraph per blank-line-separated block; lines of a block are joined with a space.</summary>
    public static void AddBlocks(ReadOnlySpan<string> lines, ParsedArticle article, string? title = null)
    {
        var start = -1;
        for (var i = 0; i <= lines.Length; i++)
        {
            var blank = i == lines.Length || string.IsNullOrWhiteSpace(lines[i]);
            if (!blank && start < 0)
            {
                start = i;
            }
            else if (blank && start >= 0)
            {
                AddBlock(lines[start..i], article, title);
                start = -1;
            }
        }
    }

    private static void AddBlock(ReadOnlySpan<string> block, ParsedArticle article, string? title)
    {
        if (block.Length == 1)
        {
            var line = block[0].AsSpan().Trim();
            if (!JunkLineLookup.Contains(line) && !(title is not null && line.SequenceEqual(title)))
            {
                article.AddParagraph(line);
            }

            return;
        }

        AddJoined(block, article);
    }

    /// <summary>
    /// Joins the lines of one block into a paragraph. A short line without closing punctuation (a subhead, a live-blog entry's
    /// "23:52 | Summary" line) keeps its line end so it does not run into the sentence after it; other lines are joined with a space.
    /// </summary>
    private static void AddJoined(ReadOnlySpan<string> block, ParsedArticle article)
    {
        var parts = new List<string>();
        var run = new List<string>();
        var lines = block.ToArray().Select(l => ParsedArticle.Collapse(l)).Where(l => l.Length > 0).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            run.Add(line);

            // A heading, not a wrapped sentence: the next line starts a new one (capital or digit). A live-blog entry's
            // "16:45 | UN: "Talks go on"" line is a heading however it ends.
            if (i + 1 < lines.Count && (LiveEntry().IsMatch(line)
                                        || (IsHeading(line) && (char.IsUpper(line[0]) || char.IsDigit(line[0])) && (char.IsUpper(lines[i + 1][0]) || char.IsDigit(lines[i + 1][0])))))
            {
                parts.Add(string.Join(' ', run));
                run.Clear();
            }
        }

        if (run.Count > 0)
        {
            parts.Add(string.Join(' ', run));
        }

        if (parts.Count > 0)
        {
            article.Paragraphs.Add(string.Join("\n", parts));
        }
    }

    [GeneratedRegex(@"^\d{1,2}[:.]\d{2}\s*(?:[|\u2013\u2014-]|GMT|UTC|BST|CET)")]
    private static partial Regex LiveEntry();

    private static bool IsHeading(string line)
        => WordCount(line) <= 12 && line[^1] is not ('.' or ',' or ';' or ':' or '!' or '?' or '"' or '\u201D' or '\'' or '\u2019' or '-' or '\u2014' or ')');

    /// <summary>Reads the header lines at the top; returns the index of the first body line, or 0 when there is no header.</summary>
    private static int HeaderLines(string[] lines, ParsedArticle article)
    {
        var i = 0;
        while (i < lines.Length && string.IsNullOrWhiteSpace(lines[i]))
        {
            i++;
        }

        var known = false;
        for (; i < lines.Length; i++)
        {
            var line = lines[i].AsSpan().Trim();
            var colon = line.IndexOf(':');
            if (line.IsEmpty || colon <= 0 || colon > 20)
            {
                break;
            }

            var key = line[..colon].ToString().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim().ToString();
            switch (key)
            {
                case "title" or "headline":
                    article.Title ??= value;
                    break;
                case "published" or "date" or "pubdate":
                    article.SetPublished(PublicationDates.ParseValue(value), PublishedSource.Header);
                    break;
                case "source" or "outlet":
                    article.Source ??= value;
                    break;
                case "url" or "link":
                    article.Url ??= value;
                    break;
                case "author" or "byline" or "tags" or "section" or "category" or "updated" or "modified" or "language" or "lang" or "id":
                    break;
                default:
                    return known ? i : 0;
            }

            known = true;
        }

        return known ? i : 0;
    }

    private static void ParsePage(string[] rawLines, ParsedArticle article)
    {
        var lines = new List<(string Text, int BlankBefore)>(rawLines.Length);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var blanks = 0;
        foreach (var raw in rawLines)
        {
            var line = ParsedArticle.Collapse(raw);
            if (line.Length == 0)
            {
                blanks++;
                continue;
            }

            lines.Add((line, blanks));
            counts[line] = counts.GetValueOrDefault(line) + 1;
            blanks = 0;
        }

        // The headline: the first substantial line that is not page chrome (a capture-date line, "logo", a share counter).
        var start = lines.FindIndex(l => !IsJunk(l.Text) && WordCount(l.Text) >= 4 && !IsDateLine(l.Text));
        if (start < 0)
        {
            return;
        }

        string? storyTitle = null;
        if (IsHeadline(lines[start].Text))
        {
            storyTitle = article.Title = lines[start].Text;
            start++;
        }

        var block = new List<string>();
        var bylineWindow = 4;
        for (var i = start; i < lines.Count; i++)
        {
            var (line, blankBefore) = lines[i];
            if (blankBefore > 0)
            {
                Flush(block, article);
            }

            if (line == storyTitle)
            {
                continue;
            }

            var repeated = counts[line] > 1;
            if (repeated && blankBefore >= 2 && IsHeadline(line) && article.Paragraphs.Count > 0)
            {
                Flush(block, article);
                storyTitle = line;
                article.LaterStories.Add((article.Paragraphs.Count, line));
                continue;
            }

            if (repeated)
            {
                continue;
            }

            // A short dated line just under the headline is the byline; a dated line above the headline was page chrome (the capture date).
            if (bylineWindow > 0 && article.LaterStories.Count == 0 && IsDateLine(line) && PublicationDates.FindInLine(line) is { } byline)
            {
                article.SetPublished(byline, PublishedSource.Byline);
                bylineWindow = 0;
                continue;
            }

            if (IsJunk(line))
            {
                continue;
            }

            bylineWindow--;
            block.Add(line);
        }

        Flush(block, article);
    }

    private static void Flush(List<string> block, ParsedArticle article)
    {
        if (block.Count > 0)
        {
            AddJoined(CollectionsMarshal.AsSpan(block), article);
            block.Clear();
        }
    }

    /// <summary>A short line carrying a date and not written as a sentence: a byline or a page's date line.</summary>
    private static bool IsDateLine(string line) =>
        WordCount(line) <= 12 && line[^1] is not ('.' or '!' or '?' or '"' or '\u201D') && PublicationDates.FindInLine(line) is not null;

    /// <summary>A headline: a few words to a long sentence's worth, starting with a capital, not ending like a sentence.</summary>
    private static bool IsHeadline(string line)
    {
        var words = WordCount(line);
        return words is >= 3 and <= 30 && char.IsUpper(line[0]) && line[^1] is not ('.' or ',' or ';' or ':');
    }

    /// <summary>Page chrome: counters and other lines without letters, copyright lines, known labels, and short fragments that are not sentences.</summary>
    private static bool IsJunk(string line)
    {
        if (!line.AsSpan().ContainsAnyExcept(NonLetters.Chars) || KnownJunkLines.Contains(line))
        {
            return true;
        }

        if (line.StartsWith("copyright", StringComparison.OrdinalIgnoreCase) || line.StartsWith('©'))
        {
            return true;
        }

        return WordCount(line) <= 3 && line[^1] is not ('.' or '!' or '?' or '"' or '\u201D' or '\u2019' or ')');
    }

    private static int WordCount(string line)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                words++;
            }
        }

        return words;
    }

    private static class NonLetters
    {
        public static readonly System.Buffers.SearchValues<char> Chars = System.Buffers.SearchValues.Create("0123456789 .,;:!?-–—•·|/()[]#*+=%&@'\"“”‘’");
    }
}
