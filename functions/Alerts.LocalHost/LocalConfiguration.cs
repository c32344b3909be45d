using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Alerts.LocalHost;

/// <summary>
/// Configuration of the local host, in rising precedence: built-in local defaults (Azurite, the outbox folder),
/// <c>local.settings.json</c> "Values" (the Functions convention, if present in the working folder), environment variables.
/// </summary>
internal static class LocalConfiguration
{
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Delivery:OutboxPath"] = Path.Combine(".alerts", "outbox"),
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Alerts"] = "Warning",
    };

    public static void AddLocalSources(this IConfigurationBuilder builder)
    {
        builder.AddInMemoryCollection(Defaults);
        var settings = Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json");
        if (File.Exists(settings))
        {
            builder.AddInMemoryCollection(ReadValues(settings));
        }

        builder.AddEnvironmentVariables();
    }

    private static IEnumerable<KeyValuePair<string, string?>> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in values.EnumerateObject())
        {
            yield return new(property.Name.Replace("__", ":", StringComparison.Ordinal), property.Value.ToString());
        }
    }
}
