using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Storylines.Tests;

public sealed class StorylinesServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDocumentStore, InMemoryDocumentStore>()
            .AddAlertsStorylines(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task AddAlertsStorylines_WithADocumentStore_ResolvesAWorkingDetectorWithBoundOptions()
    {
        using var provider = Build(new() { ["Storylines:BackgroundDays"] = "45", ["Storylines:MaxConcurrencyRetries"] = "7" });

        var detector = provider.GetRequiredService<IChangeDetector>();
        var options = provider.GetRequiredService<IOptions<StorylineOptions>>().Value;

        Assert.IsType<ChangeDetector>(detector);
        Assert.Equal((45, 1, 7), (options.BackgroundDays, options.IncidentWindowDays, options.MaxConcurrencyRetries));
        var article = Builders.Article("a1", "2031-05-02T09:00:00+00:00", Builders.Event(EventType.Airstrike, "2031-05-01", "Upper Dell"));
        Assert.Single(await detector.ApplyAsync(article, CancellationToken.None));
    }

    [Fact]
    public void AddAlertsStorylines_BackgroundDaysZero_FailsValidation()
    {
        using var provider = Build(new() { ["Storylines:BackgroundDays"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorylineOptions>>().Value);
        Assert.Contains(nameof(StorylineOptions.BackgroundDays), error.Message);
    }
}
