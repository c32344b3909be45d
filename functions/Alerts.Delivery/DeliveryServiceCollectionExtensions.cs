using Alerts.Core;
using Azure;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers alert composition, subscriptions, routing (<see cref="IAlertRouter"/>), the durable outbox
    /// (<see cref="IAlertDeliverer"/>), the digest sender (<see cref="DigestSender"/>), the preview renderer and the channels: the outbox folder and Teams always, SMTP when
    /// <c>Delivery:Smtp:Host</c> is set, ACS Email when <c>Delivery:Acs:Endpoint</c> is set. Needs an <see cref="IDocumentStore"/>.
    /// </summary>
    public static IServiceCollection AddAlertsDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        var smtpConfigured = !string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.SectionName}:{nameof(SmtpOptions.Host)}"]);
        var acsConfigured = !string.IsNullOrWhiteSpace(configuration[$"{AcsEmailOptions.SectionName}:{nameof(AcsEmailOptions.Endpoint)}"]);

        var delivery = services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.TeamsWebhookHosts.All(h => !string.IsNullOrWhiteSpace(h) && !h.Contains('/', StringComparison.Ordinal)), "Delivery:TeamsWebhookHosts entries must be host names such as *.logic.azure.com.")
            .Validate(o => o.MaxRetryDelay >= o.RetryDelay, "Delivery:MaxRetryDelay must not be shorter than Delivery:RetryDelay.");
        if (smtpConfigured || acsConfigured)
        {
            delivery.Validate(o => !string.IsNullOrWhiteSpace(o.From), "Delivery:From is required when Delivery:Smtp or Delivery:Acs is configured.");
        }

        delivery.ValidateOnStart();

        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.UserName) || !string.IsNullOrEmpty(o.Password), "Delivery:Smtp:Password is required with Delivery:Smtp:UserName.")
            .Validate(o => string.IsNullOrEmpty(o.UserName) || o.UseStartTls, "Delivery:Smtp:UseStartTls must stay true when SMTP AUTH is used (the password must not travel in clear text).")
            .ValidateOnStart();

        services.AddOptions<AcsEmailOptions>().Bind(configuration.GetSection(AcsEmailOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Endpoint is null || (o.Endpoint.IsAbsoluteUri && (o.Endpoint.Scheme == Uri.UriSchemeHttps || (o.Endpoint.IsLoopback && !string.IsNullOrEmpty(o.AccessKey)))), "Delivery:Acs:Endpoint must be an absolute https URL.")
            .Validate(o => string.IsNullOrEmpty(o.AccessKey) || IsBase64(o.AccessKey), "Delivery:Acs:AccessKey must be the Base64 key of the resource.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AlertComposer>();
        services.TryAddSingleton<SubscriptionCatalog>();
        services.TryAddSingleton<AlertPreviewRenderer>();
        services.TryAddSingleton<AlertRouter>();
        services.TryAddSingleton<IAlertRouter>(sp => sp.GetRequiredService<AlertRouter>());
        services.TryAddSingleton<HeldAlerts>();
        services.TryAddSingleton<AlertDeliverer>();
        services.TryAddSingleton<IAlertDeliverer>(sp => sp.GetRequiredService<AlertDeliverer>());
        services.TryAddSingleton<DigestSender>();

        services.AddSingleton<IAlertChannel, OutboxFolderChannel>();
        services.AddSingleton<IAlertChannel>(sp => new TeamsWebhookChannel(
            sp.GetRequiredService<AlertComposer>(), configuration, sp.GetRequiredService<IOptions<DeliveryOptions>>()));
        if (smtpConfigured)
        {
            services.AddSingleton<IAlertChannel, SmtpChannel>();
        }

        if (acsConfigured)
        {
            services.TryAddSingleton(sp => CreateAcsClient(sp.GetRequiredService<IOptions<AcsEmailOptions>>().Value, sp.GetRequiredService<IOptions<DeliveryOptions>>().Value));
            services.AddSingleton<IAlertChannel, AcsEmailChannel>();
        }

        return services;
    }

    private static AcsEmailClient CreateAcsClient(AcsEmailOptions acs, DeliveryOptions delivery)
    {
        var options = new AcsEmailClientOptions { MaxPollDuration = acs.MaxPollDuration };
        options.Retry.MaxRetries = delivery.MaxRetries;
        options.Retry.Delay = delivery.RetryDelay;
        options.Retry.MaxDelay = delivery.MaxRetryDelay;
        options.Retry.Mode = RetryMode.Exponential;
        return string.IsNullOrEmpty(acs.AccessKey)
            ? new AcsEmailClient(acs.Endpoint!, new DefaultAzureCredential(), options)
            : new AcsEmailClient(acs.Endpoint!, new AzureKeyCredential(acs.AccessKey), options);
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
