using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Language.Tests;

public sealed class LanguageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAlertsLanguage_NoEndpoint_RegistersNothing()
    {
        var services = new ServiceCollection();

        services.AddAlertsLanguage(Configuration(new() { ["Extraction:Language:ApiKey"] = "k" }));

        Assert.Empty(services);
    }

    [Fact]
    public void AddAlertsLanguage_EndpointAndKey_ResolvesEnricherWithDefaults()
    {
        using var provider = Build(new() { ["Extraction:Language:Endpoint"] = "https://alerts-lang.cognitiveservices.azure.com/", ["Extraction:Language:ApiKey"] = "k" });

        var enricher = Assert.Single(provider.GetServices<IEventEnricher>());
        Assert.IsType<LanguageEventEnricher>(enricher);
        Assert.Same(provider.GetRequiredService<LearnedPlaces>(), ((LanguageEventEnricher)enricher).LearnedPlaces);
        Assert.IsType<TextAnalysisClient>(provider.GetRequiredService<ITextAnalysisClient>());
        var options = provider.GetRequiredService<IOptions<LanguageOptions>>().Value;
        Assert.Equal(("2024-11-01", "latest", "en", 0.6), (options.ApiVersion, options.ModelVersion, options.Language, options.MinConfidence));
    }

    [Fact]
    public void AddAlertsLanguage_NoKey_UsesEntraIdClient()
    {
        using var provider = Build(new() { ["Extraction:Language:Endpoint"] = "https://alerts-lang.cognitiveservices.azure.com", ["Extraction:Language:ClientId"] = "00000000-0000-0000-0000-000000000001" });

        Assert.IsType<TextAnalysisClient>(provider.GetRequiredService<ITextAnalysisClient>());
    }

    [Theory]
    [InlineData("http://alerts-lang.cognitiveservices.azure.com/")]
    [InlineData("http://10.0.0.4:5000/")]
    [InlineData("ftp://127.0.0.1/")]
    public void AddAlertsLanguage_EndpointNotHttps_FailsValidation(string endpoint)
    {
        using var provider = Build(new() { ["Extraction:Language:Endpoint"] = endpoint, ["Extraction:Language:ApiKey"] = "k" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LanguageOptions>>().Value);
        Assert.Contains("https", ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123/")]
    [InlineData("http://localhost:5123")]
    public void AddAlertsLanguage_LoopbackHttpEndpoint_IsAllowed(string endpoint)
    {
        using var provider = Build(new() { ["Extraction:Language:Endpoint"] = endpoint, ["Extraction:Language:ApiKey"] = "k" });

        Assert.Equal(new Uri(endpoint), provider.GetRequiredService<IOptions<LanguageOptions>>().Value.Endpoint);
    }

    [Fact]
    public void AddAlertsLanguage_BadApiVersion_FailsValidation()
    {
        using var provider = Build(new()
        {
            ["Extraction:Language:Endpoint"] = "https://alerts-lang.cognitiveservices.azure.com/",
            ["Extraction:Language:ApiVersion"] = "latest",
        });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LanguageOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAlertsLanguage(Configuration(settings));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
