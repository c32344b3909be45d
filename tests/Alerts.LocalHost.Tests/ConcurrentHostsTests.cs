using System.Collections.Concurrent;
using Alerts.Core;
using Alerts.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Alerts.LocalHost.Tests;

/// <summary>Two hosts on one storage account, as two function instances would be: no lost update, no alert sent twice.</summary>
public sealed class ConcurrentHostsTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    [Fact]
    public async Task TwoHosts_SameArticlesAtOnce_EveryAlertIsSentExactlyOnce()
    {
        var sends = new ConcurrentDictionary<string, int>();
        var work = Directory.CreateTempSubdirectory("alerts-concurrent-");
        // The samples twice over: once as they are and once under a second name (same text, so the same article).
        foreach (var file in new DirectoryInfo(Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles")).GetFiles())
        {
            file.CopyTo(Path.Combine(work.FullName, file.Name));
            file.CopyTo(Path.Combine(work.FullName, "copy-" + file.Name));
        }

        using var first = new CountingHost(azurite, sends);
        using var second = new CountingHost(azurite, sends);
        await first.Run.EnsureStorageAsync();
        await first.Run.Uploader.UploadFolderAsync(work, skipUnchanged: false, CancellationToken.None);

        await Task.WhenAll(first.Run.RunOnceAsync(), second.Run.RunOnceAsync());

        Assert.NotEmpty(sends);
        Assert.All(sends, pair => Assert.True(pair.Value == 1, $"alert {pair.Key} was sent {pair.Value} times"));
        var state = first.Run.Services.GetRequiredService<IDocumentStore>();
        var alerts = new List<string>();
        await foreach (var path in state.ListAsync("alerts/", CancellationToken.None))
        {
            alerts.Add(path);
        }

        Assert.Equal(sends.Count, alerts.Count);
    }

    private sealed class CountingHost : IDisposable
    {
        public CountingHost(IsolatedAzurite azurite, ConcurrentDictionary<string, int> sends)
        {
            Run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, configure: services =>
            {
                services.RemoveAll<IAlertChannel>();
                services.AddSingleton<IAlertChannel>(new CountingChannel(sends));
            });
        }

        public LocalHostRun Run { get; }

        public void Dispose() => Run.Dispose();
    }

    /// <summary>The local outbox channel's stand-in for this test: counts every send per alert.</summary>
    private sealed class CountingChannel(ConcurrentDictionary<string, int> sends) : IAlertChannel
    {
        public ChannelKind Kind => ChannelKind.Outbox;

        public Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken)
        {
            sends.AddOrUpdate(delivery.Alert.Id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }
}
