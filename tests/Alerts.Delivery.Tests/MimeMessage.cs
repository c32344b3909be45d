using System.Text;

namespace Alerts.Delivery.Tests;

/// <summary>Just enough MIME reading to check what the channels wrote: unfolded headers and decoded multipart parts.</summary>
internal sealed record MimeMessage(IReadOnlyList<(string Name, string Value)> Headers, IReadOnlyList<(string ContentType, string Body)> Parts)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Text => Parts.Single(p => p.ContentType.StartsWith("text/plain", StringComparison.Ordinal)).Body;

    public string Html => Parts.Single(p => p.ContentType.StartsWith("text/html", StringComparison.Ordinal)).Body;

    public static MimeMessage Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = ParseHeaders(raw[..split]);
        var body = raw[(split + 4)..];
        var contentType = headers.First(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var boundary = contentType.Split("boundary=")[1].Trim('"');
        var parts = new List<(string, string)>();
        foreach (var chunk in body.Split("--" + boundary).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var partSplit = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var partHeaders = ParseHeaders(chunk[..partSplit].Trim('\r', '\n'));
            var type = partHeaders.First(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
            var encoded = chunk[(partSplit + 4)..].Replace("\r\n", string.Empty, StringComparison.Ordinal);
            parts.Add((type, Encoding.UTF8.GetString(Convert.FromBase64String(encoded))));
        }

        return new MimeMessage(headers, parts);
    }

    private static List<(string Name, string Value)> ParseHeaders(string block)
    {
        var headers = new List<(string Name, string Value)>();
        foreach (var line in block.Split("\r\n"))
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                var (name, value) = headers[^1];
                headers[^1] = (name, value + line);
            }
            else
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add((line[..colon], line[(colon + 1)..].Trim()));
            }
        }

        return headers;
    }
}
