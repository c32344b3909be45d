using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

public sealed class DeliveryServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDocumentStore, InMemoryDocumentStore>();
        services.AddAlertsDelivery(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task AddAlertsDelivery_NoSettings_ResolvesPipelineSeamsWithOutboxAndTeamsChannels()
    {
        await using var provider = Build([]);

        Assert.IsType<AlertRouter>(provider.GetRequiredService<IAlertRouter>());
        Assert.IsType<AlertDeliverer>(provider.GetRequiredService<IAlertDeliverer>());
        Assert.NotNull(provider.GetRequiredService<AlertPreviewRenderer>());
        Assert.Equal([ChannelKind.Outbox, ChannelKind.Teams], provider.GetServices<IAlertChannel>().Select(c => c.Kind));
        var options = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        Assert.Equal(Path.Combine(".alerts", "outbox"), options.OutboxPath);
        Assert.Equal(DeliveryOptions.DefaultTeamsWebhookHosts, options.EffectiveTeamsWebhookHosts);
    }

    [Fact]
    public async Task AddAlertsDelivery_SmtpAndAcsConfigured_RegistersTheirChannels()
    {
        await using var provider = Build(new()
        {
            ["Delivery:From"] = "alerts@alerts.example.net",
            ["Delivery:Smtp:Host"] = "smtp.example.net",
            ["Delivery:Acs:Endpoint"] = "https://alerts.communication.azure.com",
            ["Delivery:Acs:AccessKey"] = Convert.ToBase64String(new byte[32]),
        });

        Assert.Equal([ChannelKind.Outbox, ChannelKind.Teams, ChannelKind.Smtp, ChannelKind.AcsEmail], provider.GetServices<IAlertChannel>().Select(c => c.Kind));
    }

    [Theory]
    [InlineData("Delivery:Smtp:Host", "smtp.example.net", "Delivery:From is required")]
    [InlineData("Delivery:Acs:Endpoint", "https://alerts.communication.azure.com", "Delivery:From is required")]
    public async Task AddAlertsDelivery_EmailTransportWithoutFrom_FailsValidation(string key, string value, string expected)
    {
        await using var provider = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public async Task AddAlertsDelivery_SmtpAuthWithoutStartTls_FailsValidation()
    {
        await using var provider = Build(new()
        {
            ["Delivery:From"] = "alerts@alerts.example.net",
            ["Delivery:Smtp:Host"] = "smtp.example.net",
            ["Delivery:Smtp:UseStartTls"] = "false",
            ["Delivery:Smtp:UserName"] = "u",
            ["Delivery:Smtp:Password"] = "p",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SmtpOptions>>().Value);

        Assert.Contains("UseStartTls", ex.Message);
    }

    [Fact]
    public async Task AddAlertsDelivery_AcsOverPlainHttp_FailsValidation()
    {
        await using var provider = Build(new() { ["Delivery:From"] = "a@b.example", ["Delivery:Acs:Endpoint"] = "http://alerts.communication.azure.com" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AcsEmailOptions>>().Value);

        Assert.Contains("https", ex.Message);
    }
}
