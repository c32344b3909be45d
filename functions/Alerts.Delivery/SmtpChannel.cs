using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>
/// Email alerts through an SMTP relay: EHLO, STARTTLS (required unless switched off), AUTH PLAIN or LOGIN, then one
/// multipart/alternative message whose Message-ID comes from the alert and subscriber ids, so a retried send is recognisable.
/// </summary>
public sealed class SmtpChannel(AlertComposer composer, IOptions<SmtpOptions> smtpOptions, IOptions<DeliveryOptions> deliveryOptions, TimeProvider time) : IAlertChannel
{
    public ChannelKind Kind => ChannelKind.Smtp;

    public Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken)
        => SendAsync(delivery.Subscriber, delivery.Alert.Id, delivery.Alert.Id, composer.ComposeEmail(delivery.Alert), cancellationToken);

    public Task SendDigestAsync(DigestDeliveryContext digest, CancellationToken cancellationToken)
        => SendAsync(digest.Subscriber, digest.Id, null, composer.ComposeDigestEmail(digest.Date, digest.Alerts), cancellationToken);

    private async Task SendAsync(Subscriber subscriber, string messageKey, string? alertId, AlertEmail email, CancellationToken cancellationToken)
    {
        var smtp = smtpOptions.Value;
        var settings = deliveryOptions.Value;
        var to = subscriber.Email ?? throw new InvalidOperationException($"Subscriber '{subscriber.Id}' has no email address.");
        var from = settings.From ?? throw new InvalidOperationException("Delivery:From is not set.");
        if (!IsPlainAddress(to) || !IsPlainAddress(from))
        {
            throw new SmtpDeliveryException(0, $"Subscriber '{subscriber.Id}' or Delivery:From is not a plain address usable in an SMTP command.");
        }

        var envelope = new EmailEnvelope(from, settings.FromName, to, settings.ReplyTo, EmailMessageWriter.MessageId(messageKey, subscriber.Id, from), alertId);
        var message = EmailMessageWriter.Write(email, envelope, time.GetUtcNow());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(smtp.Timeout);
        try
        {
            await SendAsync(smtp, from, to, message, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmtpDeliveryException(0, $"SMTP relay {smtp.Host}:{smtp.Port} did not answer within {smtp.Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException)
        {
            throw new SmtpDeliveryException(0, $"SMTP relay {smtp.Host}:{smtp.Port} failed: {ex.GetType().Name}: {AlertTextEncoding.RedactUrls(ex.Message)}");
        }
    }

    private static async Task SendAsync(SmtpOptions smtp, string from, string to, string message, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(smtp.Host!, smtp.Port, cancellationToken);
        Stream stream = tcp.GetStream();
        var session = new SmtpSession(stream);
        await session.ExpectAsync(220, cancellationToken);
        var capabilities = await session.CommandAsync($"EHLO {smtp.ClientName}", 250, cancellationToken);
        var secure = false;
        if (smtp.UseStartTls)
        {
            if (!capabilities.Any(c => c.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase)))
            {
                throw new SmtpDeliveryException(0, $"SMTP relay {smtp.Host}:{smtp.Port} does not offer STARTTLS; not sending in clear text.");
            }

            await session.CommandAsync("STARTTLS", 220, cancellationToken);
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = smtp.Host, RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(smtp, certificate, errors) },
                cancellationToken);
            stream = tls;
            secure = true;
            session = new SmtpSession(stream);
            capabilities = await session.CommandAsync($"EHLO {smtp.ClientName}", 250, cancellationToken);
        }

        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            if (!secure)
            {
                throw new SmtpDeliveryException(0, "Refusing SMTP AUTH over a connection without TLS.");
            }

            await AuthenticateAsync(session, capabilities, smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        await session.CommandAsync($"MAIL FROM:<{from}>", 250, cancellationToken);
        await session.CommandAsync($"RCPT TO:<{to}>", 250, cancellationToken, alsoOk: 251);
        await session.CommandAsync("DATA", 354, cancellationToken);
        await session.WriteDataAsync(message, cancellationToken);
        await session.ExpectAsync(250, cancellationToken);
        try
        {
            await session.CommandAsync("QUIT", 221, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpDeliveryException or IOException)
        {
            // The message was accepted; a sloppy goodbye changes nothing.
        }
    }

    private static async Task AuthenticateAsync(SmtpSession session, IReadOnlyList<string> capabilities, string userName, string password, CancellationToken cancellationToken)
    {
        var mechanisms = capabilities
            .Where(c => c.StartsWith("AUTH ", StringComparison.OrdinalIgnoreCase) || c.StartsWith("AUTH=", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        if (mechanisms.Contains("PLAIN"))
        {
            await session.CommandAsync($"AUTH PLAIN {B64($"\0{userName}\0{password}")}", 235, cancellationToken, secret: true);
        }
        else if (mechanisms.Contains("LOGIN"))
        {
            await session.CommandAsync("AUTH LOGIN", 334, cancellationToken);
            await session.CommandAsync(B64(userName), 334, cancellationToken, secret: true);
            await session.CommandAsync(B64(password), 235, cancellationToken, secret: true);
        }
        else
        {
            throw new SmtpDeliveryException(0, "The SMTP relay offers neither AUTH PLAIN nor AUTH LOGIN.");
        }
    }

    private static bool IsPlainAddress(string address)
        => address.Length is > 2 and < 320 && address.All(c => c is > ' ' and < '\u007f' and not '<' and not '>');

    private static bool Trusted(SmtpOptions smtp, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var pin = smtp.ServerCertificateSha256?.Replace(":", "", StringComparison.Ordinal);
        return certificate is not null && !string.IsNullOrEmpty(pin)
            && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pin, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Line-oriented SMTP conversation over one stream (plain or TLS).</summary>
    private sealed class SmtpSession(Stream stream)
    {
        private readonly StreamReader _reader = new(stream, Encoding.ASCII, false, 1024, leaveOpen: true);

        public async Task<IReadOnlyList<string>> CommandAsync(string command, int expected, CancellationToken cancellationToken, int? alsoOk = null, bool secret = false)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            return await ExpectAsync(expected, cancellationToken, alsoOk, secret ? "AUTH" : command.Split(' ')[0]);
        }

        public async Task WriteDataAsync(string message, CancellationToken cancellationToken)
        {
            var stuffed = new StringBuilder(message.Length + 16);
            foreach (var line in message.Split("\r\n"))
            {
                stuffed.Append(line.StartsWith('.') ? "." : string.Empty).Append(line).Append("\r\n");
            }

            var text = stuffed.ToString();
            if (text.EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                text = text[..^2];
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(text + ".\r\n"), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        /// <returns>The text of each reply line after the code (the EHLO capabilities).</returns>
        public async Task<IReadOnlyList<string>> ExpectAsync(int expected, CancellationToken cancellationToken, int? alsoOk = null, string step = "greeting")
        {
            var lines = new List<string>();
            while (true)
            {
                var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new SmtpDeliveryException(0, $"The SMTP relay closed the connection during {step}.");
                if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
                {
                    throw new SmtpDeliveryException(0, $"The SMTP relay sent an unreadable reply during {step}.");
                }

                lines.Add(line.Length > 4 ? line[4..] : string.Empty);
                if (line.Length > 3 && line[3] == '-')
                {
                    continue;
                }

                if (code != expected && code != alsoOk)
                {
                    throw new SmtpDeliveryException(code, $"The SMTP relay answered {code} to {step}: {AlertTextEncoding.Truncate(AlertTextEncoding.SingleLine(string.Join(" ", lines)), 200)}");
                }

                return lines;
            }
        }
    }
}

/// <summary>An SMTP send failed. <see cref="ReplyCode"/> is the relay's reply code (0 when there was none); 5xx codes are permanent.</summary>
public sealed class SmtpDeliveryException(int replyCode, string message) : Exception(message)
{
    public int ReplyCode { get; } = replyCode;
}
