using System.Net.Sockets;

namespace Alerts.Storage.Tests;

/// <summary>
/// The storage account the integration tests run against: <c>ALERTS_TEST_STORAGE</c> (a connection string) or Azurite's
/// <c>UseDevelopmentStorage=true</c>. Unreachable storage fails the tests, with how to start Azurite: CI starts it, so a
/// silent skip would hide a broken set-up. Containers and queues the tests create are deleted at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "ALERTS_TEST_STORAGE";

    private readonly List<IBlobContainerClient> _containers = [];
    private readonly List<IQueueClient> _queues = [];

    public AzuriteFixture()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";
        Connection = StorageConnection.Parse(connectionString);
        foreach (var endpoint in new[] { Connection.BlobEndpoint, Connection.QueueEndpoint })
        {
            if (!Accepts(endpoint))
            {
                throw new InvalidOperationException(
                    $"Storage is not reachable at {endpoint.Host}:{endpoint.Port}. Start Azurite with `eng/azurite/azurite.sh start` " +
                    $"(or `./alerts azurite start`) from the repository root, or set {ConnectionVariable} to a reachable storage connection string.");
            }
        }

        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        Options = options;
        Blobs = new BlobServiceClient(Connection, options);
        Queues = new QueueServiceClient(Connection, options);
    }

    public StorageConnection Connection { get; }

    public StorageClientOptions Options { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    /// <summary>A container name no other test uses; deleted when the fixture is disposed.</summary>
    public IBlobContainerClient NewContainer()
    {
        var container = Blobs.GetContainer(UniqueName("t"));
        lock (_containers)
        {
            _containers.Add(container);
        }

        return container;
    }

    /// <summary>A queue name no other test uses; deleted when the fixture is disposed.</summary>
    public IQueueClient NewQueue()
    {
        var queue = Queues.GetQueue(UniqueName("q"));
        lock (_queues)
        {
            _queues.Add(queue);
        }

        return queue;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DeleteIfExistsAsync();
        }

        foreach (var queue in _queues)
        {
            await queue.DeleteIfExistsAsync();
        }
    }

    private static bool Accepts(Uri endpoint)
    {
        try
        {
            using var client = new TcpClient();
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
