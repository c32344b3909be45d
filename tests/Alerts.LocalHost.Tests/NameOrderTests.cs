using System.Text.Json;
using Alerts.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.LocalHost.Tests;

/// <summary>The local hosts' article order, two instances on one real Azurite as two hosts would be.</summary>
[Collection(ManyAzuritesCollection.Name)]
public sealed class NameOrderTests
{
    [Fact]
    public async Task WaitTurnAsync_EarlierNamesDoneByAnotherHost_ReturnsOnlyOnceAllAreDone()
    {
        await using var storage = await StorageAsync("a.txt", "b.txt", "c.txt");
        var first = storage.Order(TimeSpan.FromMinutes(1));
        var second = storage.Order(TimeSpan.FromMinutes(1));

        var turn = second.WaitTurnAsync("c.txt", CancellationToken.None);
        await first.CompleteAsync("b.txt", CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.False(turn.IsCompleted, "c.txt got its turn while a.txt was not applied");

        await first.CompleteAsync("a.txt", CancellationToken.None);
        await turn.WaitAsync(TimeSpan.FromSeconds(10));

        var state = await storage.StateAsync();
        Assert.Equal("b.txt", state.Through);
        Assert.Empty(state.Done);
    }

    [Fact]
    public async Task WaitTurnAsync_EarlierNameNeverDone_PassesOverItAfterMaxWait()
    {
        await using var storage = await StorageAsync("a.txt", "b.txt", "c.txt");
        var order = storage.Order(TimeSpan.FromSeconds(1));

        await order.WaitTurnAsync("c.txt", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await order.CompleteAsync("c.txt", CancellationToken.None);

        var state = await storage.StateAsync();
        Assert.Equal("c.txt", state.Through);
        Assert.Empty(state.Done);
    }

    [Fact]
    public async Task WaitTurnAsync_EarlierNameBeingAppliedHere_WaitsForItWithoutReadingTheStore()
    {
        await using var storage = await StorageAsync("a.txt", "b.txt");
        var reads = new CountingStore(storage.State);
        var order = storage.Order(TimeSpan.FromMinutes(1), reads);
        await order.WaitTurnAsync("a.txt", CancellationToken.None);

        var turn = order.WaitTurnAsync("b.txt", CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(turn.IsCompleted, "b.txt got its turn while a.txt was being applied");
        Assert.Equal(0, reads.Reads);

        await order.CompleteAsync("a.txt", CancellationToken.None);
        await turn.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<Storage> StorageAsync(params string[] names)
    {
        var azurite = new IsolatedAzurite();
        await azurite.InitializeAsync();
        var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-order-").FullName);
        await run.EnsureStorageAsync();
        foreach (var name in names)
        {
            await run.Blobs.GetBlobContainerClient(PipelineNames.ArticlesContainer).UploadBlobAsync(name, BinaryData.FromString("text"));
        }

        return new Storage(azurite, run);
    }

    private sealed class Storage(IsolatedAzurite azurite, LocalHostRun run) : IAsyncDisposable
    {
        public IDocumentStore State => run.Services.GetRequiredService<IDocumentStore>();

        public NameOrder Order(TimeSpan maxWait, IDocumentStore? store = null) => new(
            run.Services.GetRequiredService<BlobServiceClient>(), store ?? State, Options.Create(new ArticleOrderOptions { MaxWait = maxWait }),
            TimeProvider.System, NullLogger<NameOrder>.Instance);

        public async Task<ArticleOrderState> StateAsync()
            => JsonSerializer.Deserialize<ArticleOrderState>((await State.GetAsync(NameOrder.Path, CancellationToken.None))!.Content.ToString(), JsonSerializerOptions.Web)!;

        public async ValueTask DisposeAsync()
        {
            run.Dispose();
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Counts the reads of the order's state document.</summary>
    private sealed class CountingStore(IDocumentStore inner) : IDocumentStore
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.GetAsync(path, cancellationToken);
        }

        public Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken)
            => inner.PutAsync(path, content, condition, cancellationToken);

        public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);
    }
}

/// <summary>Tests that start an Azurite per run, one class at a time: two starting at once could pick the same free port.</summary>
[CollectionDefinition(Name)]
public sealed class ManyAzuritesCollection
{
    public const string Name = "Many Azurites";
}
