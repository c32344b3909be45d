using System.Globalization;
using System.Text;

namespace Alerts.Delivery;

/// <summary>
/// Writes an <see cref="AlertEmail"/> as an RFC 5322 message: 7-bit headers (RFC 2047 encoded words where needed),
/// multipart/alternative with a text and an HTML part, both UTF-8 in Base64, CRLF line ends.
/// </summary>
public static class EmailMessageWriter
{
    /// <summary>A Message-ID derived from the alert (and the subscriber, when given), so a retried send is recognisable.</summary>
    public static string MessageId(string alertId, string? subscriberId, string? fromAddress)
    {
        var domain = fromAddress?.Split('@') is [_, { Length: > 0 } d] ? Atom(d) : "alerts.local";
        var local = subscriberId is null ? Atom(alertId) : $"{Atom(alertId)}.{Atom(subscriberId)}";
        return $"<{local}@{domain}>";
    }

    public static string Write(AlertEmail email, EmailEnvelope envelope, DateTimeOffset date)
    {
        var boundary = "=_alerts_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(envelope.MessageId)))[..24];
        var message = new StringBuilder();
        Header(message, "From", Mailbox(envelope.FromName, envelope.From));
        Header(message, "To", Mailbox(null, envelope.To));
        if (!string.IsNullOrEmpty(envelope.ReplyTo))
        {
            Header(message, "Reply-To", Mailbox(null, envelope.ReplyTo));
        }

        Header(message, "Subject", EncodeWord(AlertTextEncoding.SingleLine(email.Subject)));
        Header(message, "Date", date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(message, "Message-ID", envelope.MessageId);
        Header(message, "MIME-Version", "1.0");
        if (envelope.AlertId is not null)
        {
            Header(message, "X-Alerts-Alert-Id", Atom(envelope.AlertId));
        }

        Header(message, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        message.Append("\r\n");
        Part(message, boundary, "text/plain; charset=utf-8", email.TextBody);
        Part(message, boundary, "text/html; charset=utf-8", email.HtmlBody);
        message.Append("--").Append(boundary).Append("--\r\n");
        return message.ToString();
    }

    private static void Part(StringBuilder message, string boundary, string contentType, string body)
    {
        message.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Transfer-Encoding: base64\r\n\r\n");
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        for (var i = 0; i < base64.Length; i += 76)
        {
            message.Append(base64.AsSpan(i, Math.Min(76, base64.Length - i))).Append("\r\n");
        }
    }

    private static void Header(StringBuilder message, string name, string value) => message.Append(name).Append(": ").Append(value).Append("\r\n");

    private static string Mailbox(string? displayName, string address)
    {
        var clean = AlertTextEncoding.SingleLine(address).Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal);
        return string.IsNullOrWhiteSpace(displayName) ? $"<{clean}>" : $"{EncodeWord(AlertTextEncoding.SingleLine(displayName), phrase: true)} <{clean}>";
    }

    /// <summary>Plain ASCII as is (quoted in a phrase); anything else as folded RFC 2047 Base64 encoded words.</summary>
    private static string EncodeWord(string text, bool phrase = false)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            return phrase ? $"\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : Fold(text);
        }

        var words = new List<string>();
        var chunk = new List<byte>();
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            if (chunk.Count + length > 45)
            {
                words.Add($"=?utf-8?B?{Convert.ToBase64String([.. chunk])}?=");
                chunk.Clear();
            }

            chunk.AddRange(buffer[..length].ToArray());
        }

        if (chunk.Count > 0)
        {
            words.Add($"=?utf-8?B?{Convert.ToBase64String([.. chunk])}?=");
        }

        return string.Join("\r\n ", words);
    }

    /// <summary>Folds a long ASCII header value at spaces so no line passes 78 characters where possible.</summary>
    private static string Fold(string text)
    {
        var folded = new StringBuilder();
        var line = 0;
        foreach (var word in text.Split(' '))
        {
            if (line > 0 && line + word.Length + 1 > 70)
            {
                folded.Append("\r\n");
                line = 0;
            }

            if (folded.Length > 0)
            {
                folded.Append(' ');
            }

            folded.Append(word);
            line += word.Length + 1;
        }

        return folded.ToString();
    }

    private static string Atom(string value)
    {
        var atom = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            atom.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        return atom.ToString().Trim('.');
    }
}

/// <summary>Addresses and ids of one email.</summary>
public sealed record EmailEnvelope(string From, string? FromName, string To, string? ReplyTo, string MessageId, string? AlertId);
