using System.Text;
using Alerts.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Tests;

/// <summary>Failing deliveries on every real channel, with every log line captured: no secret may appear anywhere.</summary>
public sealed class DeliverySecretsTests
{
    private const string SmtpPassword = "SmtpP@ss-Secret-42";
    private const string WebhookSignature = "T0pS3cretSig";
    private static readonly string AcsKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("acs-secret-key-material-do-not-leak"));

    [Fact]
    public async Task DeliverAsync_FailingSmtpTeamsAndAcs_NoSecretInLogsExceptionsOrRecords()
    {
        await using var smtp = new SmtpTestServer();
        await using var teams = await LocalHttpListener.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("upstream broke");
        });
        await using var acs = await LocalHttpListener.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"error\":{\"code\":\"Denied\",\"message\":\"Denied.\"}}");
        });
        var webhook = new Uri(teams.BaseAddress, $"workflows/4f1c9a/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers&sig={WebhookSignature}");
        var logs = new RecordingLoggerProvider();
        var failures = new List<string>();

        // Tests override the webhook allow-list to 127.0.0.1 (plain http on loopback only) to reach the local listener.
        var common = new Dictionary<string, string?>
        {
            ["Delivery:From"] = "alerts@alerts.example.net",
            ["Delivery:TeamsWebhookHosts:0"] = "127.0.0.1",
            ["Delivery:AllowLoopbackHttpWebhooks"] = "true",
            ["Delivery:MaxRetries"] = "1",
            ["Delivery:RetryDelay"] = "00:00:00.05",
            ["Teams__OpsChannel"] = webhook.AbsoluteUri,
        };
        var withSmtp = new Dictionary<string, string?>(common)
        {
            ["Delivery:Smtp:Host"] = "127.0.0.1",
            ["Delivery:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:Smtp:UserName"] = smtp.UserName,
            ["Delivery:Smtp:Password"] = SmtpPassword,
            ["Delivery:Smtp:ServerCertificateSha256"] = smtp.CertificateSha256,
        };
        var withAcs = new Dictionary<string, string?>(common)
        {
            ["Delivery:Acs:Endpoint"] = acs.BaseAddress.AbsoluteUri,
            ["Delivery:Acs:AccessKey"] = AcsKey,
        };

        var stores = new List<InMemoryDocumentStore>();
        foreach (var (settings, subscribers) in new[] { (withSmtp, new[] { "ops-email", "ops-teams" }), (withAcs, new[] { "ops-email" }) })
        {
            var store = TestAlerts.StoreWith(TestAlerts.Attack());
            await TestAlerts.PutSubscriptionsAsync(store, SubscriptionCatalogTests.ValidDocument);
            stores.Add(store);
            await using var provider = Provider(settings, store, logs);
            foreach (var subscriber in subscribers)
            {
                var ex = await Assert.ThrowsAsync<DeliveryException>(() =>
                    provider.GetRequiredService<IAlertDeliverer>().DeliverAsync(new AlertDeliveryMessage { AlertId = "b7d210", SubscriberId = subscriber }, CancellationToken.None));
                failures.Add(ex.ToString());
            }
        }

        var records = new StringBuilder();
        foreach (var store in stores)
        {
            await foreach (var path in store.ListAsync("", CancellationToken.None))
            {
                records.AppendLine((await store.GetAsync(path, CancellationToken.None))!.Content.ToString());
            }
        }

        var everything = string.Join("\n", logs.AllText, string.Join("\n", failures), records.ToString());
        Assert.Contains(ChannelKind.Smtp.ToString(), logs.AllText);
        Assert.Contains(ChannelKind.Teams.ToString(), logs.AllText);
        Assert.Contains(ChannelKind.AcsEmail.ToString(), logs.AllText);
        Assert.Contains("535", everything);
        Assert.Contains("500", everything);
        Assert.Contains("401", everything);
        foreach (var secret in new[]
        {
            SmtpPassword,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(SmtpPassword)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{smtp.UserName}\0{SmtpPassword}")),
            WebhookSignature,
            "workflows/4f1c9a",
            AcsKey,
        })
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings, IDocumentStore store, RecordingLoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton(store);
        services.AddAlertsDelivery(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
