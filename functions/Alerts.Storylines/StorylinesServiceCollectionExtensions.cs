using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Storylines;

public static class StorylinesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ChangeDetector"/> as the <see cref="IChangeDetector"/> and binds <see cref="StorylineOptions"/>. Needs an <see cref="IDocumentStore"/>.</summary>
    public static IServiceCollection AddAlertsStorylines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorylineOptions>().Bind(configuration.GetSection(StorylineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChangeDetector, ChangeDetector>();
        return services;
    }
}
