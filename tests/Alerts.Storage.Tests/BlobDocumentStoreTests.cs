using Alerts.Core;
using Azure;

namespace Alerts.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobDocumentStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PutAsync_NotExistsOnFreshContainer_CreatesContainerAndDocument()
    {
        var store = new BlobDocumentStore(azurite.NewContainer());

        var etag = await store.PutAsync("storylines/varnhold.json", BinaryData.FromString("{\"v\":1}"), WriteCondition.NotExists, default);
        var stored = await store.GetAsync("storylines/varnhold.json", default);

        Assert.NotNull(stored);
        Assert.Equal(etag, stored.ETag);
        Assert.Equal("{\"v\":1}", stored.Content.ToString());
        Assert.Equal("application/json", (await store.Container.GetBlobClient("storylines/varnhold.json").GetPropertiesAsync()).Value.ContentType);
    }

    [Fact]
    public async Task GetIfChangedAsync_KnownETag_AnswersUnchangedWithoutContentAndChangedWithTheNewContent()
    {
        var store = new BlobDocumentStore(azurite.NewContainer());
        var first = await store.PutAsync("subscriptions.json", BinaryData.FromString("{\"v\":1}"), WriteCondition.None, default);

        var unchanged = await store.GetIfChangedAsync("subscriptions.json", first, default);
        Assert.Equal(first, unchanged?.ETag);
        Assert.True(unchanged!.Content.ToMemory().IsEmpty);

        var second = await store.PutAsync("subscriptions.json", BinaryData.FromString("{\"v\":2}"), WriteCondition.None, default);
        var changed = await store.GetIfChangedAsync("subscriptions.json", first, default);
        Assert.Equal(second, changed?.ETag);
        Assert.Equal("{\"v\":2}", changed!.Content.ToString());
        Assert.Equal("{\"v\":2}", (await store.GetIfChangedAsync("subscriptions.json", null, default))!.Content.ToString());
        Assert.Null(await store.GetIfChangedAsync("none.json", first, default));
    }

    [Fact]
    public async Task GetAsync_MissingDocumentOrContainer_ReturnsNull()
    {
        var store = new BlobDocumentStore(azurite.NewContainer());

        Assert.Null(await store.GetAsync("storylines/none.json", default));
    }

    [Fact]
    public async Task PutAsync_NotExistsTwice_SecondThrowsDocumentConflict()
    {
        var store = new BlobDocumentStore(azurite.NewContainer());
        await store.PutAsync("applied/a1.json", BinaryData.FromString("{}"), WriteCondition.NotExists, default);

        var exception = await Assert.ThrowsAsync<DocumentConflictException>(
            () => store.PutAsync("applied/a1.json", BinaryData.FromString("{}"), WriteCondition.NotExists, default));

        Assert.Equal("applied/a1.json", exception.Path);
        Assert.Equal(409, Assert.IsType<RequestFailedException>(exception.InnerException).Status);
    }

    [Fact]
    public async Task PutAsync_TwoWritersWithSameETag_ExactlyOneWins()
    {
        var store = new BlobDocumentStore(azurite.NewContainer());
        var etag = await store.PutAsync("storylines/contested.json", BinaryData.FromString("{\"v\":0}"), WriteCondition.None, default);

        var writers = Enumerable.Range(1, 2).Select(async writer =>
        {
            try
            {
                await store.PutAsync("storylines/contested.json", BinaryData.FromString($"{{\"v\":{writer}}}"), WriteCondition.Matches(etag), default);
                return $"{{\"v\":{writer}}}";
            }
            catch (DocumentConflictException)
            {
                return null;
            }
        });
        var outcomes = await Task.WhenAll(writers);

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(winner, (await store.GetAsync("storylines/contested.json", default))!.Content.ToString());
    }

    [Fact]
    public async Task PutAsync_MatchesCurrentETag_ReplacesAndReturnsNewETag()
    {
        var store = new BlobDocumentStore(azurite.NewContainer());
        var first = await store.PutAsync("alerts/x.json", BinaryData.FromString("{\"v\":1}"), WriteCondition.None, default);

        var second = await store.PutAsync("alerts/x.json", BinaryData.FromString("{\"v\":2}"), WriteCondition.Matches(first), default);

        Assert.NotEqual(first, second);
        await Assert.ThrowsAsync<DocumentConflictException>(
            () => store.PutAsync("alerts/x.json", BinaryData.FromString("{\"v\":3}"), WriteCondition.Matches(first), default));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsMatchingPathsInOrdinalOrder()
    {
        var store = new BlobDocumentStore(azurite.NewContainer());
        foreach (var path in new[] { "subs/b.json", "storylines/z.json", "subs/a.json", "subs/B.json" })
        {
            await store.PutAsync(path, BinaryData.FromString("{}"), WriteCondition.None, default);
        }

        var paths = await store.ListAsync("subs/", default).ToListAsync();

        Assert.Equal(["subs/B.json", "subs/a.json", "subs/b.json"], paths);
        Assert.Empty(await new BlobDocumentStore(azurite.NewContainer()).ListAsync("", default).ToListAsync());
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var store = new BlobDocumentStore(azurite.NewContainer());
        await store.PutAsync("deliveries/d1.json", BinaryData.FromString("{}"), WriteCondition.None, default);

        Assert.True(await store.DeleteAsync("deliveries/d1.json", default));
        Assert.False(await store.DeleteAsync("deliveries/d1.json", default));
        Assert.Null(await store.GetAsync("deliveries/d1.json", default));
    }
}
