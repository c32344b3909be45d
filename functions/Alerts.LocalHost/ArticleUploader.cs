using Alerts.Core;
using Alerts.Storage;

namespace Alerts.LocalHost;

/// <summary>Drops files into the <c>articles</c> container, as any other tool would.</summary>
internal sealed class ArticleUploader(IBlobServiceClient blobs)
{
    private readonly IBlobContainerClient _articles = blobs.GetContainer(PipelineNames.ArticlesContainer);

    public async Task UploadAsync(FileInfo file, CancellationToken cancellationToken)
        => await _articles.UploadAsync(file.Name, BinaryData.FromBytes(await File.ReadAllBytesAsync(file.FullName, cancellationToken)), options: null, cancellationToken);

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

            await _articles.UploadAsync(file.Name, BinaryData.FromBytes(bytes), options: null, cancellationToken);
            uploaded++;
        }

        return uploaded;
    }

    private async Task<bool> HoldsAsync(string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var properties = await _articles.GetPropertiesAsync(name, cancellationToken);
        if (properties is null || properties.ContentLength != bytes.Length)
        {
            return false;
        }

        var stored = await _articles.DownloadAsync(name, bytes.Length + 1L, cancellationToken);
        return stored is not null && stored.Content.ToMemory().Span.SequenceEqual(bytes);
    }
}
