using Alerts.Core;
using Azure;

namespace Alerts.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobContainerClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateIfNotExistsAsync_SecondCall_ReturnsFalse()
    {
        var container = azurite.NewContainer();

        Assert.True(await container.CreateIfNotExistsAsync());
        Assert.False(await container.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task UploadAsync_ThenDownloadAsync_ReturnsContentTypeMetadataAndETag()
    {
        var container = await CreatedContainerAsync();
        var metadata = new Dictionary<string, string> { ["source"] = "wire-desk", ["quarantinedAt"] = "2026-11-21T16:00:00Z" };

        var written = await container.UploadAsync(
            "2026/11/ceasefire report.txt",
            BinaryData.FromString("Talks in the invented town of Varnhold resumed on Tuesday."),
            new BlobUploadOptions { ContentType = "text/plain; charset=utf-8", Metadata = metadata });
        var downloaded = await container.DownloadAsync("2026/11/ceasefire report.txt");
        var properties = await container.GetPropertiesAsync("2026/11/ceasefire report.txt");

        Assert.NotNull(downloaded);
        Assert.Equal("Talks in the invented town of Varnhold resumed on Tuesday.", downloaded.Content.ToString());
        Assert.False(downloaded.IsTruncated);
        Assert.Equal(written.ETag, downloaded.Properties.ETag);
        Assert.Equal("text/plain; charset=utf-8", downloaded.Properties.ContentType);
        Assert.Equal("wire-desk", downloaded.Properties.Metadata["source"]);
        Assert.Equal("2026-11-21T16:00:00Z", downloaded.Properties.Metadata["quarantinedat"]);
        Assert.NotNull(properties);
        Assert.Equal(written.ETag, properties.ETag);
        Assert.Equal(58, properties.ContentLength);
        Assert.NotEqual(default, properties.LastModified);
    }

    [Fact]
    public async Task DownloadAsync_MissingBlob_ReturnsNull()
    {
        var container = await CreatedContainerAsync();

        Assert.Null(await container.DownloadAsync("nothing-here.json"));
        Assert.Null(await container.GetPropertiesAsync("nothing-here.json"));
        Assert.Null(await azurite.Blobs.GetContainer(AzuriteFixture.UniqueName("missing")).DownloadAsync("x"));
    }

    [Fact]
    public async Task UploadAsync_IfNoneMatchOnExistingBlob_ThrowsConflictWithBlobAlreadyExists()
    {
        var container = await CreatedContainerAsync();
        await container.UploadAsync("ledger.json", BinaryData.FromString("{}"), new BlobUploadOptions { Condition = WriteCondition.NotExists });

        var exception = await Assert.ThrowsAsync<BlobConditionFailedException>(
            () => container.UploadAsync("ledger.json", BinaryData.FromString("{\"v\":2}"), new BlobUploadOptions { Condition = WriteCondition.NotExists }));

        Assert.Equal(409, exception.Status);
        Assert.Equal("BlobAlreadyExists", exception.ErrorCode);
        Assert.Equal("{}", (await container.DownloadAsync("ledger.json"))!.Content.ToString());
    }

    [Fact]
    public async Task UploadAsync_IfMatch_SucceedsWithCurrentETagAndFailsWithStaleOne()
    {
        var container = await CreatedContainerAsync();
        var first = await container.UploadAsync("storyline.json", BinaryData.FromString("{\"v\":1}"));

        var second = await container.UploadAsync("storyline.json", BinaryData.FromString("{\"v\":2}"), new BlobUploadOptions { Condition = WriteCondition.Matches(first.ETag) });
        var exception = await Assert.ThrowsAsync<BlobConditionFailedException>(
            () => container.UploadAsync("storyline.json", BinaryData.FromString("{\"v\":3}"), new BlobUploadOptions { Condition = WriteCondition.Matches(first.ETag) }));

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(412, exception.Status);
        Assert.Equal("ConditionNotMet", exception.ErrorCode);
        Assert.Equal("{\"v\":2}", (await container.DownloadAsync("storyline.json"))!.Content.ToString());
    }

    [Fact]
    public async Task UploadAsync_IfMatchOnMissingBlob_ThrowsConditionFailed()
    {
        var container = await CreatedContainerAsync();

        var exception = await Assert.ThrowsAsync<BlobConditionFailedException>(
            () => container.UploadAsync("never-written.json", BinaryData.FromString("{}"), new BlobUploadOptions { Condition = WriteCondition.Matches("\"0x8DEADBEEF\"") }));

        Assert.Equal(412, exception.Status);
    }

    [Fact]
    public async Task ListPageAsync_MoreBlobsThanPageSize_FollowsNextMarker()
    {
        var container = await CreatedContainerAsync();
        foreach (var name in new[] { "a/1.json", "a/2.json", "a/3.json", "a/4.json", "a/5.json", "b/1.json" })
        {
            await container.UploadAsync(name, BinaryData.FromString(name), new BlobUploadOptions { ContentType = "application/json", Metadata = new Dictionary<string, string> { ["origin"] = "list-test" } });
        }

        var pages = new List<BlobPage>();
        string? marker = null;
        do
        {
            var page = await container.ListPageAsync("a/", marker, pageSize: 2);
            pages.Add(page);
            marker = page.NextMarker;
        }
        while (marker is not null);
        var all = await container.ListAsync("a/").ToListAsync();

        Assert.Equal([2, 2, 1], pages.Select(p => p.Blobs.Count));
        Assert.Equal(["a/1.json", "a/2.json", "a/3.json", "a/4.json", "a/5.json"], pages.SelectMany(p => p.Blobs).Select(b => b.Name));
        Assert.Equal(["a/1.json", "a/2.json", "a/3.json", "a/4.json", "a/5.json"], all.Select(b => b.Name));
        var first = all[0];
        Assert.Equal(8, first.ContentLength);
        Assert.Equal("application/json", first.ContentType);
        Assert.Equal("list-test", first.Metadata["origin"]);
        Assert.Equal((await container.GetPropertiesAsync("a/1.json"))!.ETag, first.ETag);
    }

    [Fact]
    public async Task DownloadAsync_CappedLargeBlob_TransfersOnlyTheCapAndReportsRealLength()
    {
        var container = await CreatedContainerAsync();
        var large = new byte[8 * 1024 * 1024];
        new Random(7).NextBytes(large);
        await container.UploadAsync("large.bin", BinaryData.FromBytes(large));

        var capped = await container.DownloadAsync("large.bin", maxBytes: 4096);
        var whole = await container.DownloadAsync("large.bin");

        Assert.NotNull(capped);
        Assert.Equal(4096, capped.Content.ToMemory().Length);
        Assert.Equal(large.Length, capped.Properties.ContentLength);
        Assert.True(capped.IsTruncated);
        Assert.True(large.AsSpan(0, 4096).SequenceEqual(capped.Content.ToMemory().Span));
        Assert.False(whole!.IsTruncated);
        Assert.Equal(large.Length, whole.Content.ToMemory().Length);
    }

    [Fact]
    public async Task DownloadAsync_CappedSmallOrEmptyBlob_ReturnsWholeBlob()
    {
        var container = await CreatedContainerAsync();
        await container.UploadAsync("empty.txt", BinaryData.Empty);
        await container.UploadAsync("short.txt", BinaryData.FromString("short"));

        var empty = await container.DownloadAsync("empty.txt", maxBytes: 1024);
        var shortBlob = await container.DownloadAsync("short.txt", maxBytes: 1024);

        Assert.Equal(0, empty!.Properties.ContentLength);
        Assert.True(empty.Content.ToMemory().IsEmpty);
        Assert.Equal("short", shortBlob!.Content.ToString());
        Assert.False(shortBlob.IsTruncated);
    }

    [Fact]
    public async Task DeleteAsync_WithStaleETagThenCurrent_DeletesOnlyWithCurrent()
    {
        var container = await CreatedContainerAsync();
        var first = await container.UploadAsync("alert.json", BinaryData.FromString("{\"v\":1}"));
        var second = await container.UploadAsync("alert.json", BinaryData.FromString("{\"v\":2}"));

        var exception = await Assert.ThrowsAsync<BlobConditionFailedException>(() => container.DeleteAsync("alert.json", first.ETag));
        Assert.Equal(412, exception.Status);
        Assert.True(await container.DeleteAsync("alert.json", second.ETag));
        Assert.False(await container.DeleteAsync("alert.json"));
        Assert.Null(await container.GetPropertiesAsync("alert.json"));
    }

    [Fact]
    public async Task ListPageAsync_MissingContainer_ThrowsWithErrorCodeFromHeader()
    {
        var container = azurite.Blobs.GetContainer(AzuriteFixture.UniqueName("missing"));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => container.ListPageAsync());

        Assert.Equal(404, exception.Status);
        Assert.Equal("ContainerNotFound", exception.ErrorCode);
        Assert.NotNull(exception.GetRawResponse());
    }

    [Fact]
    public async Task UploadAsync_NonAsciiMetadata_ThrowsBeforeSending()
    {
        var container = azurite.NewContainer();

        await Assert.ThrowsAsync<ArgumentException>(() => container.UploadAsync(
            "x.txt", BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["place"] = "Köln" } }));
    }

    private async Task<IBlobContainerClient> CreatedContainerAsync()
    {
        var container = azurite.NewContainer();
        await container.CreateIfNotExistsAsync();
        return container;
    }
}
