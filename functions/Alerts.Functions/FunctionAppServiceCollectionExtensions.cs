using Alerts.Articles;
using Alerts.Core;
using Alerts.Delivery;
using Alerts.Extraction;
using Alerts.Language;
using Alerts.Storage;
using Alerts.Storylines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Functions;

public static class FunctionAppServiceCollectionExtensions
{
    /// <summary>
    /// Everything the three functions need. Both composition roots call this: the function app's Program.cs and the local host.
    /// </summary>
    public static IServiceCollection AddAlertsFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddAlertsPipeline(configuration)
            .AddAlertsArticles(configuration)
            .AddAlertsExtraction(configuration)
            .AddAlertsLanguage(configuration)
            .AddAlertsStorylines(configuration)
            .AddAlertsDelivery(configuration)
            .AddAlertsStorage(configuration);
        services.AddSingleton<ExtractArticleEvents>();
        services.AddSingleton<DetectChanges>();
        services.AddSingleton<DeliverAlert>();
        services.AddSingleton<SendDigests>();
        return services;
    }
}
