using System.Text.Json;
using Alerts.Core;
using Alerts.Storage;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Alerts.LocalHost.Tests;

/// <summary>Names are data, never paths: a dropped name that could address another folder or container changes nothing outside its own place.</summary>
public sealed class UnsafeNameTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    private const string Subscriptions = """{ "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox" } ] }""";

    public static TheoryData<string> HostileNames => new()
    {
        @"..\..\..\..\..\..\state\subscriptions.json",
        @"news\..\..\state\subscriptions.json",
        @"..\..\azure-webjobs-hosts\blobreceipts\x.txt",
        @".\report.txt",
        "%2e%2e/%2e%2e/state/subscriptions.json",
        "%2E%2E%2Fstate%2Fsubscriptions.json",
        // Control characters XML can carry: Azurite cannot list a container at all once it holds a name with \u0001-\u001f
        // other than tab, CR and LF (Azure Storage escapes those in listings).
        "bad\tname\u007f.txt",
        "next\u0085line.txt",
        "long-" + new string('a', 1030) + ".txt",
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Run_HostileArticleName_ChangesNothingOutsideItsQuarantineFolderAndTheNextArticleStillAlerts(string name)
    {
        await EmptyAsync();
        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, LocalHostRun.FastRetries);
        await run.EnsureStorageAsync();
        var state = run.Blobs.GetBlobContainerClient(PipelineNames.StateContainer);
        await state.GetBlobClient(SubscriptionCatalogPath).UploadAsync(BinaryData.FromString(Subscriptions), overwrite: true);
        await run.RunOnceAsync(); // the engine's own first-run blobs (host id, locks) are not the drop's doing
        var before = await SnapshotAsync();

        var stored = await DropAsync(run.Blobs, name);
        await run.RunOnceAsync();

        var after = await SnapshotAsync();
        var changed = after.Where(b => !before.TryGetValue(b.Key, out var etag) || etag != b.Value).Select(b => b.Key)
            .Concat(before.Keys.Where(k => !after.ContainsKey(k))).Order(StringComparer.Ordinal).ToList();
        if (stored is null)
        {
            // Refused by storage itself (too long for a blob name): nothing was written anywhere.
            Assert.Empty(changed);
        }
        else
        {
            var folder = $"{PipelineNames.QuarantineContainer}/{BlobQuarantine.FolderOf(stored)}";
            Assert.Equal([$"{PipelineNames.ArticlesContainer}/{stored}", folder + BlobQuarantine.ContentBlob, folder + BlobQuarantine.ReasonBlob], changed.Order(StringComparer.Ordinal));
            var reason = (await run.Blobs.GetBlobContainerClient(PipelineNames.QuarantineContainer).GetBlobClient(BlobQuarantine.FolderOf(stored) + BlobQuarantine.ReasonBlob).DownloadContentAsync()).Value;
            using var json = JsonDocument.Parse(reason.Content.ToString());
            Assert.Equal(stored, json.RootElement.GetProperty("name").GetString());
            Assert.Equal("unsafe_name", json.RootElement.GetProperty("reason").GetString());
            Assert.Contains("Names are data, never paths", json.RootElement.GetProperty("message").GetString());
        }

        Assert.Equal(Subscriptions, (await state.GetBlobClient(SubscriptionCatalogPath).DownloadContentAsync()).Value.Content.ToString());
        await run.AssertNothingPoisonedAsync();

        await run.Uploader.UploadAsync(new FileInfo(Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles", "01-drone-hits-erbil-air-base.txt")), CancellationToken.None);
        await run.RunOnceAsync();

        Assert.Equal(1, run.AlertsPrinted);
        await run.AssertNothingPoisonedAsync();
    }

    private const string SubscriptionCatalogPath = "subscriptions.json";

    /// <summary>Uploads as any client would; returns the name storage stored it under (it turns '\' into '/'), null when refused.</summary>
    private async Task<string?> DropAsync(BlobServiceClient blobs, string name)
    {
        var articles = blobs.GetBlobContainerClient(PipelineNames.ArticlesContainer);
        try
        {
            await articles.GetBlobClient(name).UploadAsync(BinaryData.FromString("Drone strike hits a base near Erbil, officials say.\n"), overwrite: true);
        }
        catch (RequestFailedException refused) when (refused.Status == 400)
        {
            return null;
        }

        // Listed through a plain client: the product's clients leave unsafe names out of listings.
        var raw = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(PipelineNames.ArticlesContainer);
        return Assert.Single(await raw.GetBlobsAsync().Select(b => b.Name).ToListAsync());
    }

    /// <summary>Each case starts from empty storage (the cases share one Azurite): no container, no queue.</summary>
    private async Task EmptyAsync()
    {
        var raw = new BlobServiceClient(azurite.ConnectionString);
        await foreach (var container in raw.GetBlobContainersAsync())
        {
            await raw.DeleteBlobContainerAsync(container.Name);
        }

        var queues = new Azure.Storage.Queues.QueueServiceClient(azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }

    /// <summary>Every blob of every container (name and ETag), but the engine's locks and host ids, which it renews on its own.</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var raw = new BlobServiceClient(azurite.ConnectionString);
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var container in raw.GetBlobContainersAsync())
        {
            await foreach (var blob in raw.GetBlobContainerClient(container.Name).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, CancellationToken.None))
            {
                if (container.Name == PipelineNames.HostsContainer && (blob.Name.StartsWith("locks/", StringComparison.Ordinal) || blob.Name.StartsWith("ids/", StringComparison.Ordinal)))
                {
                    continue;
                }

                snapshot[$"{container.Name}/{blob.Name}"] = blob.Properties.ETag.ToString()!;
            }
        }

        return snapshot;
    }
}
