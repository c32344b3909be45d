using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Alerts.Storage;

/// <summary>
/// Where a storage account's Blob and Queue services are and how to authenticate to them: Shared Key (connection strings,
/// Azurite) or a <see cref="Azure.Core.TokenCredential"/> (identity-based connections, https only).
/// <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The Entra ID scope of Blob and Queue storage.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    /// <summary>Azurite's well-known account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    // Azurite's published, well-known development key: not a secret.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnection(Uri blobEndpoint, Uri queueEndpoint, StorageSharedKeyCredential? sharedKey, TokenCredential? tokenCredential)
    {
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        SharedKey = sharedKey;
        TokenCredential = tokenCredential;
    }

    /// <summary>The Blob service, e.g. <c>https://acct.blob.core.windows.net</c> or <c>http://127.0.0.1:10000/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The Queue service, e.g. <c>https://acct.queue.core.windows.net</c> or <c>http://127.0.0.1:10001/devstoreaccount1</c>.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>Set for Shared Key connections (connection strings).</summary>
    public StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>Set for identity-based connections.</summary>
    public TokenCredential? TokenCredential { get; }

    /// <summary>Azurite with its well-known account on 127.0.0.1:10000 (blob) and 10001 (queue).</summary>
    public static StorageConnection Development { get; } = new(
        new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
        new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
        new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
        null);

    /// <summary>An identity-based connection. Bearer tokens are sent only over https, so both endpoints must be https.</summary>
    public static StorageConnection FromTokenCredential(Uri blobEndpoint, Uri queueEndpoint, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        foreach (var endpoint in new[] { blobEndpoint, queueEndpoint })
        {
            if (endpoint.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException(
                    $"Identity-based storage connections need https endpoints, not '{endpoint}' (Azure.Core never sends a bearer token over http). Use a connection string such as UseDevelopmentStorage=true for Azurite.");
            }
        }

        return new StorageConnection(blobEndpoint, queueEndpoint, null, credential);
    }

    /// <summary>
    /// Parses a storage connection string: <c>UseDevelopmentStorage=true</c>, or <c>AccountName</c> + <c>AccountKey</c> with
    /// <c>DefaultEndpointsProtocol</c> (default https), <c>EndpointSuffix</c> (default core.windows.net) and optional
    /// explicit <c>BlobEndpoint</c> / <c>QueueEndpoint</c>. Error messages never repeat the string (it holds the key).
    /// </summary>
    /// <exception cref="FormatException">The string is not a usable Shared Key connection string.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=');
            if (separator <= 0)
            {
                throw new FormatException("A storage connection string part is not 'Name=Value'.");
            }

            settings[part[..separator].Trim()] = part[(separator + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            return Development;
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("Storage connection strings with SharedAccessSignature are not supported; use AccountName and AccountKey, or an identity-based connection.");
        }

        if (!settings.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            throw new FormatException("The storage connection string has no AccountName (and is not UseDevelopmentStorage=true).");
        }

        if (!settings.TryGetValue("AccountKey", out var accountKey) || accountKey.Length == 0)
        {
            throw new FormatException($"The storage connection string of account '{accountName}' has no AccountKey.");
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return new StorageConnection(
            Endpoint(settings, "BlobEndpoint", $"{protocol}://{accountName}.blob.{suffix}"),
            Endpoint(settings, "QueueEndpoint", $"{protocol}://{accountName}.queue.{suffix}"),
            new StorageSharedKeyCredential(accountName, accountKey),
            null);
    }

    /// <summary>
    /// Reads a connection the way the Functions host does: <c>ConnectionStrings:{name}</c> or a setting <c>{name}</c> holding a
    /// connection string, or the identity-based settings <c>{name}__blobServiceUri</c>, <c>{name}__queueServiceUri</c> (or
    /// <c>{name}__accountName</c>), <c>{name}__credential</c> (<c>managedidentity</c>) and <c>{name}__clientId</c>.
    /// A name without the <c>AzureWebJobs</c> prefix is looked up with it first.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such settings; the message names the settings looked for.</exception>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var candidates = name.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase) ? [name] : new[] { "AzureWebJobs" + name, name };
        foreach (var candidate in candidates)
        {
            if (configuration.GetConnectionString(candidate) is { Length: > 0 } fromConnectionStrings)
            {
                return Parse(fromConnectionStrings);
            }

            var section = configuration.GetSection(candidate);
            if (section.Value is { Length: > 0 } connectionString)
            {
                return Parse(connectionString);
            }

            if (FromIdentitySettings(section, candidate) is { } identityBased)
            {
                return identityBased;
            }
        }

        throw new InvalidOperationException(
            $"No storage connection named '{name}'. Looked for {string.Join(" and ", candidates.Select(c => $"ConnectionStrings:{c}, {c}, {c}__blobServiceUri/{c}__queueServiceUri and {c}__accountName"))}. " +
            $"Set {candidates[^1]} to a connection string (UseDevelopmentStorage=true for Azurite), or {candidates[^1]}__blobServiceUri and " +
            $"{candidates[^1]}__queueServiceUri (or {candidates[^1]}__accountName) with {candidates[^1]}__credential=managedidentity for an identity-based connection.");
    }

    public override string ToString()
        => $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};" +
           (SharedKey is { } key ? key.ToString() : $"Credential={TokenCredential!.GetType().Name}");

    private static StorageConnection? FromIdentitySettings(IConfigurationSection section, string name)
    {
        var accountName = section["accountName"];
        var blob = section["blobServiceUri"] ?? section["serviceUri"] ?? (accountName is { Length: > 0 } ? $"https://{accountName}.blob.core.windows.net" : null);
        var queue = section["queueServiceUri"] ?? (accountName is { Length: > 0 } ? $"https://{accountName}.queue.core.windows.net" : null);
        if (blob is null && queue is null)
        {
            return null;
        }

        if (blob is null || queue is null)
        {
            throw new InvalidOperationException(
                $"The identity-based storage connection '{name}' needs both {name}__blobServiceUri and {name}__queueServiceUri (or {name}__accountName); only {(blob is null ? "the queue" : "the blob")} service is set.");
        }

        var clientId = section["clientId"];
        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is { Length: > 0 } ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return FromTokenCredential(new Uri(blob, UriKind.Absolute), new Uri(queue, UriKind.Absolute), credential);
    }

    private static Uri Endpoint(Dictionary<string, string> settings, string key, string fallback)
    {
        var value = settings.GetValueOrDefault(key) is { Length: > 0 } explicitValue ? explicitValue : fallback;
        return Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"The storage connection string's {key} is not an absolute http(s) URI.");
    }
}
