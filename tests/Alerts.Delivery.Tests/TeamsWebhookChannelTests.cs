using System.Text;
using System.Text.Json.Nodes;
using Alerts.Core;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

public sealed class TeamsWebhookChannelTests
{
    private const string Setting = "Teams__OpsChannel";
    private const string SecretQuery = "sp=%2Ftriggers&sv=1.0&sig=T0pS3cretSignature";

    private static readonly Subscriber Ops = new("ops-teams", "Ops channel", SubscriberChannel.Teams, null, Setting, new SubscriptionFilter());

    /// <summary>
    /// A channel pointed at the local listener. The tests override the allow-list to 127.0.0.1 and allow plain http on
    /// loopback only, so they can reach Kestrel; production keeps https on the Teams/Power Platform hosts.
    /// </summary>
    internal static TeamsWebhookChannel Channel(Uri webhook, int maxRetries = 2, int maxPayloadBytes = 27 * 1024)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Teams:OpsChannel"] = webhook.AbsoluteUri }).Build();
        var options = new DeliveryOptions
        {
            TeamsWebhookHosts = ["127.0.0.1"],
            AllowLoopbackHttpWebhooks = true,
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromSeconds(5),
            MaxTeamsPayloadBytes = maxPayloadBytes,
        };
        return new TeamsWebhookChannel(new AlertComposer(), configuration, Options.Create(options));
    }

    internal static Uri WebhookOn(LocalHttpListener listener) => new(listener.BaseAddress, $"workflows/4f1c/triggers/manual/paths/invoke?api-version=1&{SecretQuery}");

    [Fact]
    public async Task SendAsync_AllowedWebhook_PostsMessageEnvelopeWithAdaptiveCard()
    {
        await using var listener = await LocalHttpListener.StartAsync((context, _) => context.Response.WriteAsync("1"));

        await Channel(WebhookOn(listener)).SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Ops), CancellationToken.None);

        var request = Assert.Single(listener.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Contains("sig=T0pS3cretSignature", request.RawTarget);
        var payload = JsonNode.Parse(request.BodyText)!.AsObject();
        Assert.Equal("message", (string?)payload["type"]);
        var attachment = Assert.Single(payload["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.True(attachment.ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        Assert.Equal("AdaptiveCard", (string?)attachment["content"]!["type"]);
        Assert.Equal("1.4", (string?)attachment["content"]!["version"]);
        Assert.Contains("Drossel Depot", request.BodyText);
    }

    [Fact]
    public async Task SendAsync_HundredsOfLongEvidenceSentences_PayloadStaysUnder28KbAndValid()
    {
        await using var listener = await LocalHttpListener.StartAsync((context, _) => context.Response.WriteAsync("1"));
        var sentence = string.Concat(Enumerable.Repeat("Witnesses along the canal road described a long column of smoke over the depot. ", 8));
        var alert = TestAlerts.Attack() with
        {
            Evidence = [.. Enumerable.Range(1, 300).Select(i => new AlertEvidence($"{i}: {sentence}", $"{i}.txt", $"Outlet {i}", $"https://outlet{i}.example.org/story", null))],
        };

        await Channel(WebhookOn(listener)).SendAsync(new AlertDeliveryContext(alert, Ops), CancellationToken.None);

        var request = Assert.Single(listener.Requests);
        Assert.InRange(request.Body.Length, 1, 28 * 1024);
        var card = JsonNode.Parse(request.BodyText)!["attachments"]![0]!["content"]!;
        var texts = card["body"]!.AsArray().Select(b => (string?)b!["text"]).ToList();
        Assert.Contains(texts, t => t is not null && t.Contains("1: Witnesses along", StringComparison.Ordinal));
        Assert.Contains(texts, t => t is not null && t.Contains("more evidence sentences", StringComparison.Ordinal));
        Assert.InRange(card["actions"]!.AsArray().Count, 1, 299);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsThenSucceeds()
    {
        var calls = 0;
        await using var listener = await LocalHttpListener.StartAsync(async (context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers["Retry-After"] = "1";
                return;
            }

            await context.Response.WriteAsync("1");
        });

        await Channel(WebhookOn(listener)).SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Ops), CancellationToken.None);

        var requests = listener.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.9), "the retry waits for Retry-After: 1");
    }

    [Fact]
    public async Task SendAsync_200WhoseBodyReportsHttp429_IsRetried()
    {
        var calls = 0;
        await using var listener = await LocalHttpListener.StartAsync((context, _) =>
            context.Response.WriteAsync(Interlocked.Increment(ref calls) == 1 ? "Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0" : "1"));

        await Channel(WebhookOn(listener)).SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Ops), CancellationToken.None);

        Assert.Equal(2, listener.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_Persistent503_ThrowsAfterRetriesWithoutSecretInMessage()
    {
        await using var listener = await LocalHttpListener.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Channel(WebhookOn(listener), maxRetries: 2).SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Ops), CancellationToken.None));

        Assert.Equal(503, ex.Status);
        Assert.Equal(3, listener.Requests.Count);
        Assert.DoesNotContain("T0pS3cret", ex.ToString());
        Assert.DoesNotContain("workflows", ex.ToString());
    }

    [Fact]
    public async Task SendAsync_ListenerGone_ThrowsUnreachableWithoutSecret()
    {
        Uri webhook;
        await using (var listener = await LocalHttpListener.StartAsync((context, _) => Task.CompletedTask))
        {
            webhook = WebhookOn(listener);
        }

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Channel(webhook, maxRetries: 1).SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Ops), CancellationToken.None));

        Assert.Equal("WebhookUnreachable", ex.ErrorCode);
        Assert.DoesNotContain("T0pS3cret", ex.ToString());
    }

    [Theory]
    [InlineData("https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x", true)]
    [InlineData("https://contoso.webhook.office.com/webhookb2/abc", true)]
    [InlineData("https://default1234.56.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/abc", true)]
    [InlineData("http://prod-12.westus.logic.azure.com/workflows/abc", false)]
    [InlineData("https://logic.azure.com.attacker.example/workflows/abc", false)]
    [InlineData("https://attackerlogic.azure.com/workflows/abc", false)]
    [InlineData("https://user:pw@prod-12.westus.logic.azure.com/workflows/abc", false)]
    [InlineData("https://169.254.169.254/metadata/identity", false)]
    [InlineData("http://127.0.0.1:8080/hook", false)]
    public void IsAllowed_DefaultAllowList_OnlyHttpsTeamsAndPowerPlatformHosts(string url, bool allowed)
        => Assert.Equal(allowed, TeamsWebhookChannel.IsAllowed(new Uri(url), new DeliveryOptions()));

    [Fact]
    public async Task SendAsync_WebhookOnDisallowedHost_ThrowsNamingSettingAndHostOnly()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [Setting] = "https://hooks.attacker.example/collect?token=Stolen123" }).Build();
        var channel = new TeamsWebhookChannel(new AlertComposer(), configuration, Options.Create(new DeliveryOptions()));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => channel.SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Ops), CancellationToken.None));

        Assert.Contains(Setting, ex.Message);
        Assert.Contains("https://hooks.attacker.example", ex.Message);
        Assert.DoesNotContain("Stolen123", ex.Message);
        Assert.DoesNotContain("/collect", ex.Message);
    }

    [Fact]
    public async Task SendAsync_SettingMissing_ThrowsNamingTheSetting()
    {
        var channel = new TeamsWebhookChannel(new AlertComposer(), new ConfigurationBuilder().Build(), Options.Create(new DeliveryOptions()));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => channel.SendAsync(new AlertDeliveryContext(TestAlerts.Attack(), Ops), CancellationToken.None));

        Assert.Contains($"'{Setting}'", ex.Message);
        Assert.Contains("not set", ex.Message);
    }
}
