using Alerts.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

public sealed class SmtpChannelTests
{
    private static readonly Subscriber Desk = new("news-desk", "News desk", SubscriberChannel.Email, "desk@example.org", null, new SubscriptionFilter());

    private static SmtpChannel Channel(SmtpTestServer server, Action<SmtpOptions>? configure = null) => server.CreateChannel(TimeProvider.System, configure);

    [Fact]
    public async Task SendAsync_StartTlsAndAuthPlain_DeliversMultipartMessageWithHeaders()
    {
        await using var server = new SmtpTestServer();
        var alert = TestAlerts.TalksSuspended();

        await Channel(server).SendAsync(new AlertDeliveryContext(alert, Desk), CancellationToken.None);

        var mail = Assert.Single(server.Messages);
        Assert.True(mail.OverTls);
        Assert.Equal("PLAIN", mail.Mechanism);
        Assert.Equal(server.UserName, mail.AuthenticatedUser);
        Assert.Equal("alerts@alerts.example.net", mail.MailFrom);
        Assert.Equal(["desk@example.org"], mail.RcptTo);

        var message = ParsedEmail.Parse(mail.Data);
        var sender = Assert.Single(message.Message.From.Mailboxes);
        Assert.Equal(("Alerts", "alerts@alerts.example.net"), (sender.Name, sender.Address));
        Assert.Equal("desk@example.org", Assert.Single(message.Message.To.Mailboxes).Address);
        Assert.Equal("desk-lead@example.org", Assert.Single(message.Message.ReplyTo.Mailboxes).Address);
        Assert.Equal("a1f3c9.news-desk@alerts.example.net", message.Message.MessageId);
        Assert.Equal("a1f3c9", message.Header("X-Alerts-Alert-Id"));
        Assert.Equal("multipart/alternative", message.Message.Body!.ContentType.MimeType);
        Assert.Equal(2, message.PartCount);
        Assert.Contains("Varnia's chief negotiator announced", message.Text);
        Assert.Contains("Change: held → suspended", message.Text);
        Assert.Contains("https://news.example.org/varnia-walkout", message.Html);
        Assert.Contains("CAMEO 164, PLOVER REJECT", message.Html);
    }

    [Fact]
    public async Task SendAsync_NonAsciiHeadline_SubjectTravelsAsSevenBitEncodedWordsThatDecodeBack()
    {
        await using var server = new SmtpTestServer();

        await Channel(server).SendAsync(new AlertDeliveryContext(TestAlerts.TalksSuspended(), Desk), CancellationToken.None);

        var raw = Assert.Single(server.Messages).Data;
        var rawSubject = raw.Split("\r\n").SkipWhile(l => !l.StartsWith("Subject:", StringComparison.Ordinal)).First();
        Assert.All(rawSubject, c => Assert.InRange(c, ' ', '~'));
        Assert.Contains("=?utf-8?", rawSubject, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Talks suspended: Varnia–Ostrel border talks", ParsedEmail.Parse(raw).Message.Subject);
    }

    [Fact]
    public async Task SendAsync_ServerOffersOnlyLogin_UsesAuthLogin()
    {
        await using var server = new SmtpTestServer(mechanisms: "LOGIN");

        await Channel(server).SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Desk), CancellationToken.None);

        var mail = Assert.Single(server.Messages);
        Assert.Equal("LOGIN", mail.Mechanism);
        Assert.Equal(server.UserName, mail.AuthenticatedUser);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_ThrowsWithoutPasswordAndSendsNothing()
    {
        await using var server = new SmtpTestServer();

        var ex = await Assert.ThrowsAsync<SmtpDeliveryException>(() =>
            Channel(server, o => o.Password = "Wr0ng-Secret-Value").SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Desk), CancellationToken.None));

        Assert.Equal(535, ex.ReplyCode);
        Assert.Contains("refused the login", ex.Message);
        Assert.DoesNotContain("Wr0ng-Secret-Value", ex.Message);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task SendAsync_ServerWithoutStartTls_RefusesToSendInClearText()
    {
        await using var server = new SmtpTestServer(offerStartTls: false);

        var ex = await Assert.ThrowsAsync<SmtpDeliveryException>(() =>
            Channel(server).SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Desk), CancellationToken.None));

        Assert.Contains("STARTTLS", ex.Message);
        Assert.Empty(server.Messages);
        Assert.DoesNotContain(server.Transcript, l => l.StartsWith("C: AUTH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_UnpinnedSelfSignedCertificate_FailsTheTlsHandshake()
    {
        await using var server = new SmtpTestServer();

        var ex = await Assert.ThrowsAsync<SmtpDeliveryException>(() =>
            Channel(server, o => o.ServerCertificateSha256 = null).SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Desk), CancellationToken.None));

        Assert.Contains("SslHandshakeException", ex.Message);
        Assert.Empty(server.Messages);
    }
}
