using Alerts.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.LocalHost.Tests;

/// <summary>One local host (the same one <c>./alerts run</c> builds) wired to an <see cref="IsolatedAzurite"/>, with its console and outbox captured.</summary>
internal sealed class LocalHostRun : IDisposable
{
    private readonly IHost _host;

    public LocalHostRun(IsolatedAzurite azurite, string outbox, HostSemantics? semantics = null, Action<IServiceCollection>? configure = null)
    {
        Outbox = outbox;
        _host = LocalCommands.BuildHost(
            new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Delivery:OutboxPath"] = outbox,
            },
            services =>
            {
                services.AddSingleton(sp => new AlertConsole(sp.GetRequiredService<IDocumentStore>(), Console));
                configure?.Invoke(services);
            });
        Runtime = new LocalFunctionsHost(_host.Services, semantics ?? HostSemantics.Load(Path.Combine(AppContext.BaseDirectory, "host.json")));
    }

    public string Outbox { get; }

    public StringWriter Console { get; } = new();

    public LocalFunctionsHost Runtime { get; }

    public IServiceProvider Services => _host.Services;

    public ArticleUploader Uploader => _host.Services.GetRequiredService<ArticleUploader>();

    public int AlertsPrinted => _host.Services.GetRequiredService<AlertConsole>().Printed;

    /// <summary>Runs until the container and queues are drained, as <c>./alerts run --once</c> does.</summary>
    public async Task RunOnceAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Runtime.EnsureStorageAsync(timeout.Token);
        await Runtime.RunAsync(once: true, timeout.Token);
    }

    public void Dispose() => _host.Dispose();
}
