using System.Runtime.CompilerServices;
using Alerts.Core;

namespace Alerts.Storage;

/// <summary>
/// <see cref="IDocumentStore"/> over one blob container (default <see cref="PipelineNames.StateContainer"/>): a document is a
/// JSON blob, its ETag the blob's. <see cref="WriteCondition.NotExists"/> writes with <c>If-None-Match: *</c>,
/// <see cref="WriteCondition.Matches"/> with <c>If-Match</c>; a lost condition is a <see cref="DocumentConflictException"/>.
/// The container is created on the first write or listing.
/// </summary>
public sealed class BlobDocumentStore(IBlobContainerClient container) : IDocumentStore
{
    private volatile bool _containerExists;

    public IBlobContainerClient Container => container;

    public async Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken)
        => await container.DownloadAsync(path, null, cancellationToken).ConfigureAwait(false) is { } blob
            ? new StoredDocument(blob.Content, blob.Properties.ETag)
            : null;

    public async Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var options = new BlobUploadOptions { ContentType = "application/json", Condition = condition };
            return (await container.UploadAsync(path, content, options, cancellationToken).ConfigureAwait(false)).ETag;
        }
        catch (BlobConditionFailedException exception)
        {
            throw new DocumentConflictException(path, exception);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var blob in container.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return blob.Name;
        }
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken) => container.DeleteAsync(path, null, cancellationToken);

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _containerExists = true;
        }
    }
}
