using System.Security.Cryptography;
using Alerts.Core;

namespace Alerts.LocalHost.Tests;

/// <summary>The whole path on a real (private) Azurite: drop articles, the three functions run, alerts land in the outbox once.</summary>
public sealed class LocalHostEndToEndTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    private static readonly DirectoryInfo Samples = new(Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles"));

    [Fact]
    public async Task Run_SamplesTwiceOnTheSameStorage_AlertsOnceWithEmailAndCardInTheOutbox()
    {
        var outbox = Directory.CreateTempSubdirectory("alerts-outbox-").FullName;

        using (var first = new LocalHostRun(azurite, outbox))
        {
            await first.EnsureStorageAsync();
            var dropped = await first.Uploader.UploadFolderAsync(Samples, skipUnchanged: true, CancellationToken.None);
            await first.RunOnceAsync();

            Assert.Equal(Samples.GetFiles().Length, dropped);
            var console = first.Console.ToString();
            Assert.Contains("new_incident", console);
            Assert.Contains("status_change", console);
            Assert.True(first.AlertsPrinted >= 2, console);
            var emails = Directory.GetFiles(outbox, "*.eml");
            Assert.Equal(first.AlertsPrinted, emails.Length);
            Assert.Equal(emails.Length, Directory.GetFiles(outbox, "*.card.json").Length);
        }

        var before = Directory.GetFiles(outbox).Select(f => (f, File.GetLastWriteTimeUtc(f))).ToArray();
        using (var second = new LocalHostRun(azurite, outbox))
        {
            await second.EnsureStorageAsync();
            var dropped = await second.Uploader.UploadFolderAsync(Samples, skipUnchanged: true, CancellationToken.None);
            await second.RunOnceAsync();

            Assert.Equal(0, dropped);
            Assert.Equal(0, second.AlertsPrinted);
            Assert.Equal(before, Directory.GetFiles(outbox).Select(f => (f, File.GetLastWriteTimeUtc(f))).ToArray());
        }
    }
}

/// <summary>Bad input is quarantined with its reason and never holds up the next article.</summary>
public sealed class LocalHostQuarantineTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task Run_RandomBytesThenAnArticle_QuarantinesTheBytesAndStillAlertsOnTheArticle()
    {
        var outbox = Directory.CreateTempSubdirectory("alerts-outbox-").FullName;
        var work = Directory.CreateTempSubdirectory("alerts-drop-");
        var noise = new FileInfo(Path.Combine(work.FullName, "00-noise.txt"));
        await File.WriteAllBytesAsync(noise.FullName, RandomNumberGenerator.GetBytes(2048));
        var article = new FileInfo(Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles", "01-drone-hits-erbil-air-base.txt"));

        using var run = new LocalHostRun(azurite, outbox);
        await run.EnsureStorageAsync();
        await run.Uploader.UploadAsync(noise, CancellationToken.None);
        await run.RunOnceAsync();
        await run.Uploader.UploadAsync(article, CancellationToken.None);
        await run.RunOnceAsync();

        var kept = (await run.Blobs.GetBlobContainerClient(PipelineNames.QuarantineContainer).GetBlobClient("00-noise.txt/content").GetPropertiesAsync()).Value;
        Assert.Equal(2048, kept.ContentLength);
        Assert.Contains(kept.Metadata, m => m.Key == "reason" && m.Value is "binary" or "unknown_encoding");
        Assert.Contains("new_incident", run.Console.ToString());
        Assert.Equal(1, run.AlertsPrinted);
    }
}
