using System.Text.Json;
using Alerts.Core;
using static Alerts.Storylines.Tests.Builders;

namespace Alerts.Storylines.Tests;

/// <summary>Many instances at once against one store; injected ETag conflicts; a crash half-way through an article.</summary>
public sealed class ChangeDetectorConcurrencyTests
{
    private const int Outlets = 12;

    /// <summary>Twelve outlets report one attack with rising figures; each also reports a status change at its own place.</summary>
    private static IReadOnlyList<ArticleEventsMessage> Articles()
        => [.. Enumerable.Range(1, Outlets).Select(i => Article($"o{i:00}", "2031-05-02T09:00:00+00:00",
            Event(EventType.Attack, i % 2 == 0 ? "2031-05-01" : "2031-05-02", "Sorrel Ridge", injured: i, sentence: $"Outlet {i} counts {i} injured at Sorrel Ridge."),
            Event(EventType.TalksSuspended, "2031-05-01", $"Venue {i}", sentence: $"Talks at venue {i} were suspended.")))];

    [Fact]
    public async Task ApplyAsync_ManyArticlesThreeTimesEachAtOnce_NoLostUpdateAndNoAlertTwice()
    {
        var store = new InMemoryDocumentStore();
        var articles = Articles();
        var runs = articles.SelectMany(a => Enumerable.Repeat(a, 3))
            .Select(a => Task.Run(async () => (a.ArticleId, Alerts: await Detector(store).ApplyAsync(a, CancellationToken.None))))
            .ToList();
        var results = await Task.WhenAll(runs);

        // The same article always gets the same alerts back, however the race went.
        foreach (var sameArticle in results.GroupBy(r => r.ArticleId))
        {
            Assert.Single(sameArticle.Select(r => Json(r.Alerts)).Distinct());
        }

        var alerts = results.GroupBy(r => r.ArticleId).SelectMany(g => g.First().Alerts).ToList();
        Assert.Equal(alerts.Count, alerts.Select(a => a.Id).Distinct().Count());
        Assert.Single(alerts, a => a.Kind == AlertKind.NewIncident);
        Assert.Equal(Outlets, alerts.Count(a => a.Kind == AlertKind.StatusChange));
        var tolls = alerts.Where(a => a.EventType == EventType.Attack).Select(a => a.Injured!.Value).Order().ToList();
        Assert.Equal(tolls.Distinct(), tolls);
        Assert.Equal(Outlets, tolls[^1]);

        var stored = await store.GetAsync(ChangeDetector.StorylinePath("sorrel-ridge"), CancellationToken.None);
        var storyline = JsonSerializer.Deserialize(stored!.Content, StorylineJsonContext.Default.StorylineDocument)!;
        var known = Assert.Single(storyline.Events);
        Assert.Equal(Outlets, known.Sources.Count);
        Assert.Contains(storyline.LastArticleId, articles.Select(a => a.ArticleId));
        Assert.Equal(Outlets, known.Injured);
    }

    [Fact]
    public async Task ApplyAsync_StoreInjectsConflicts_SameAlertsAsWithout()
    {
        var expected = new List<Alert>();
        var clean = Detector(new InMemoryDocumentStore());
        foreach (var article in Articles())
        {
            expected.AddRange(await clean.ApplyAsync(article, CancellationToken.None));
        }

        var conflicting = new ConflictingDocumentStore(conflictEvery: 2);
        var detector = Detector(conflicting);
        var actual = new List<Alert>();
        foreach (var article in Articles())
        {
            actual.AddRange(await detector.ApplyAsync(article, CancellationToken.None));
        }

        Assert.True(conflicting.Injected > Outlets, $"only {conflicting.Injected} conflicts injected");
        Assert.Equal(Json(expected), Json(actual));
    }

    [Fact]
    public async Task ApplyAsync_ConflictsBeyondTheRetryLimit_ThrowsAndLeavesTheArticleUnapplied()
    {
        var store = new ConflictingDocumentStore(conflictEvery: 1);
        var detector = Detector(store, new StorylineOptions { MaxConcurrencyRetries = 3 });
        var article = Articles()[0];

        await Assert.ThrowsAsync<DocumentConflictException>(() => detector.ApplyAsync(article, CancellationToken.None));

        Assert.Null(await store.GetAsync(ChangeDetector.LedgerPath(article.ArticleId), CancellationToken.None));
        Assert.Equal(3, store.Injected);
    }

