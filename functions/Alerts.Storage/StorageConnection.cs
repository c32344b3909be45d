using Microsoft.Extensions.Configuration;

namespace Alerts.Storage;

/// <summary>
/// Which form of a storage connection setting is present, read the way the Functions host reads <c>AzureWebJobsStorage</c>:
/// a connection string in <c>ConnectionStrings:{name}</c> or <c>{name}</c>, or identity-based settings
/// <c>{name}__blobServiceUri</c> and <c>{name}__queueServiceUri</c> (or <c>{name}__accountName</c>) with
/// <c>{name}__credential</c> / <c>{name}__clientId</c>. The clients themselves come from the Azure SDK.
/// </summary>
/// <param name="ConnectionString">Set for connection strings (Azurite, shared key); never logged.</param>
/// <param name="BlobServiceUri">Set for identity-based connections.</param>
/// <param name="QueueServiceUri">Set for identity-based connections.</param>
/// <param name="Settings">The identity-based settings (<c>credential</c>, <c>clientId</c>), for the credential.</param>
internal sealed record StorageConnection(string? ConnectionString, Uri? BlobServiceUri, Uri? QueueServiceUri, IConfigurationSection Settings)
{
    /// <exception cref="InvalidOperationException">No such settings, or only half of an identity-based pair; the message names the settings looked for.</exception>
    public static StorageConnection Read(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        if ((configuration.GetConnectionString(name) ?? section.Value) is { Length: > 0 } connectionString)
        {
            return new StorageConnection(connectionString, null, null, section);
        }

        var account = section["accountName"];
        var blob = section["blobServiceUri"] ?? section["serviceUri"] ?? (account is { Length: > 0 } ? $"https://{account}.blob.core.windows.net" : null);
        var queue = section["queueServiceUri"] ?? (account is { Length: > 0 } ? $"https://{account}.queue.core.windows.net" : null);
        if (blob is null && queue is null)
        {
            throw new InvalidOperationException(
                $"No storage connection named '{name}'. Set {name} to a connection string (UseDevelopmentStorage=true for Azurite), or " +
                $"{name}__blobServiceUri and {name}__queueServiceUri (or {name}__accountName) with {name}__credential=managedidentity for an identity-based connection.");
        }

        if (blob is null || queue is null)
        {
            throw new InvalidOperationException(
                $"The identity-based storage connection '{name}' needs both {name}__blobServiceUri and {name}__queueServiceUri (or {name}__accountName); only the {(blob is null ? "queue" : "blob")} service is set.");
        }

        return new StorageConnection(null, HttpsUri(blob, name), HttpsUri(queue, name), section);
    }

    /// <returns>The connection, or null when its settings are missing or unusable (start-up validation reports why).</returns>
    public static StorageConnection? TryRead(IConfiguration configuration, string name)
    {
        try
        {
            return Read(configuration, name);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Uri HttpsUri(string value, string name)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"The identity-based storage connection '{name}' needs absolute https service URIs (bearer tokens never travel over http); use a connection string for Azurite.");
}
