using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Articles.Tests;

public sealed class ArticlesServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAlertsArticles(configuration).BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public void AddAlertsArticles_DefaultConfiguration_ResolvesReaderWithFiveMegabyteLimit()
    {
        using var provider = Build([]);

        Assert.IsType<ArticleReader>(provider.GetRequiredService<IArticleReader>());
        Assert.Equal(5_242_880, provider.GetRequiredService<IOptions<ArticleLimits>>().Value.MaxBytes);
    }

    [Fact]
    public void AddAlertsArticles_MaxBytesSetting_IsBoundAndApplied()
    {
        using var provider = Build(new() { ["Articles:MaxBytes"] = "10" });

        var result = provider.GetRequiredService<IArticleReader>().Read(new ArticleInput("a.txt", "Title: A\n\nLonger than ten bytes."u8.ToArray()));

        Assert.Equal(RejectionReason.TooLarge, result.Rejection?.Reason);
    }

    [Fact]
    public void AddAlertsArticles_InvalidMaxBytes_FailsValidation()
    {
        using var provider = Build(new() { ["Articles:MaxBytes"] = "0" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ArticleLimits>>().Value);
    }
}
