using System.Diagnostics;
using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alerts.Functions.Tests;

/// <summary>Telemetry goes to Application Insights through OpenTelemetry only when the app has its connection string.</summary>
public sealed class TelemetryTests
{
    // An invented key; the ingestion endpoint is a closed local port, so nothing leaves the machine.
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public void AddAlertsTelemetry_ConnectionStringSet_BuildsTracerAndMeterProvidersListeningToAlerts()
    {
        using var provider = Build(new() { [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = ConnectionString });

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
        using var activity = AlertsTelemetry.ActivitySource.StartActivity("ExtractArticleEvents");
        Assert.NotNull(activity); // sampled: a listener (the OpenTelemetry tracer provider) takes the Alerts source
    }

    [Fact]
    public void AddAlertsTelemetry_ManagedIdentityAuthentication_StillBuildsTheProviders()
    {
        using var provider = Build(new()
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = ConnectionString,
            [TelemetryServiceCollectionExtensions.AuthenticationSetting] = "ClientId=00000000-0000-0000-0000-000000000002;Authorization=AAD",
        });

        Assert.NotNull(provider.GetService<TracerProvider>());
    }

    [Fact]
    public void AddAlertsTelemetry_NoConnectionString_RegistersNoProvider()
    {
        using var provider = Build([]);

        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddAlertsTelemetry(configuration).BuildServiceProvider();
    }
}
