using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Alerts.Core;
using Azure;
using Azure.Core;

namespace Alerts.Storage;

/// <summary>
/// One blob container: the narrow slice of the Blob service the product uses. Block blobs only; ETags are quoted strings.
/// Every method throws <see cref="RequestFailedException"/> (ErrorCode from <c>x-ms-error-code</c>) on an unexpected status.
/// </summary>
public interface IBlobContainerClient
{
    string Name { get; }

    Uri Uri { get; }

    /// <returns>True when this call created the container.</returns>
    Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <returns>True when this call deleted the container.</returns>
    Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Put Blob (a whole block blob).</summary>
    /// <exception cref="BlobConditionFailedException">The condition in <paramref name="options"/> did not hold.</exception>
    Task<BlobWriteResult> UploadAsync(string blobName, BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Get Blob; with <paramref name="maxBytes"/>, only the first bytes are transferred and the real length is reported.</summary>
    /// <returns>Null when the blob (or the container) does not exist.</returns>
    Task<BlobDownloadResult?> DownloadAsync(string blobName, long? maxBytes = null, CancellationToken cancellationToken = default);

    /// <returns>Null when the blob (or the container) does not exist.</returns>
    Task<BlobProperties?> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default);

    /// <summary>One page of List Blobs (with metadata), in name order.</summary>
    /// <param name="pageSize">1..5000; the service's default (5000) when null.</param>
    Task<BlobPage> ListPageAsync(string? prefix = null, string? marker = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Every blob whose name starts with <paramref name="prefix"/>, following <c>NextMarker</c> page by page.</summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string? prefix = null, CancellationToken cancellationToken = default);

    /// <returns>True when the blob was deleted, false when it did not exist.</returns>
    /// <exception cref="BlobConditionFailedException"><paramref name="ifMatch"/> did not match.</exception>
    Task<bool> DeleteAsync(string blobName, string? ifMatch = null, CancellationToken cancellationToken = default);
}

/// <summary>The Blob service of one account: hands out container clients that share one pipeline.</summary>
public interface IBlobServiceClient
{
    Uri Uri { get; }

    IBlobContainerClient GetContainer(string containerName);
}

/// <inheritdoc cref="IBlobServiceClient"/>
public sealed class BlobServiceClient : IBlobServiceClient
{
    private readonly StoragePipeline _pipeline;

    public BlobServiceClient(StorageConnection connection, StorageClientOptions? options = null)
        : this(connection, options, null)
    {
    }

    internal BlobServiceClient(StorageConnection connection, StorageClientOptions? options, TimeProvider? timeProvider)
        => _pipeline = new StoragePipeline(connection, connection.BlobEndpoint, options ?? new StorageClientOptions(), timeProvider);

    public Uri Uri => _pipeline.Endpoint;

    public IBlobContainerClient GetContainer(string containerName) => new BlobContainerClient(_pipeline, containerName);
}

/// <inheritdoc cref="IBlobContainerClient"/>
public sealed class BlobContainerClient : IBlobContainerClient
{
    private readonly StoragePipeline _pipeline;

    internal BlobContainerClient(StoragePipeline pipeline, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _pipeline = pipeline;
        Name = name;
    }

    public string Name { get; }

