using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Delivery;

/// <summary>
/// Makes article text (untrusted: it comes from whatever page was dropped) inert where it is rendered: HTML-encoded in
/// email, Markdown-escaped in Adaptive Cards, one line in headers, and links only when they are absolute http(s) URLs.
/// </summary>
public static partial class AlertTextEncoding
{
    private const string MarkdownSpecials = "\\`*_[](){}<>#+-!|~";

    /// <summary>HTML-encodes text (also quotes, so it is safe in attributes).</summary>
    public static string Html(string? text) => WebUtility.HtmlEncode(SingleLine(text));

    /// <summary>
    /// Backslash-escapes every character Adaptive Card Markdown (or a <c>{{DATE()}}</c> function) could act on, so the text
    /// shows as written and makes no link, emphasis, heading or list.
    /// </summary>
    public static string Markdown(string? text)
    {
        var line = SingleLine(text);
        var escaped = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            if (MarkdownSpecials.Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Undoes <see cref="Markdown"/> (for the preview, which shows card text as Teams would).</summary>
    public static string UnescapeMarkdown(string text) => MarkdownEscape().Replace(text, "$1");

    /// <summary>Control characters and line breaks become spaces, runs of whitespace one space. Keeps headers single-line.</summary>
    public static string SingleLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The URL when it is an absolute http or https URL without user info; otherwise null.</summary>
    public static Uri? SafeLink(string? url)
        => Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.UserInfo)
                ? uri
                : null;

    /// <summary>Cuts text to at most <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(0, max - 1)), "…");

    /// <summary>Replaces every URL in <paramref name="text"/> by its scheme and host, so error text never carries a secret path or query.</summary>
    public static string RedactUrls(string? text) => text is null ? string.Empty : UrlPattern().Replace(text, m =>
        Uri.TryCreate(m.Value, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}/…" : "[url]");

    /// <summary>Scheme and host of a URL, for messages about it.</summary>
    public static string SchemeAndHost(Uri uri) => $"{uri.Scheme}://{uri.Host}";

    [GeneratedRegex(@"\\([\\`*_\[\](){}<>#+\-!|~])")]
    private static partial Regex MarkdownEscape();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.\-]*://[^\s""'<>]+")]
    private static partial Regex UrlPattern();
}
