using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Alerts.Delivery.Tests;

/// <summary>
/// A small real SMTP server on 127.0.0.1 (port 0): EHLO, STARTTLS with a self-signed certificate made here, AUTH PLAIN/LOGIN,
/// MAIL, RCPT, DATA, QUIT. Records every message that arrived and how.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpTestServer(string userName = "alerts-user", string password = "correct-horse", string mechanisms = "PLAIN LOGIN", bool offerStartTls = true)
    {
        UserName = userName;
        Password = password;
        Mechanisms = mechanisms;
        OfferStartTls = offerStartTls;
        Certificate = CreateCertificate();
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string UserName { get; }

    public string Password { get; }

    public string Mechanisms { get; }

    public bool OfferStartTls { get; }

    public X509Certificate2 Certificate { get; }

    public string CertificateSha256 => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The product's SMTP channel pointed at this server (its login, its pinned certificate).</summary>
    public Alerts.Delivery.SmtpChannel CreateChannel(TimeProvider time, Action<Alerts.Delivery.SmtpOptions>? configure = null)
    {
        var smtp = new Alerts.Delivery.SmtpOptions
        {
            Host = "127.0.0.1",
            Port = Port,
            UserName = UserName,
            Password = Password,
            ServerCertificateSha256 = CertificateSha256,
            Timeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(smtp);
        var delivery = new Alerts.Delivery.DeliveryOptions { From = "alerts@alerts.example.net", ReplyTo = "desk-lead@example.org" };
        return new Alerts.Delivery.SmtpChannel(new Alerts.Delivery.AlertComposer(), Microsoft.Extensions.Options.Options.Create(smtp), Microsoft.Extensions.Options.Options.Create(delivery), time);
    }

    public ConcurrentQueue<ReceivedMail> Messages { get; } = new();

    public ConcurrentQueue<string> Transcript { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Certificate.Dispose();
        _stop.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        Stream stream = new NetworkStream(client, ownsSocket: true);
        var reader = new StreamReader(stream, Encoding.UTF8, false, 1, leaveOpen: true);
        var tls = false;
        string? authUser = null;
        string? mechanism = null;
        string? from = null;
        var to = new List<string>();
        async Task Reply(string text)
        {
            Transcript.Enqueue("S: " + text);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"));
            await stream.FlushAsync();
        }

        async Task<string?> Read()
        {
            var line = await reader.ReadLineAsync();
            Transcript.Enqueue("C: " + line);
            return line;
        }

        try
        {
            await Reply("220 localhost ESMTP test");
            while (await Read() is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        var lines = new List<string> { "localhost" };
                        if (OfferStartTls && !tls)
                        {
                            lines.Add("STARTTLS");
                        }

                        if (tls || !OfferStartTls)
                        {
                            lines.Add("AUTH " + Mechanisms);
                        }

                        lines.Add("8BITMIME");
                        for (var i = 0; i < lines.Count; i++)
                        {
                            await Reply($"250{(i < lines.Count - 1 ? "-" : " ")}{lines[i]}");
                        }

                        break;
                    case "STARTTLS":
                        await Reply("220 ready to start TLS");
                        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                        await ssl.AuthenticateAsServerAsync(Certificate);
                        stream = ssl;
                        reader = new StreamReader(stream, Encoding.UTF8, false, 1, leaveOpen: true);
                        tls = true;
                        break;
                    case "AUTH" when line.Split(' ') is [_, var m, var initial] && m.Equals("PLAIN", StringComparison.OrdinalIgnoreCase):
                        mechanism = "PLAIN";
                        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(initial)).Split('\0');
                        authUser = fields[1] == UserName && fields[2] == Password ? fields[1] : null;
                        await Reply(authUser is null ? "535 5.7.8 authentication failed" : "235 2.7.0 authenticated");
                        break;
                    case "AUTH" when line.Split(' ') is [_, var m] && m.Equals("LOGIN", StringComparison.OrdinalIgnoreCase):
                        mechanism = "LOGIN";
                        await Reply("334 VXNlcm5hbWU6");
                        var user = Encoding.UTF8.GetString(Convert.FromBase64String(await Read() ?? string.Empty));
                        await Reply("334 UGFzc3dvcmQ6");
                        var pass = Encoding.UTF8.GetString(Convert.FromBase64String(await Read() ?? string.Empty));
                        authUser = user == UserName && pass == Password ? user : null;
                        await Reply(authUser is null ? "535 5.7.8 authentication failed" : "235 2.7.0 authenticated");
                        break;
                    case "MAIL":
                        from = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                        await Reply("250 2.1.0 ok");
                        break;
                    case "RCPT":
                        to.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]);
                        await Reply("250 2.1.5 ok");
                        break;
                    case "DATA":
                        await Reply("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Messages.Enqueue(new ReceivedMail(from ?? string.Empty, [.. to], data.ToString(), tls, authUser, mechanism));
                        await Reply("250 2.0.0 queued");
                        break;
                    case "QUIT":
                        await Reply("221 2.0.0 bye");
                        return;
                    default:
                        await Reply("502 5.5.2 not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            Transcript.Enqueue("closed: " + ex.GetType().Name);
        }
    }
}

internal sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, string Data, bool OverTls, string? AuthenticatedUser, string? Mechanism);
