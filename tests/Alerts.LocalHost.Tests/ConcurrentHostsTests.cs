using System.Collections.Concurrent;
using Alerts.Core;
using Alerts.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Alerts.LocalHost.Tests;

/// <summary>Two hosts on one storage account, as two function instances would be: no lost update, no alert sent twice.</summary>
[Collection(ManyAzuritesCollection.Name)]
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

    /// <summary>
    /// The rule: hosts apply articles in name order whatever the interleaving, and an alert's id and content are a function of
    /// the storyline state it changed, so 2 and 4 hosts raise exactly what one host raises: the same alerts, ids, figures,
    /// statuses and raising articles, in the same order.
    /// </summary>
    [Fact]
    public async Task TwoAndFourHosts_SixtyArticlesFiveTimesEach_SameAlertsInTheSameOrderAsOneHost()
    {
        var timeline = new DirectoryInfo(Path.Combine(IsolatedAzurite.RepoRoot, "tests", "Alerts.LocalHost.Tests", "Timeline"));
        var expected = await RunAsync(timeline, hosts: 1);
        Assert.True(expected.Count(a => a.Contains("|CasualtiesUpdate|", StringComparison.Ordinal)) >= 8, string.Join("\n", expected));
        Assert.Contains(expected, a => a.Contains("|StatusChange|", StringComparison.Ordinal));

        foreach (var hosts in new[] { 2, 4 })
        {
            for (var round = 1; round <= 5; round++)
            {
                var actual = await RunAsync(timeline, hosts);
                Assert.True(expected.SequenceEqual(actual), $"{hosts} hosts, round {round}:\n{string.Join("\n", actual)}\nexpected:\n{string.Join("\n", expected)}");
            }
        }
    }

    /// <returns>Every alert raised, as "raising article|kind|id|date|killed|injured|change", in the order they were raised.</returns>
    private static async Task<List<string>> RunAsync(DirectoryInfo articles, int hosts)
    {
        var azurite = new IsolatedAzurite();
        await azurite.InitializeAsync();
        try
        {
            var sends = new ConcurrentDictionary<string, int>();
            var runs = Enumerable.Range(0, hosts).Select(_ => new CountingHost(azurite, sends)).ToList();
            try
            {
                await runs[0].Run.EnsureStorageAsync();
                await runs[0].Run.Uploader.UploadFolderAsync(articles, skipUnchanged: false, CancellationToken.None);
                await Task.WhenAll(runs.Select(r => r.Run.RunOnceAsync()));
                Assert.All(sends, pair => Assert.True(pair.Value == 1, $"alert {pair.Key} was sent {pair.Value} times"));

                var state = runs[0].Run.Services.GetRequiredService<IDocumentStore>();
                var alerts = new List<Alert>();
                await foreach (var path in state.ListAsync("alerts/", CancellationToken.None))
                {
                    var stored = await state.GetAsync(path, CancellationToken.None);
                    alerts.Add(System.Text.Json.JsonSerializer.Deserialize(stored!.Content, AlertsJsonContext.Default.Alert)!);
                }

                Assert.Equal(sends.Count, alerts.Count);
                return [.. alerts
                    .OrderBy(a => a.ArticleName, StringComparer.Ordinal).ThenBy(a => a.Date).ThenBy(a => a.Id, StringComparer.Ordinal)
                    .Select(a => $"{a.ArticleName}|{a.Kind}|{a.Id}|{a.Date}|{a.Killed}|{a.Injured}|{a.Change.Before} -> {a.Change.After}|{a.Severity}")];
            }
            finally
            {
                runs.ForEach(r => r.Dispose());
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
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
