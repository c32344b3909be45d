using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Extraction;

public static class ExtractionServiceCollectionExtensions
{
    /// <summary>Registers <see cref="EventExtractor"/> as the <see cref="IEventExtractor"/> and binds <see cref="ExtractionOptions"/>.</summary>
    public static IServiceCollection AddAlertsExtraction(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExtractionOptions>().Bind(configuration.GetSection(ExtractionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IEventExtractor, EventExtractor>();
        return services;
    }
}
