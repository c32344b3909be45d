using System.Text;
using Alerts.Core;

namespace Alerts.Articles;

/// <summary>What a format parser found: metadata plus body paragraphs, and where each story starts.</summary>
internal sealed class ParsedArticle
{
    public string? Title { get; set; }

    public DateTimeOffset? Published { get; set; }

    public PublishedSource PublishedSource { get; set; }

    public string? Source { get; set; }

    public string? Url { get; set; }

    /// <summary>Body paragraphs, each already whitespace-collapsed and non-empty.</summary>
    public List<string> Paragraphs { get; } = [];

    /// <summary>Stories after the first: the index of the story's first paragraph and its headline.</summary>
    public List<(int FirstParagraph, string? Title)> LaterStories { get; } = [];

    public void SetPublished(DateTimeOffset? published, PublishedSource source)
    {
        if (Published is null && published is not null)
        {
            Published = published;
            PublishedSource = source;
        }
    }

    /// <summary>Adds a paragraph after collapsing its whitespace; blank paragraphs are ignored.</summary>
    public void AddParagraph(ReadOnlySpan<char> raw)
    {
        var collapsed = Collapse(raw);
        if (collapsed.Length > 0)
        {
            Paragraphs.Add(collapsed);
        }
    }

    /// <summary>Trims and collapses every run of whitespace (including no-break spaces and line ends) to one space.</summary>
    public static string Collapse(ReadOnlySpan<char> raw)
    {
        raw = raw.Trim();
        if (raw.IsEmpty)
        {
            return string.Empty;
        }

        var clean = true;
        for (var i = 0; i < raw.Length && clean; i++)
        {
            clean = raw[i] == ' ' ? !char.IsWhiteSpace(raw[i + 1]) : !char.IsWhiteSpace(raw[i]);
        }

        if (clean)
        {
            return raw.ToString();
        }

        var sb = new StringBuilder(raw.Length);
        var space = false;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
