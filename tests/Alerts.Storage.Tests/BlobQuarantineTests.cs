using System.Text;
using System.Text.Json;
using Alerts.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobQuarantineTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 16, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task QuarantineAsync_Input_KeepsOriginalBytesWithReasonMetadataAndSidecar()
    {
        var quarantine = NewQuarantine();
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0x10 };

        await quarantine.QuarantineAsync(
            new ArticleInput("inbox/photo.html", bytes, "text/html"),
            new ArticleRejection(RejectionReason.Binary, "The file looks binary: 2 NUL or control bytes in the first 7."),
            default);

        var stored = (await quarantine.Container.GetBlobClient("inbox%2Fphoto.html/content").DownloadContentAsync()).Value;
        Assert.Equal(bytes, stored.Content.ToArray());
        Assert.Equal("text/html", stored.Details.ContentType);
        Assert.Equal("binary", stored.Details.Metadata["reason"]);
        Assert.Equal("The file looks binary: 2 NUL or control bytes in the first 7.", stored.Details.Metadata["message"]);
        Assert.Equal(Now, DateTimeOffset.Parse(stored.Details.Metadata["quarantinedAt"]));

        var sidecar = (await quarantine.Container.GetBlobClient("inbox%2Fphoto.html/reason.json").DownloadContentAsync()).Value;
        using var json = JsonDocument.Parse(sidecar.Content.ToString());
        Assert.Equal("inbox/photo.html", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("binary", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(7, json.RootElement.GetProperty("length").GetInt32());
        Assert.Equal("application/json", sidecar.Details.ContentType);
    }

    [Fact]
    public async Task QuarantineAsync_NonAsciiMessage_MetadataReplacesItAndSidecarKeepsIt()
    {
        var quarantine = NewQuarantine();
        const string message = "Unbekannte Kodierung in „Bericht aus Nordmark“\nZeile 2";

        await quarantine.QuarantineAsync(
            new ArticleInput("bericht.txt", Encoding.Latin1.GetBytes("Ein erfundener Bericht")),
            new ArticleRejection(RejectionReason.UnknownEncoding, message),
            default);

        var stored = (await quarantine.Container.GetBlobClient("bericht.txt/content").GetPropertiesAsync()).Value;
        Assert.Equal("unknown_encoding", stored.Metadata["reason"]);
        Assert.Equal("Unbekannte Kodierung in ?Bericht aus Nordmark? Zeile 2", stored.Metadata["message"]);
        var sidecar = (await quarantine.Container.GetBlobClient("bericht.txt/reason.json").DownloadContentAsync()).Value;
        using var json = JsonDocument.Parse(sidecar.Content.ToString());
        Assert.Equal(message, json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task QuarantineAsync_SameInputTwice_IsIdempotent()
    {
        var quarantine = NewQuarantine();
        var input = new ArticleInput("empty.md", ReadOnlyMemory<byte>.Empty);
        var rejection = new ArticleRejection(RejectionReason.Empty, "The file is empty.");

        await quarantine.QuarantineAsync(input, rejection, default);
        await quarantine.QuarantineAsync(input, rejection, default);

        var names = await quarantine.Container.GetBlobsAsync().Select(b => b.Name).ToListAsync();
        Assert.Equal(["empty.md/content", "empty.md/reason.json"], names);
        Assert.Equal("empty", (await quarantine.Container.GetBlobClient("empty.md/content").GetPropertiesAsync()).Value.Metadata["reason"]);
    }

    [Fact]
    public async Task QuarantineAsync_InputNamedLikeAnotherInputsReason_KeepsBothApart()
    {
        var quarantine = NewQuarantine();

        await quarantine.QuarantineAsync(new ArticleInput("q.bin", new byte[] { 1, 0, 2 }), new ArticleRejection(RejectionReason.Binary, "binary one"), default);
        await quarantine.QuarantineAsync(new ArticleInput("q.bin.reason.json", new byte[] { 3, 0, 4 }), new ArticleRejection(RejectionReason.Binary, "binary two"), default);

        Assert.Equal([1, 0, 2], (await quarantine.Container.GetBlobClient("q.bin/content").DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal([3, 0, 4], (await quarantine.Container.GetBlobClient("q.bin.reason.json/content").DownloadContentAsync()).Value.Content.ToArray());
        using var first = JsonDocument.Parse((await quarantine.Container.GetBlobClient("q.bin/reason.json").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("q.bin", first.RootElement.GetProperty("name").GetString());
        Assert.Equal(4, (await quarantine.Container.GetBlobsAsync().ToListAsync()).Count);
    }

    [Theory]
    [InlineData(@"..\..\..\state\subscriptions.json")]
    [InlineData("../../state/subscriptions.json")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2e%2e/%2e%2e/state/x.json")]
    [InlineData("line\nbreak\u0000.txt")]
    public async Task QuarantineAsync_HostileName_StaysInOneFolderOfItsOwnContainer(string name)
    {
        var quarantine = NewQuarantine();
        await quarantine.QuarantineAsync(new ArticleInput(name, ReadOnlyMemory<byte>.Empty), new ArticleRejection(RejectionReason.UnsafeName, "unsafe"), default);

        var names = await quarantine.Container.GetBlobsAsync().Select(b => b.Name).ToListAsync();
        Assert.Equal([BlobQuarantine.FolderOf(name) + "content", BlobQuarantine.FolderOf(name) + "reason.json"], names);
        Assert.DoesNotContain('/', BlobQuarantine.FolderOf(name).TrimEnd('/'));
        using var reason = JsonDocument.Parse((await quarantine.Container.GetBlobClient(names[1]).DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(name, reason.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void MetadataText_LongMessage_IsCutAtLimit()
    {
        var text = BlobQuarantine.MetadataText(new string('a', 5000));

        Assert.Equal(1024, text.Length);
    }

    private BlobQuarantine NewQuarantine() => new(azurite.NewContainer(), new FixedTimeProvider(Now), NullLogger<BlobQuarantine>.Instance);

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
