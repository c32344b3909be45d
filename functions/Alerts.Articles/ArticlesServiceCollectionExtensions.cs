using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Articles;

public static class ArticlesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ArticleReader"/> as the <see cref="IArticleReader"/> and binds <see cref="ArticleReaderOptions"/>.</summary>
    public static IServiceCollection AddAlertsArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ArticleReaderOptions>().Bind(configuration.GetSection(ArticleReaderOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IArticleReader, ArticleReader>();
        return services;
    }
}