    public Uri Uri => new($"{_pipeline.Endpoint.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(Name)}");

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = ContainerMessage(RequestMethod.Put);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => true,
            409 when StoragePipeline.Header(response, "x-ms-error-code") == "ContainerAlreadyExists" => false,
            _ => throw StoragePipeline.Failure(response),
        };
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = ContainerMessage(RequestMethod.Delete);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            202 => true,
            404 => false,
            _ => throw StoragePipeline.Failure(response),
        };
    }

    public async Task<BlobWriteResult> UploadAsync(string blobName, BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        using var message = BlobMessage(RequestMethod.Put, blobName);
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("Content-Type", options.ContentType ?? "application/octet-stream");
        foreach (var (key, value) in options.Metadata ?? new Dictionary<string, string>())
        {
            request.Headers.SetValue("x-ms-meta-" + ValidMetadataName(key), ValidMetadataValue(key, value));
        }

        AddCondition(request, options.Condition);
        request.Content = RequestContent.Create(content);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => new BlobWriteResult(StoragePipeline.Header(response, "ETag") ?? "", StoragePipeline.ParseDate(StoragePipeline.Header(response, "Last-Modified"))),
            409 when StoragePipeline.Header(response, "x-ms-error-code") == "BlobAlreadyExists" => throw new BlobConditionFailedException(response),
            412 => throw new BlobConditionFailedException(response),
            _ => throw StoragePipeline.Failure(response),
        };
    }

    public async Task<BlobDownloadResult?> DownloadAsync(string blobName, long? maxBytes = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes ?? 0, nameof(maxBytes));
        if (maxBytes == 0)
        {
            return await GetPropertiesAsync(blobName, cancellationToken).ConfigureAwait(false) is { } properties
                ? new BlobDownloadResult(properties, BinaryData.Empty)
                : null;
        }

        using var message = BlobMessage(RequestMethod.Get, blobName);
        if (maxBytes is { } max)
        {
            message.Request.Headers.SetValue("x-ms-range", $"bytes=0-{max - 1}");
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case 200 or 206:
                var content = response.Content;
                long length = content.ToMemory().Length;
                if (response.Status == 206 && StoragePipeline.Header(response, "Content-Range") is { } range && range.LastIndexOf('/') is var slash and > 0)
                {
                    length = long.Parse(range[(slash + 1)..], CultureInfo.InvariantCulture);
                }

                return new BlobDownloadResult(PropertiesFromHeaders(blobName, response) with { ContentLength = length }, content);
            case 404:
                return null;
            case 416:
                // A range of an empty blob is unsatisfiable: the whole (empty) blob is the answer.
                return await DownloadAsync(blobName, null, cancellationToken).ConfigureAwait(false);
            default:
                throw StoragePipeline.Failure(response);
        }
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var message = BlobMessage(RequestMethod.Head, blobName);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            200 => PropertiesFromHeaders(blobName, response),
            404 => null,
            _ => throw StoragePipeline.Failure(response),
        };
    }

    public async Task<BlobPage> ListPageAsync(string? prefix = null, string? marker = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "List Blobs returns 1 to 5000 blobs per page.");
        }

        using var message = ContainerMessage(RequestMethod.Get);
        var uri = message.Request.Uri;
        uri.AppendQuery("comp", "list");
        uri.AppendQuery("include", "metadata");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker);
        }

        if (pageSize is { } size)
        {
            uri.AppendQuery("maxresults", size.ToString(CultureInfo.InvariantCulture));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StoragePipeline.Failure(response);
        }

        var root = StoragePipeline.ReadXml(response).Root!;
        var blobs = root.Element("Blobs")?.Elements("Blob").Select(PropertiesFromXml).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return new BlobPage(blobs, string.IsNullOrEmpty(next) ? null : next);
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListPageAsync(prefix, marker, null, cancellationToken).ConfigureAwait(false);
            foreach (var blob in page.Blobs)
            {
                yield return blob;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    public async Task<bool> DeleteAsync(string blobName, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var message = BlobMessage(RequestMethod.Delete, blobName);
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            202 => true,
            404 => false,
            412 => throw new BlobConditionFailedException(response),
            _ => throw StoragePipeline.Failure(response),
        };
    }

    public override string ToString() => Uri.ToString();

    private HttpMessage ContainerMessage(RequestMethod method)
    {
        var message = _pipeline.CreateMessage(method, Uri.EscapeDataString(Name));
        message.Request.Uri.AppendQuery("restype", "container");
        return message;
    }

    private HttpMessage BlobMessage(RequestMethod method, string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        return _pipeline.CreateMessage(method, Uri.EscapeDataString(Name) + "/" + StoragePipeline.EscapePath(blobName));
    }

    private static void AddCondition(Request request, WriteCondition condition)
    {
        if (condition.IfNotExists)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }
        else if (condition.IfMatch is { } etag)
        {
            request.Headers.SetValue("If-Match", etag);
        }
    }

    private static BlobProperties PropertiesFromHeaders(string name, Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }

        return new BlobProperties(
            name,
            StoragePipeline.Header(response, "ETag") ?? "",
            long.TryParse(StoragePipeline.Header(response, "Content-Length"), CultureInfo.InvariantCulture, out var length) ? length : 0,
            StoragePipeline.ParseDate(StoragePipeline.Header(response, "Last-Modified")),
            StoragePipeline.Header(response, "Content-Type") ?? "application/octet-stream",
            metadata);
    }

    private static BlobProperties PropertiesFromXml(XElement blob)
    {
        var properties = blob.Element("Properties");
        string? Property(string name) => properties?.Element(name)?.Value;
        var etag = Property("Etag") ?? "";
        return new BlobProperties(
            blob.Element("Name")?.Value ?? "",
            etag.StartsWith('"') ? etag : $"\"{etag}\"",
            long.TryParse(Property("Content-Length"), CultureInfo.InvariantCulture, out var length) ? length : 0,
            StoragePipeline.ParseDate(Property("Last-Modified")),
            Property("Content-Type") is { Length: > 0 } contentType ? contentType : "application/octet-stream",
            blob.Element("Metadata")?.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.OrdinalIgnoreCase)
                ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
    }

    private static string ValidMetadataName(string name)
        => name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw new ArgumentException($"Blob metadata name '{name}' is not a C# identifier (ASCII letters, digits, underscores).", nameof(name));

    private static string ValidMetadataValue(string name, string value)
        => value.All(c => c is >= ' ' and <= '~') && value.Trim().Length == value.Length
            ? value
            : throw new ArgumentException($"Blob metadata '{name}' must be printable ASCII without leading or trailing spaces.", nameof(value));
}
