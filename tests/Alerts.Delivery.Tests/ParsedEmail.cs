using System.Text;
using MimeKit;

namespace Alerts.Delivery.Tests;

/// <summary>What the channels wrote, read back with MimeKit: headers, and the text and HTML parts of a multipart/alternative.</summary>
internal sealed record ParsedEmail(MimeKit.MimeMessage Message)
{
    public string? Header(string name) => Message.Headers[name];

    public string Text => Message.TextBody ?? string.Empty;

    public string Html => Message.HtmlBody ?? string.Empty;

    public int PartCount => Message.Body is Multipart multipart ? multipart.Count : 1;

    public static ParsedEmail Parse(string raw) => new(MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw))));
}
