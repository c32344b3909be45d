using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Functions.Tests;

/// <summary>The real service provider of the function app: wiring and options mistakes fail here, not in Azure.</summary>
public sealed class CompositionTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAlertsFunctionApp(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task AddAlertsFunctionApp_LocalSettings_ResolvesEveryFunctionAndValidatesOptions()
    {
        using var host = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        await host.StartAsync(); // runs every ValidateOnStart
        Assert.NotNull(host.Services.GetRequiredService<ExtractArticleEvents>());
        Assert.NotNull(host.Services.GetRequiredService<DetectChanges>());
        Assert.NotNull(host.Services.GetRequiredService<DeliverAlert>());
        Assert.NotNull(host.Services.GetRequiredService<IArticleReader>());
        Assert.NotNull(host.Services.GetRequiredService<IEventExtractor>());
        Assert.NotNull(host.Services.GetRequiredService<IChangeDetector>());
        Assert.NotNull(host.Services.GetRequiredService<IAlertRouter>());
        Assert.NotNull(host.Services.GetRequiredService<IDocumentStore>());
        Assert.NotNull(host.Services.GetRequiredService<IQuarantine>());
        Assert.Empty(host.Services.GetServices<IEventEnricher>()); // the Language backend is off unless its endpoint is set
        await host.StopAsync();
    }

    [Fact]
    public async Task AddAlertsFunctionApp_InvalidLimit_FailsAtStartup()
    {
        using var host = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["Articles:MaxBytes"] = "0" });

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
