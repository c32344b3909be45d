using System.Runtime.CompilerServices;
using Alerts.Core;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Alerts.Storage;

/// <summary>
/// <see cref="IDocumentStore"/> over one blob container (default <see cref="PipelineNames.StateContainer"/>): a document is a
/// JSON blob, its ETag the blob's. <see cref="WriteCondition.NotExists"/> writes with <c>If-None-Match: *</c>,
/// <see cref="WriteCondition.Matches"/> with <c>If-Match</c>; a lost condition is a <see cref="DocumentConflictException"/>.
/// <see cref="GetIfChangedAsync"/> reads with <c>If-None-Match</c> (304: unchanged, nothing downloaded).
/// The container is created on the first write or listing.
/// </summary>
public sealed class BlobDocumentStore(BlobContainerClient container) : IDocumentStore
{
    private volatile bool _containerExists;

    public BlobContainerClient Container => container;

    public async Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new StoredDocument(download.Value.Content, download.Value.Details.ETag.ToString("H"));
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<StoredDocument?> GetIfChangedAsync(string path, string? knownETag, CancellationToken cancellationToken)
    {
        if (knownETag is null)
        {
            return await GetAsync(path, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var options = new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = new ETag(knownETag) } };
            var download = await container.GetBlobClient(path).DownloadContentAsync(options, cancellationToken).ConfigureAwait(false);
            return download.HasValue
                ? new StoredDocument(download.Value.Content, download.Value.Details.ETag.ToString("H"))
                : new StoredDocument(BinaryData.Empty, knownETag); // 304 Not Modified: the SDK answers with no value, not an exception
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = condition.IfNotExists ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : condition.IfMatch is { } etag ? new BlobRequestConditions { IfMatch = new ETag(etag) }
                : null,
        };
        try
        {
            var written = await container.GetBlobClient(path).UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
            return written.Value.ETag.ToString("H");
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412 && (condition.IfNotExists || condition.IfMatch is not null))
        {
            // 412 ConditionNotMet for If-Match; Azure answers If-None-Match: * on an existing blob with 409 BlobAlreadyExists.
            throw new DocumentConflictException(path, exception);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            yield return blob.Name;
        }
    }

    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false; // no container: nothing to delete
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _containerExists = true;
        }
    }
}
