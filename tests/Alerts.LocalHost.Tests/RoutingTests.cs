using System.Text.Json;
using Alerts.Core;
using Alerts.Delivery;
using Azure.Storage.Blobs;

namespace Alerts.LocalHost.Tests;

/// <summary>Who gets an alert: the subscribers of the moment it was raised; and while the subscriptions document is broken, nobody yet, but nothing is lost.</summary>
public sealed class RoutingTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    private static readonly string Samples = Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles");

    [Fact]
    public async Task Run_OldArticleReDroppedAfterANewSubscriberJoined_TheNewSubscriberGetsOnlyNewAlerts()
    {
        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName);
        await run.EnsureStorageAsync();
        var state = run.Blobs.GetBlobContainerClient(PipelineNames.StateContainer);
        await PutSubscriptionsAsync(state, """{ "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox" } ] }""");
        await run.Uploader.UploadAsync(new FileInfo(Path.Combine(Samples, "01-drone-hits-erbil-air-base.txt")), CancellationToken.None);
        await run.RunOnceAsync();
        var first = Assert.Single(await run.RaisedAsync());
        Assert.True((await RecordAsync(state, first, "desk"))?.Status == DeliveryStatus.Sent, string.Join("\n", await state.GetBlobsAsync().Select(b => b.Name).ToListAsync()) + run.Console);

        await PutSubscriptionsAsync(state, """
            { "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox" }, { "id": "late", "name": "Joined later", "channel": "outbox" } ] }
            """);
        var again = Directory.CreateTempSubdirectory("alerts-drop-");
        File.Copy(Path.Combine(Samples, "01-drone-hits-erbil-air-base.txt"), Path.Combine(again.FullName, "01-again.txt"));
        await run.Uploader.UploadAsync(new FileInfo(Path.Combine(again.FullName, "01-again.txt")), CancellationToken.None);
        await run.RunOnceAsync();

        Assert.Equal([first], await run.RaisedAsync());
        Assert.Null(await RecordAsync(state, first, "late"));
        Assert.Empty(Directory.GetFiles(run.Outbox, "*.late.*"));

        // The new subscriber is routed what is raised from now on.
        await run.Uploader.UploadAsync(new FileInfo(Path.Combine(Samples, "04-iraq-suspends-security-talks.md")), CancellationToken.None);
        await run.RunOnceAsync();
        var later = Assert.Single((await run.RaisedAsync()).Except([first]));
        Assert.Equal(DeliveryStatus.Sent, (await RecordAsync(state, later, "late"))?.Status);
        Assert.Equal(DeliveryStatus.Sent, (await RecordAsync(state, later, "desk"))?.Status);
        await run.AssertNothingPoisonedAsync();
    }

    internal static Task PutSubscriptionsAsync(BlobContainerClient state, string json)
        => state.GetBlobClient(SubscriptionCatalog.DocumentPath).UploadAsync(BinaryData.FromString(json), overwrite: true);

    internal static async Task<DeliveryRecord?> RecordAsync(BlobContainerClient state, string alertId, string subscriberId)
    {
        var blob = state.GetBlobClient(DeliveryRecord.PathFor(alertId, subscriberId));
        return await blob.ExistsAsync()
            ? JsonSerializer.Deserialize<DeliveryRecord>((await blob.DownloadContentAsync()).Value.Content.ToString(), new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } })
            : null;
    }
}

/// <summary>While the subscriptions document is broken, alerts are held: not sent, not poisoned, not lost.</summary>
public sealed class HeldAlertTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    private static readonly string Samples = Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles");

    [Fact]
    public async Task Run_SubscriptionsDocumentMalformed_AlertIsHeldNotPoisonedAndRoutedOnceTheDocumentIsFixed()
    {
        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, LocalHostRun.FastRetries);
        await run.EnsureStorageAsync();
        var state = run.Blobs.GetBlobContainerClient(PipelineNames.StateContainer);
        await PutSubscriptionsAsync(state, """{ "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox" """);
        await run.Uploader.UploadAsync(new FileInfo(Path.Combine(Samples, "01-drone-hits-erbil-air-base.txt")), CancellationToken.None);

        await run.RunOnceAsync();

        var alert = Assert.Single(await run.RaisedAsync());
        Assert.Equal(0, run.AlertsPrinted);
        Assert.Null(await RecordAsync(state, alert, "desk"));
        Assert.True(await state.GetBlobClient(HeldAlert.PathFor(alert)).ExistsAsync(), run.Console.ToString());
        var held = (await state.GetBlobClient(HeldAlert.PathFor(alert)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("not valid JSON", held);
        await run.AssertNothingPoisonedAsync();

        await PutSubscriptionsAsync(state, """{ "subscribers": [ { "id": "desk", "name": "Desk", "channel": "outbox" } ] }""");
        using var host = run.Build();
        await host.StartAsync();
        try
        {
            await Eventually.TrueAsync(async () => (await RecordAsync(state, alert, "desk"))?.Status == DeliveryStatus.Sent, TimeSpan.FromSeconds(90), () => run.Console.ToString());
            await Eventually.TrueAsync(async () => !await state.GetBlobClient(HeldAlert.PathFor(alert)).ExistsAsync(), TimeSpan.FromSeconds(30), () => "still held");
        }
        finally
        {
            await LocalCommands.StopAsync(host);
        }

        Assert.Single(Directory.GetFiles(run.Outbox, $"{alert}.desk.eml"));
        await run.AssertNothingPoisonedAsync();
    }

    private static Task PutSubscriptionsAsync(BlobContainerClient state, string json) => RoutingTests.PutSubscriptionsAsync(state, json);

    private static Task<DeliveryRecord?> RecordAsync(BlobContainerClient state, string alertId, string subscriberId) => RoutingTests.RecordAsync(state, alertId, subscriberId);
}
