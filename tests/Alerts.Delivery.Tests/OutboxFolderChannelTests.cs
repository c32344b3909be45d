using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

public sealed class OutboxFolderChannelTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("alerts-outbox-");

    public void Dispose() => _folder.Delete(recursive: true);

    private OutboxFolderChannel Channel() => new(
        new AlertComposer(),
        Options.Create(new DeliveryOptions { OutboxPath = _folder.FullName, From = "alerts@alerts.example.net", ReplyTo = "desk@example.org" }),
        new FixedTime(new DateTimeOffset(2026, 3, 15, 7, 31, 0, TimeSpan.Zero)));

    [Fact]
    public async Task SendAsync_LocalOutbox_WritesEmlAndTeamsCardNamedByAlertId()
    {
        await Channel().SendAsync(new AlertDeliveryContext(TestAlerts.TalksSuspended(), Subscriber.LocalOutbox), CancellationToken.None);

        Assert.Equal(["a1f3c9.card.json", "a1f3c9.eml"], _folder.GetFiles().Select(f => f.Name).Order());
        var eml = ParsedEmail.Parse(await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "a1f3c9.eml")));
        Assert.Equal("a1f3c9@alerts.example.net", eml.Message.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 7, 31, 0, TimeSpan.Zero), eml.Message.Date);
        Assert.Equal("desk@example.org", Assert.Single(eml.Message.ReplyTo.Mailboxes).Address);
        Assert.Equal("1.0", eml.Header("MIME-Version"));
        Assert.Contains("Talks suspended", eml.Text);
        Assert.Contains("<h2", eml.Html);
        var card = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "a1f3c9.card.json")))!;
        Assert.Equal("message", (string?)card["type"]);
        Assert.Equal("AdaptiveCard", (string?)card["attachments"]![0]!["content"]!["type"]);
    }

    [Fact]
    public async Task SendAsync_SameAlertTwice_OverwritesWithoutLeftovers()
    {
        var delivery = new AlertDeliveryContext(TestAlerts.Attack(), Subscriber.LocalOutbox);

        await Channel().SendAsync(delivery, CancellationToken.None);
        await Channel().SendAsync(delivery, CancellationToken.None);

        Assert.Equal(2, _folder.GetFiles().Length);
    }

    [Fact]
    public async Task SendAsync_HostileHeadline_NoInjectedHeaderLine()
    {
        await Channel().SendAsync(new AlertDeliveryContext(TestAlerts.Hostile(), Subscriber.LocalOutbox), CancellationToken.None);

        var raw = await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "hostile-1.eml"));
        var headerBlock = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.DoesNotContain(headerBlock.Split("\r\n"), l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Bcc: victim@example.org", ParsedEmail.Parse(raw).Header("Subject"));
    }
}
