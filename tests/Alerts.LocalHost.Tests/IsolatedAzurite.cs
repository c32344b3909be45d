using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Alerts.LocalHost.Tests;

/// <summary>
/// A private Azurite (blob + queue) for one test class: its own free ports on 127.0.0.1, its own data folder and its own
/// account with a random key, so end-to-end runs never meet each other or a developer's <c>./alerts run</c>.
/// Uses the Azurite that <c>eng/azurite/azurite.sh ensure</c> installs (the README's test command does that first).
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> take it away and bring it back on the same ports with the same data.
/// </summary>
public sealed class IsolatedAzurite : IAsyncLifetime
{
    private const int SigTerm = 15;

    private readonly List<Process> _processes = [];
    private readonly string _data = Directory.CreateTempSubdirectory("alerts-azurite-").FullName;
    private readonly string _account = "alertstest";
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private int _blobPort;
    private int _queuePort;

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A connection string for this Azurite; the key is made for this run only.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={_account};AccountKey={_key};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/{_account};QueueEndpoint=http://127.0.0.1:{_queuePort}/{_account};";

    public async Task InitializeAsync()
    {
        _blobPort = FreePort();
        _queuePort = FreePort();
        await StartAsync();
    }

    /// <summary>Starts both services on this instance's ports and data folder and waits until they listen.</summary>
    public async Task StartAsync()
    {
        var bin = Path.Combine(RepoRoot, "eng", "azurite", "node_modules", ".bin");
        if (!File.Exists(Path.Combine(bin, "azurite-blob")))
        {
            throw new InvalidOperationException("Azurite is not installed: run `eng/azurite/azurite.sh ensure` (./alerts test does it for you).");
        }

        Start(Path.Combine(bin, "azurite-blob"), "--blobHost", "127.0.0.1", "--blobPort", _blobPort.ToString());
        Start(Path.Combine(bin, "azurite-queue"), "--queueHost", "127.0.0.1", "--queuePort", _queuePort.ToString());
        await WaitForAsync(_blobPort);
        await WaitForAsync(_queuePort);
    }

    /// <summary>Stops both services as an operator would (SIGTERM: Azurite saves its data and exits) and waits until they are gone.</summary>
    public async Task StopAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                _ = Terminate(process.Id, SigTerm);
            }
        }

        foreach (var process in _processes)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        _processes.Clear();
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    private void Start(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Concat(["--location", _data, "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry"]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AZURITE_ACCOUNTS"] = $"{_account}:{_key}";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private async Task WaitForAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && _processes.All(p => !p.HasExited))
            {
                await Task.Delay(100);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Alerts.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (Alerts.sln) above the test assembly.");
    }
}
