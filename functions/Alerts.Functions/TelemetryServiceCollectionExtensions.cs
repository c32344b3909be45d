using Alerts.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alerts.Functions;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The app setting the Bicep sets to the App Insights connection string.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>With <c>ClientId=…;Authorization=AAD</c>, the exporter signs in with that managed identity (local auth is off).</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Exports the <c>Alerts</c> activity source and meter, the Functions worker's invocation traces and the logs through
    /// OpenTelemetry to Application Insights when <see cref="ConnectionStringSetting"/> is set; registers nothing otherwise.
    /// </summary>
    public static IServiceCollection AddAlertsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[ConnectionStringSetting] is not { Length: > 0 } connectionString)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(AlertsTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(AlertsTelemetry.Name))
            .UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                if (ManagedIdentityClientId(configuration[AuthenticationSetting]) is { } clientId)
                {
                    exporter.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        return services;
    }

    private static string? ManagedIdentityClientId(string? authentication)
    {
        var parts = (authentication ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return parts.GetValueOrDefault("Authorization") is { } mode && mode.Equals("AAD", StringComparison.OrdinalIgnoreCase)
            ? parts.GetValueOrDefault("ClientId")
            : null;
    }
}
