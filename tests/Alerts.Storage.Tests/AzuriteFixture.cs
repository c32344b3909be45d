using System.Net.Sockets;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Alerts.Storage.Tests;

/// <summary>
/// The storage account the integration tests run against: <c>ALERTS_TEST_STORAGE</c> (a connection string) or Azurite's
/// <c>UseDevelopmentStorage=true</c>, through the Azure SDK clients. Unreachable storage fails the tests, with how to start
/// Azurite: CI starts it, so a silent skip would hide a broken set-up. Containers the tests create are deleted at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "ALERTS_TEST_STORAGE";

    private readonly List<BlobContainerClient> _containers = [];

    public AzuriteFixture()
    {
        ConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";
        Blobs = new BlobServiceClient(ConnectionString);
        Queues = new QueueServiceClient(ConnectionString);
        foreach (var endpoint in new[] { Blobs.Uri, Queues.Uri })
        {
            if (!Accepts(endpoint))
            {
                throw new InvalidOperationException(
                    $"Storage is not reachable at {endpoint.Host}:{endpoint.Port}. Start Azurite with `eng/azurite/azurite.sh start` " +
                    $"(or `./alerts azurite start`) from the repository root, or set {ConnectionVariable} to a reachable storage connection string.");
            }
        }
    }

    public string ConnectionString { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    /// <summary>A container name no other test uses; deleted when the fixture is disposed.</summary>
    public BlobContainerClient NewContainer()
    {
        var container = Blobs.GetBlobContainerClient(UniqueName("t"));
        lock (_containers)
        {
            _containers.Add(container);
        }

        return container;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DeleteIfExistsAsync();
        }
    }

    private static bool Accepts(Uri endpoint)
    {
        try
        {
            using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
            return client.ConnectAsync(endpoint.Host, endpoint.Port).Wait(TimeSpan.FromSeconds(3)) && client.Connected;
        }
        catch (Exception exception) when (exception is SocketException or AggregateException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