    [Fact]
    public async Task ApplyAsync_CrashAfterTheFirstStoryline_RetryConvergesWithoutCountingSourcesTwice()
    {
        var articles = Articles();
        var expected = new List<Alert>();
        var clean = Detector(new InMemoryDocumentStore());
        foreach (var article in articles)
        {
            expected.AddRange(await clean.ApplyAsync(article, CancellationToken.None));
        }

        var store = new CrashingDocumentStore();
        var detector = Detector(store);
        var actual = new List<Alert>();
        foreach (var article in articles)
        {
            // The second storyline write (or the ledger) fails once, as if the instance died there; the queue re-delivers.
            store.CrashOnPut = 2;
            await Assert.ThrowsAsync<IOException>(() => detector.ApplyAsync(article, CancellationToken.None));
            actual.AddRange(await detector.ApplyAsync(article, CancellationToken.None));
        }

        Assert.Equal(Json(expected), Json(actual));
        var stored = await store.GetAsync(ChangeDetector.StorylinePath("sorrel-ridge"), CancellationToken.None);
        var storyline = JsonSerializer.Deserialize(stored!.Content, StorylineJsonContext.Default.StorylineDocument)!;
        Assert.Equal(Outlets, Assert.Single(storyline.Events).Sources.Count);
    }

    [Fact]
    public async Task ApplyAsync_TenTimesMoreArticlesOfOneStoryline_DocumentDoesNotGrow()
    {
        async Task<int> SizeAfterAsync(int articles)
        {
            var store = new InMemoryDocumentStore();
            var detector = Detector(store);
            for (var i = 0; i < articles; i++)
            {
                // Twelve outlets keep reporting one attack, its toll rising now and then, and undated talks there.
                await detector.ApplyAsync(Article($"a{i:0000}", "2031-05-02T09:00:00+00:00",
                    Event(EventType.Attack, "2031-05-01", "Sorrel Ridge", killed: 1 + (i / 10), sentence: $"Outlet {i % Outlets} counts the dead at Sorrel Ridge."),
                    Event(EventType.TalksHeld, null, "Sorrel Ridge", actors: ["Northern Council", "River League"], sentence: $"Talks went on at Sorrel Ridge ({i}).")) with
                {
                    Source = $"Outlet {i % Outlets}",
                }, CancellationToken.None);
            }

            return (await store.GetAsync(ChangeDetector.StorylinePath("sorrel-ridge"), CancellationToken.None))!.Content.ToMemory().Length;
        }

        var small = await SizeAfterAsync(60);
        var large = await SizeAfterAsync(600);

        Assert.True(large <= small * 1.1, $"the storyline document grew from {small} bytes after 60 articles to {large} after 600");
    }

    /// <summary>Before every n-th write of a storyline or the storyline index, someone else rewrites it (or creates it), so the write really loses.</summary>
    private sealed class ConflictingDocumentStore(int conflictEvery) : IDocumentStore
    {
        private readonly InMemoryDocumentStore _inner = new();
        private int _writes;

        public int Injected { get; private set; }

        public Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken) => _inner.GetAsync(path, cancellationToken);

        public async Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken)
        {
            if (path.StartsWith("storyline", StringComparison.Ordinal) && ++_writes % conflictEvery == 0)
            {
                Injected++;
                if (await _inner.GetAsync(path, cancellationToken) is { } current)
                {
                    await _inner.PutAsync(path, current.Content, WriteCondition.None, cancellationToken);
                }
                else
                {
                    throw new DocumentConflictException(path);
                }
            }

            return await _inner.PutAsync(path, content, condition, cancellationToken);
        }

        public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => _inner.ListAsync(prefix, cancellationToken);

        public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken) => _inner.DeleteAsync(path, cancellationToken);
    }

    /// <summary>Fails the n-th write after <see cref="CrashOnPut"/> is set, without writing.</summary>
    private sealed class CrashingDocumentStore : IDocumentStore
    {
        private readonly InMemoryDocumentStore _inner = new();

        public int CrashOnPut { get; set; }

        public Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken) => _inner.GetAsync(path, cancellationToken);

        public Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken)
            => CrashOnPut > 0 && --CrashOnPut == 0
                ? throw new IOException($"Simulated crash while writing {path}.")
                : _inner.PutAsync(path, content, condition, cancellationToken);

        public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => _inner.ListAsync(prefix, cancellationToken);

        public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken) => _inner.DeleteAsync(path, cancellationToken);
    }
}
