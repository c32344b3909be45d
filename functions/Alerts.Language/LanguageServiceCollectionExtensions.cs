using Alerts.Core;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Language;

public static class LanguageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure AI Language client (<see cref="ITextAnalysisClient"/>), the <see cref="LearnedPlaces"/> registry and
    /// <see cref="LanguageEventEnricher"/> as an <see cref="IEventEnricher"/>, only when <c>Extraction:Language:Endpoint</c> is set.
    /// Without it nothing is registered and extraction results are unchanged.
    /// </summary>
    public static IServiceCollection AddAlertsLanguage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LanguageOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(LanguageOptions.Endpoint)]))
        {
            return services;
        }

        services.AddOptions<LanguageOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<LearnedPlaces>();
        services.TryAddSingleton<ITextAnalysisClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<LanguageOptions>>().Value;
            var clientOptions = new TextAnalysisClientOptions
            {
                ApiVersion = options.ApiVersion,
                ModelVersion = options.ModelVersion,
                DefaultLanguage = options.Language,
            };
            var logger = provider.GetService<ILogger<TextAnalysisClient>>();
            return string.IsNullOrEmpty(options.ApiKey)
                ? new TextAnalysisClient(options.Endpoint!, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId }), clientOptions, logger)
                : new TextAnalysisClient(options.Endpoint!, new AzureKeyCredential(options.ApiKey), clientOptions, logger);
        });
        services.TryAddSingleton<LanguageEventEnricher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEventEnricher, LanguageEventEnricher>(provider => provider.GetRequiredService<LanguageEventEnricher>()));
        return services;
    }
}
