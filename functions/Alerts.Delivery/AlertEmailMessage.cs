using System.Text;
using MimeKit;

namespace Alerts.Delivery;

/// <summary>Addresses and ids of one email.</summary>
/// <param name="MessageKey">What the Message-ID is derived from (the alert or digest id), so a retried send is recognisable.</param>
/// <param name="AlertId">Sent as <c>X-Alerts-Alert-Id</c> when the email carries one alert.</param>
public sealed record EmailEnvelope(string From, string? FromName, string To, string? ReplyTo, string MessageKey, string? SubscriberId, string? AlertId);

/// <summary>An <see cref="AlertEmail"/> as a MIME message (MimeKit): multipart/alternative with a text and an HTML part.</summary>
public static class AlertEmailMessage
{
    public static MimeMessage Create(AlertEmail email, EmailEnvelope envelope, DateTimeOffset date)
    {
        var message = new MimeMessage
        {
            Subject = AlertTextEncoding.SingleLine(email.Subject),
            Date = date,
            MessageId = MessageId(envelope.MessageKey, envelope.SubscriberId, envelope.From),
            Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(envelope.FromName is { Length: > 0 } name ? AlertTextEncoding.SingleLine(name) : null, envelope.From));
        message.To.Add(MailboxAddress.Parse(envelope.To));
        if (!string.IsNullOrEmpty(envelope.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(envelope.ReplyTo));
        }

        if (envelope.AlertId is not null)
        {
            message.Headers.Add("X-Alerts-Alert-Id", Atom(envelope.AlertId));
        }

        return message;
    }

    /// <summary>The message as an <c>.eml</c> file holds it: CRLF line ends, as on the wire.</summary>
    public static string ToEml(MimeMessage message)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var buffer = new MemoryStream();
        message.WriteTo(format, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A Message-ID (without angle brackets) derived from the key (and the subscriber, when given).</summary>
    public static string MessageId(string key, string? subscriberId, string? fromAddress)
    {
        var domain = fromAddress?.Split('@') is [_, { Length: > 0 } d] ? Atom(d) : "alerts.local";
        var local = subscriberId is null ? Atom(key) : $"{Atom(key)}.{Atom(subscriberId)}";
        return $"{local}@{domain}";
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
