using Alerts.Core;
using Azure;
using Azure.Storage.Blobs;

namespace Alerts.LocalHost;

/// <summary>Drops files into the <c>articles</c> container, as any other tool would.</summary>
public sealed class ArticleUploader(BlobServiceClient blobs)
{
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

        var uploaded = 0;
        foreach (var file in ArticleFiles.In(folder))
        {
            var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            if (skipUnchanged && await HoldsAsync(file.Name, bytes, cancellationToken))
            {
                continue;
            }

            await _articles.GetBlobClient(file.Name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, cancellationToken);
            uploaded++;
        }

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
