using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage connection (from the <see cref="StorageOptions.ConnectionName"/> setting, default
    /// <c>AzureWebJobsStorage</c>), <see cref="IBlobServiceClient"/>, <see cref="IQueueServiceClient"/>,
    /// <see cref="IDocumentStore"/> (<see cref="BlobDocumentStore"/>) and <see cref="IQuarantine"/> (<see cref="BlobQuarantine"/>).
    /// A missing connection fails start-up with a message naming the settings looked for. Existing registrations are kept.
    /// </summary>
    public static IServiceCollection AddAlertsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>>(new StorageConnectionValidator(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => StorageConnection.FromConfiguration(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionName));
        services.TryAddSingleton(sp =>
        {
            var options = new StorageClientOptions();
            options.Retry.MaxRetries = sp.GetRequiredService<IOptions<StorageOptions>>().Value.MaxRetries;
            return options;
        });
        services.TryAddSingleton<IBlobServiceClient>(sp => new BlobServiceClient(
            sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<StorageClientOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IQueueServiceClient>(sp => new QueueServiceClient(
            sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<StorageClientOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDocumentStore>(sp => new BlobDocumentStore(
            sp.GetRequiredService<IBlobServiceClient>().GetContainer(sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateContainer)));
        services.TryAddSingleton<IQuarantine>(sp => new BlobQuarantine(
            sp.GetRequiredService<IBlobServiceClient>().GetContainer(sp.GetRequiredService<IOptions<StorageOptions>>().Value.QuarantineContainer),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BlobQuarantine>>()));
        return services;
    }

    /// <summary>Fails start-up (with <c>ValidateOnStart</c>) when the connection settings are missing or malformed.</summary>
    private sealed class StorageConnectionValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            if (string.IsNullOrEmpty(options.ConnectionName))
            {
                return ValidateOptionsResult.Skip;
            }

            try
            {
                StorageConnection.FromConfiguration(configuration, options.ConnectionName);
                return ValidateOptionsResult.Success;
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or ArgumentException)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }
}
