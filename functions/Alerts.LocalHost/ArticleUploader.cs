using System.Security.Cryptography;
using Alerts.Core;
using Azure;
using Azure.Storage.Blobs;

namespace Alerts.LocalHost;

/// <summary>Drops files into the <c>articles</c> container, as any other tool would.</summary>
public sealed class ArticleUploader(BlobServiceClient blobs)
{
    private const int UploadsAtOnce = 8;

    private readonly BlobContainerClient _articles = blobs.GetBlobContainerClient(PipelineNames.ArticlesContainer);

    public async Task UploadAsync(FileInfo file, CancellationToken cancellationToken)
        => await _articles.GetBlobClient(file.Name).UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(file.FullName, cancellationToken)), overwrite: true, cancellationToken);

    /// <returns>How many files were uploaded; with <paramref name="skipUnchanged"/>, a blob already holding the same bytes is left alone.</returns>
    public async Task<int> UploadFolderAsync(DirectoryInfo folder, bool skipUnchanged, CancellationToken cancellationToken)
    {
        if (!folder.Exists)
        {
            throw new DirectoryNotFoundException($"No folder '{folder.FullName}'.");
        }

        // One listing tells which files are there already and their MD5, instead of one download (mostly finding nothing) per file.
        var stored = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        if (skipUnchanged)
        {
            await foreach (var blob in _articles.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                stored[blob.Name] = blob.Properties.ContentHash;
            }
        }

        // Several uploads at once: one at a time, a thousand files took about 10 s of round trips to Azurite. Names, not upload
        // order, decide the order articles are applied in (NameOrder).
        var uploaded = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = UploadsAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ArticleFiles.In(folder), parallel, async (file, token) =>
        {
            var bytes = await File.ReadAllBytesAsync(file.FullName, token);
            if (skipUnchanged && stored.TryGetValue(file.Name, out var md5)
                && (md5 is { Length: > 0 } ? md5.AsSpan().SequenceEqual(MD5.HashData(bytes)) : await HoldsAsync(file.Name, bytes, token)))
            {
                return;
            }

            await _articles.GetBlobClient(file.Name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, token);
            Interlocked.Increment(ref uploaded);
        });

        return uploaded;
    }

    private async Task<bool> HoldsAsync(string name, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await _articles.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return stored.Value.Content.ToMemory().Span.SequenceEqual(bytes);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }
}
