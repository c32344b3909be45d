using System.Text.Json;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;

namespace Alerts.LocalHost;

/// <summary>
/// Configuration of the local host, in rising precedence: built-in local defaults (Azurite, the outbox folder), the app's own
/// <c>host.json</c> "extensions" (where the WebJobs trigger engine reads them, as the Functions host does), <c>local.settings.json</c>
/// "Values" (the Functions convention, if present in the working folder), environment variables.
/// </summary>
internal static class LocalConfiguration
{
    /// <summary>Azurite's published, well-known development account: not a secret.</summary>
    private const string DevelopmentAccount = "devstoreaccount1";

    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Where the WebJobs SDK reads the extension settings that the Functions host takes from host.json "extensions".</summary>
    public const string ExtensionsSection = "AzureWebJobs:extensions";

    /// <summary>The engine's retry policy for the local blob and timer triggers (host.json's "retry" shape).</summary>
    public const string RetrySection = "AzureWebJobs:retry";

    public static void AddLocalSources(this IConfigurationBuilder builder, string hostJsonPath)
    {
        builder.AddInMemoryCollection(Defaults(Environment.GetEnvironmentVariable("AZURITE_BLOB_PORT"), Environment.GetEnvironmentVariable("AZURITE_QUEUE_PORT")));
        builder.AddInMemoryCollection(HostJsonExtensions(hostJsonPath));

        // Locally one blob and eight messages at a time (two blobs at once were no faster on 2 cores and took 100 MB more),
        // and an idle queue is polled at least every 250 ms (host.json's 2 s saves transactions in Azure; locally each of the
        // three hops from a dropped file to its alert would wait up to that long); articles are applied in name order
        // (NameOrder), so a folder dropped in name order reads as a timeline (in Azure, the host.json values hold). The engine retries a failed blob at once (its blob
        // queue releases with no visibility timeout), so locally a failing blob is retried in place with exponential back-off
        // (1 s doubling to 16 s, four times) before it goes back to the queue, where poisonBlobThreshold counts the rounds.
        builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ExtensionsSection}:blobs:maxDegreeOfParallelism"] = "1",
            [$"{ExtensionsSection}:queues:batchSize"] = "8",
            [$"{ExtensionsSection}:queues:newBatchThreshold"] = "4",
            [$"{ExtensionsSection}:queues:maxPollingInterval"] = "00:00:00.250",
            [$"{RetrySection}:strategy"] = "exponentialBackoff",
            [$"{RetrySection}:maxRetryCount"] = "4",
            [$"{RetrySection}:minimumInterval"] = "00:00:01",
            [$"{RetrySection}:maximumInterval"] = "00:00:16",
        });
        var settings = Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json");
        if (File.Exists(settings))
        {
            builder.AddInMemoryCollection(ReadValues(settings));
        }

        builder.AddEnvironmentVariables();
    }

    /// <summary>
    /// Azurite with the development account; <c>AZURITE_BLOB_PORT</c> / <c>AZURITE_QUEUE_PORT</c> (the ports <c>./alerts azurite</c>
    /// starts it on) move the connection with it.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Defaults(string? blobPort, string? queuePort) => new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = string.IsNullOrEmpty(blobPort) && string.IsNullOrEmpty(queuePort)
            ? "UseDevelopmentStorage=true"
            : $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};" +
              $"BlobEndpoint=http://127.0.0.1:{Port(blobPort, 10000)}/{DevelopmentAccount};QueueEndpoint=http://127.0.0.1:{Port(queuePort, 10001)}/{DevelopmentAccount};",
        ["Delivery:OutboxPath"] = Path.Combine(".alerts", "outbox"),
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Alerts"] = "Warning",
        // The engine reports every retried invocation as an error with its exception; the pipeline's own warnings say it once.
        ["Logging:LogLevel:Function"] = "None",
        ["Logging:LogLevel:Host"] = "Error",
        ["Logging:LogLevel:Microsoft.Azure.WebJobs"] = "Error",
        ["Logging:LogLevel:Azure.Core"] = "Error",
    };

    /// <summary>The "extensions" section of a host.json under <see cref="ExtensionsSection"/>; nothing when there is no file.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> HostJsonExtensions(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var hostJson = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build().GetSection("extensions");
        return [.. hostJson.AsEnumerable(makePathsRelative: true)
            .Where(setting => setting.Value is not null)
            .Select(setting => new KeyValuePair<string, string?>($"{ExtensionsSection}:{setting.Key}", setting.Value))];
    }

    /// <summary>The engine's retry policy from <see cref="RetrySection"/>, in host.json's "retry" shape; null when none is set.</summary>
    public static RetryAttribute? RetryPolicy(IConfiguration configuration)
    {
        var retry = configuration.GetSection(RetrySection);
        if (retry["strategy"] is not { } strategy)
        {
            return null;
        }

        var count = int.TryParse(retry["maxRetryCount"], out var n) ? n : throw new InvalidOperationException($"{RetrySection}:maxRetryCount must be a number.");
        return strategy.ToLowerInvariant() switch
        {
            "exponentialbackoff" => new ExponentialBackoffRetryAttribute(count, retry["minimumInterval"], retry["maximumInterval"]),
            "fixeddelay" => new FixedDelayRetryAttribute(count, retry["delayInterval"]),
            var other => throw new InvalidOperationException($"{RetrySection}:strategy '{other}' is neither fixedDelay nor exponentialBackoff."),
        };
    }

    private static int Port(string? value, int fallback)
        => int.TryParse(value, out var port) && port is > 0 and < 65_536 ? port : fallback;

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
