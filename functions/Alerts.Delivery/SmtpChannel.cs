using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Alerts.Delivery;

/// <summary>
/// Email alerts through an SMTP relay with MailKit: STARTTLS (required unless switched off; the certificate must chain to a
/// trusted root or match the pinned thumbprint), AUTH when a login is set, then one multipart/alternative message (MimeKit)
/// whose Message-ID comes from the alert and subscriber ids, so a retried send is recognisable.
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
        if (!MailboxAddress.TryParse(to, out _) || !MailboxAddress.TryParse(from, out _))
        {
            throw new SmtpDeliveryException(0, $"Subscriber '{subscriber.Id}' or Delivery:From is not a plain address usable in an SMTP command.");
        }

        var message = AlertEmailMessage.Create(email, new EmailEnvelope(from, settings.FromName, to, settings.ReplyTo, messageKey, subscriber.Id, alertId), time.GetUtcNow());
        using var client = new SmtpClient
        {
            Timeout = (int)smtp.Timeout.TotalMilliseconds,
            LocalDomain = smtp.ClientName,
            ServerCertificateValidationCallback = (_, certificate, _, errors) => Trusted(smtp, certificate, errors),
        };
        var where = $"SMTP relay {smtp.Host}:{smtp.Port}";
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                if (!client.IsSecure)
                {
                    throw new SmtpDeliveryException(0, "Refusing SMTP AUTH over a connection without TLS.");
                }

                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (SmtpCommandException ex)
        {
            throw new SmtpDeliveryException((int)ex.StatusCode, $"{where} answered {(int)ex.StatusCode}: {Describe(ex)}");
        }
        catch (MailKit.Security.AuthenticationException ex)
        {
            // The relay refused the login (535); the message names neither the user's password nor anything it sent.
            throw new SmtpDeliveryException(535, $"{where} refused the login: {Describe(ex)}");
        }
        catch (NotSupportedException ex) when (smtp.UseStartTls)
        {
            throw new SmtpDeliveryException(0, $"{where} does not offer STARTTLS; not sending in clear text ({Describe(ex)}).");
        }
        catch (Exception ex) when (ex is IOException or SocketException or SslHandshakeException or SmtpProtocolException or TimeoutException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SmtpDeliveryException(0, $"{where} failed: {Describe(ex)}");
        }
    }

    private static string Describe(Exception ex)
        => AlertTextEncoding.Truncate(AlertTextEncoding.SingleLine(AlertTextEncoding.RedactUrls($"{ex.GetType().Name}: {ex.Message}")), 300);

    /// <summary>A certificate that chains to a trusted root, or the self-signed one pinned by its SHA-256 thumbprint.</summary>
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
}

/// <summary>An SMTP send failed. <see cref="ReplyCode"/> is the relay's reply code (0 when there was none); 5xx codes are permanent.</summary>
public sealed class SmtpDeliveryException(int replyCode, string message) : Exception(message)
{
    public int ReplyCode { get; } = replyCode;
}
