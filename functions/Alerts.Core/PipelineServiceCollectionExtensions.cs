using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Core;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Registers the pipeline's own steps (<see cref="ArticleIntake"/>, <see cref="ChangeProcessor"/>) and their options.</summary>
    public static IServiceCollection AddAlertsPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddAlertsArticleLimits(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ArticleEventsCodec>();
        services.TryAddSingleton<ArticleIntake>();
        services.TryAddSingleton<IArticleOrder, ArrivalOrder>();
        services.TryAddSingleton<ChangeProcessor>();
        return services;
    }

    /// <summary>Binds <see cref="ArticleLimits"/> (section <c>Articles</c>) once, however many libraries ask for it.</summary>
    public static IServiceCollection AddAlertsArticleLimits(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ArticleLimitsBinding)))
        {
            return services;
        }

        services.AddSingleton<ArticleLimitsBinding>();
        services.AddOptions<ArticleLimits>().Bind(configuration.GetSection(ArticleLimits.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    private sealed class ArticleLimitsBinding;
}
