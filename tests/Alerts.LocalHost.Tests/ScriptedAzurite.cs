using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Alerts.LocalHost.Tests;

/// <summary>
/// The repository's own <c>./alerts azurite …</c> (the <c>alerts</c> script and <c>eng/azurite/azurite.sh</c>, copied into a
/// temporary root that shares the installed <c>node_modules</c>), on free ports given only as <c>AZURITE_BLOB_PORT</c> and
/// <c>AZURITE_QUEUE_PORT</c>: its <c>.alerts/azurite</c> can be deleted without touching the repository's.
/// </summary>
internal sealed class ScriptedAzurite : IAsyncDisposable
{
    private ScriptedAzurite(string root, int blobPort, int queuePort)
    {
        Root = root;
        BlobPort = blobPort;
        QueuePort = queuePort;
    }

    public string Root { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    /// <summary>The only settings a user gives to move Azurite and the local host.</summary>
    public IReadOnlyDictionary<string, string> Ports => new Dictionary<string, string>
    {
        ["AZURITE_BLOB_PORT"] = BlobPort.ToString(),
        ["AZURITE_QUEUE_PORT"] = QueuePort.ToString(),
    };

    /// <summary>Azurite's well-known development account on the moved ports, as a client outside the host would reach it.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    public static ScriptedAzurite Create()
    {
        var root = Directory.CreateTempSubdirectory("alerts-repo-").FullName;
        var source = Path.Combine(IsolatedAzurite.RepoRoot, "eng", "azurite");
        var target = Directory.CreateDirectory(Path.Combine(root, "eng", "azurite")).FullName;
        File.Copy(Path.Combine(IsolatedAzurite.RepoRoot, "alerts"), Path.Combine(root, "alerts"));
        foreach (var name in new[] { "azurite.sh", "package.json", "package-lock.json" })
        {
            File.Copy(Path.Combine(source, name), Path.Combine(target, name));
            File.SetLastWriteTimeUtc(Path.Combine(target, name), File.GetLastWriteTimeUtc(Path.Combine(source, name)));
        }

        Directory.CreateSymbolicLink(Path.Combine(target, "node_modules"), Path.Combine(source, "node_modules"));
        return new ScriptedAzurite(root, FreePort(), FreePort());
    }

    /// <summary>Runs <c>./alerts azurite {verb}</c> in the temporary root with the ports set.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "alerts"), "azurite", verb])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in Ports)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop");
        Directory.Delete(Root, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
