using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Articles;

public static class ArticlesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ArticleReader"/> as the <see cref="IArticleReader"/> and binds its size limit, <see cref="ArticleLimits"/> (section <c>Articles</c>).</summary>
    public static IServiceCollection AddAlertsArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlertsArticleLimits(configuration);
        services.TryAddSingleton<IArticleReader, ArticleReader>();
        return services;
    }
}
