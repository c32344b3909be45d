using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Storage.Tests;

public sealed class StoragePipelineTests
{
    [Fact]
    public async Task SendAsync_TokenConnection_SendsBearerTokenForStorageScopeOverHttps()
    {
        var handler = new RecordingHandler(HttpStatusCode.Created);
        var credential = new RecordingCredential();
        var connection = StorageConnection.FromTokenCredential(
            new Uri("https://alertsacct.blob.core.windows.net"), new Uri("https://alertsacct.queue.core.windows.net"), credential);
        var client = new BlobServiceClient(connection, new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) });

        await client.GetContainer("state").CreateIfNotExistsAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://alertsacct.blob.core.windows.net/state?restype=container", request.RequestUri!.ToString());
        Assert.Equal("Bearer token-for-test", request.Headers.Authorization!.ToString());
        Assert.Equal([StorageConnection.StorageScope], credential.Scopes);
        Assert.Equal("2021-12-02", request.Headers.GetValues("x-ms-version").Single());
    }

    [Fact]
    public void FromTokenCredential_HttpEndpoint_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => StorageConnection.FromTokenCredential(
            new Uri("http://127.0.0.1:10000/devstoreaccount1"), new Uri("http://127.0.0.1:10001/devstoreaccount1"), new RecordingCredential()));

        Assert.Contains("https", exception.Message);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken("token-for-test", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
