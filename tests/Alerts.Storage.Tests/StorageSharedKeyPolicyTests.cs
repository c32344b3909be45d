using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Storage.Tests;

public sealed class StorageSharedKeyPolicyTests
{
    private static readonly DateTimeOffset VectorTime = new(2026, 11, 21, 16, 0, 0, TimeSpan.Zero);

    // Vectors computed independently (Python hmac/hashlib) from the documented string-to-sign with Azurite's well-known key.
    [Fact]
    public void OnSendingRequest_PutBlobOnPathStyleUri_SignsKnownVector()
    {
        var pipeline = new StoragePipeline(StorageConnection.Development, StorageConnection.Development.BlobEndpoint, new StorageClientOptions());
        using var message = pipeline.CreateMessage(RequestMethod.Put, "my-container/folder/a%20b.txt");
        message.Request.Uri.AppendQuery("timeout", "30");
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("Content-Type", "text/plain");
        message.Request.Headers.SetValue("If-None-Match", "*");
        message.Request.Headers.SetValue("x-ms-meta-reason", "test");
        message.Request.Content = RequestContent.Create(BinaryData.FromString("hello world"));

        Sign(message);

        Assert.Equal(
            "PUT\n\n\n11\n\ntext/plain\n\n\n\n*\n\n\nx-ms-blob-type:BlockBlob\nx-ms-date:Sat, 21 Nov 2026 16:00:00 GMT\nx-ms-meta-reason:test\nx-ms-version:2021-12-02\n/devstoreaccount1/devstoreaccount1/my-container/folder/a%20b.txt\ntimeout:30",
            StorageSharedKeyPolicy.BuildStringToSign(message.Request, StorageConnection.DevelopmentAccountName));
        Assert.Equal("SharedKey devstoreaccount1:NoTOWXcNjLTpmY6xVIfV61UjPbYqX9rcRm/fnX76JVY=", Header(message, "Authorization"));
    }

    [Fact]
    public void OnSendingRequest_ListWithQuery_SortsDecodedParameters()
    {
        var pipeline = new StoragePipeline(StorageConnection.Development, StorageConnection.Development.BlobEndpoint, new StorageClientOptions());
        using var message = pipeline.CreateMessage(RequestMethod.Get, "my-container");
        message.Request.Uri.AppendQuery("restype", "container");
        message.Request.Uri.AppendQuery("comp", "list");
        message.Request.Uri.AppendQuery("prefix", "a/b");

        Sign(message);

        Assert.EndsWith("/devstoreaccount1/devstoreaccount1/my-container\ncomp:list\nprefix:a/b\nrestype:container", StorageSharedKeyPolicy.BuildStringToSign(message.Request, "devstoreaccount1"));
        Assert.Equal("SharedKey devstoreaccount1:lI+Bk6EoegjWkarE/MIufJq9Guu1hWKvAFO93NChTHA=", Header(message, "Authorization"));
    }

    [Fact]
    public async Task SendAsync_RetriedRequest_SignsEachAttemptWithFreshDate()
    {
        var handler = new RecordingHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created);
        var options = new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var client = new BlobServiceClient(StorageConnection.Development, options, new SteppingTimeProvider(VectorTime));

        await client.GetContainer("retried").CreateIfNotExistsAsync();

        Assert.Equal(2, handler.Requests.Count);
        var dates = handler.Requests.Select(r => r.Headers.GetValues("x-ms-date").Single()).ToList();
        var signatures = handler.Requests.Select(r => r.Headers.Authorization!.ToString()).ToList();
        Assert.NotEqual(dates[0], dates[1]);
        Assert.NotEqual(signatures[0], signatures[1]);
        Assert.All(signatures, s => Assert.StartsWith("SharedKey devstoreaccount1:", s));
    }

    private static void Sign(HttpMessage message)
        => new StorageSharedKeyPolicy(StorageConnection.Development.SharedKey!, new SteppingTimeProvider(VectorTime)).OnSendingRequest(message);

    private static string? Header(HttpMessage message, string name) => message.Request.Headers.TryGetValue(name, out var value) ? value : null;
}
