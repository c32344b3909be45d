using Alerts.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Azure.Core.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure SDK's <see cref="BlobServiceClient"/> and <see cref="QueueServiceClient"/> (with <c>AddAzureClients</c>)
    /// from the connection setting <see cref="StorageOptions.ConnectionName"/> (default <c>AzureWebJobsStorage</c>, the one the
    /// Functions host reads), and over them <see cref="IDocumentStore"/> (<see cref="BlobDocumentStore"/>) and
    /// <see cref="IQuarantine"/> (<see cref="BlobQuarantine"/>). Missing or half-set connection settings fail start-up with a
    /// message naming the settings. Existing registrations of the two seams are kept.
    /// </summary>
    public static IServiceCollection AddAlertsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>>(new ConnectionValidator(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UnsafeBlobNames>();

        if (StorageConnection.TryRead(configuration, storage.ConnectionName) is { } connection)
        {
            services.AddAzureClients(clients =>
            {
                // For every Azure client made through this container's AzureComponentFactory, the WebJobs engine's included.
                // Every listing also loses the names no client can address safely (see UnsafeNameListingPolicy).
                clients.ConfigureDefaults((options, sp) =>
                {
                    options.Retry.MaxRetries = storage.MaxRetries;
                    options.AddPolicy(new UnsafeNameListingPolicy(sp.GetRequiredService<UnsafeBlobNames>()), Azure.Core.HttpPipelinePosition.PerCall);
                });
                _ = connection.ConnectionString is { } blobConnectionString
                    ? clients.AddBlobServiceClient(blobConnectionString)
                    : clients.AddBlobServiceClient(connection.BlobServiceUri!).WithCredential(sp => sp.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(connection.Settings));

                // Base64, as the Functions queue bindings read and write messages.
                var queues = connection.ConnectionString is { } queueConnectionString
                    ? clients.AddQueueServiceClient(queueConnectionString)
                    : clients.AddQueueServiceClient(connection.QueueServiceUri!).WithCredential(sp => sp.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(connection.Settings));
                queues.ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.Base64);
            });
        }

        services.TryAddSingleton<IDocumentStore>(sp => new BlobDocumentStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateContainer)));
        services.TryAddSingleton<IQuarantine>(sp => new BlobQuarantine(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.QuarantineContainer),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BlobQuarantine>>()));
        return services;
    }

    /// <summary>Fails start-up (with <c>ValidateOnStart</c>) when the connection settings are missing or half set.</summary>
    private sealed class ConnectionValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            try
            {
                StorageConnection.Read(configuration, options.ConnectionName);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException exception)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }
}
