using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.LocalHost;

/// <summary>
/// Articles are applied in blob-name order, however many hosts extract them and in whatever order their messages arrive, so
/// a folder dropped in file-name order reads as one timeline and N hosts raise exactly the alerts one host raises.
/// The order is kept in one small state document, <c>article-order.json</c> (replaced with If-Match): <see cref="ArticleOrderState.Through"/>,
/// the last name up to which every article is done, and the names done beyond it. An article waits until every name before
/// it in the <c>articles</c> container is done; a name that is not done within <see cref="ArticleOrderOptions.MaxWait"/>
/// (an extraction given up on) is passed over, with a warning, so one lost article never stops the rest.
/// </summary>
public sealed partial class NameOrder(
    BlobServiceClient blobs,
    IDocumentStore store,
    IOptions<ArticleOrderOptions> options,
    TimeProvider timeProvider,
    ILogger<NameOrder> logger) : IArticleOrder
{
    public const string Path = "article-order.json";

    /// <summary>How often the stored state is read while an earlier article is being applied by another host (or not yet taken).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often it is read while the earlier article is being applied by this host, which signals its completion in memory:
    /// only a safety net (the application failed here and another host took it over), so waiting articles don't read the
    /// store ten times a second each.
    /// </summary>
    private static readonly TimeSpan LocalPollInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _listing = new(1, 1);
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, byte> _applyingHere = new(StringComparer.Ordinal);
    private string[] _names = [];
    private Snapshot _last = new(new ArticleOrderState(), null);
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task WaitTurnAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        _applyingHere.TryAdd(name, 0);
        if (Array.BinarySearch(_names, name, StringComparer.Ordinal) < 0)
        {
            await ListAsync(cancellationToken);
        }

        var deadline = timeProvider.GetUtcNow() + options.Value.MaxWait;
        for (var fromStore = false; ;)
        {
            // This host's own progress is in memory; other hosts' is read from the store when none came for a while. The
            // stored state only moves forward, so a turn seen in an older copy is still a turn.
            var progress = Volatile.Read(ref _progress).Task;
            var state = (fromStore ? await ReadAsync(cancellationToken) : Volatile.Read(ref _last)).State;
            if (Waiting(state, name) is not { } before)
            {
                return;
            }

            if (timeProvider.GetUtcNow() > deadline)
            {
                // Every name still missing before this one is passed over at once (state from before this order was kept, or
                // extractions given up on), so the wait is paid once, not once per missing name.
                var missing = Missing(state, name);
                LogPassedOver(logger, missing.Count, before, name, options.Value.MaxWait.TotalSeconds);
                await CompleteAsync(missing, cancellationToken);
                deadline = timeProvider.GetUtcNow() + options.Value.MaxWait;
                fromStore = true;
                continue;
            }

            var poll = Task.Delay(_applyingHere.ContainsKey(before) ? LocalPollInterval : PollInterval, timeProvider, cancellationToken);
            fromStore = await Task.WhenAny(progress, poll) == poll;
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public Task CompleteAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return CompleteAsync([name], cancellationToken);
    }

    private async Task CompleteAsync(IReadOnlyList<string> done, CancellationToken cancellationToken)
    {
        if (done.Any(name => Array.BinarySearch(_names, name, StringComparer.Ordinal) < 0))
        {
            await ListAsync(cancellationToken); // to move Through over them
        }

        for (var attempt = 1; ; attempt++)
        {
            var (state, etag) = Volatile.Read(ref _last);
            if (done.All(state.IsDone))
            {
                break;
            }

            var next = state.With(done, _names);
            try
            {
                var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(next, ArticleOrderJsonContext.Default.ArticleOrderState));
                var written = await store.PutAsync(Path, content, etag is null ? WriteCondition.NotExists : WriteCondition.Matches(etag), cancellationToken);
                Remember(next, written);
                break;
            }
            catch (DocumentConflictException) when (attempt < 100)
            {
                await ReadAsync(cancellationToken);
            }
        }

        foreach (var name in done)
        {
            _applyingHere.TryRemove(name, out _);
        }

        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>The first name before <paramref name="name"/> that is not done yet; null when it is the article's turn.</summary>
    private string? Waiting(ArticleOrderState state, string name) => Missing(state, name, firstOnly: true).FirstOrDefault();

    /// <summary>The names before <paramref name="name"/> that are not done yet.</summary>
    private List<string> Missing(ArticleOrderState state, string name, bool firstOnly = false)
    {
        var missing = new List<string>();
        var names = _names;
        var end = Array.BinarySearch(names, name, StringComparer.Ordinal);
        end = end < 0 ? ~end : end;
        var start = state.Through is { } through ? Array.BinarySearch(names, through, StringComparer.Ordinal) : -1;
        start = start < 0 ? ~start : start + 1;
        for (var i = start; i < end; i++)
        {
            if (!state.IsDone(names[i]))
            {
                missing.Add(names[i]);
                if (firstOnly)
                {
                    break;
                }
            }
        }

        return missing;
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        await _listing.WaitAsync(cancellationToken);
        try
        {
            var names = new List<string>(_names.Length);
            await foreach (var blob in blobs.GetBlobContainerClient(PipelineNames.ArticlesContainer).GetBlobsAsync(cancellationToken: cancellationToken))
            {
                names.Add(blob.Name);
            }

            names.Sort(StringComparer.Ordinal);
            _names = [.. names];
        }
        finally
        {
            _listing.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        if (await store.GetAsync(Path, cancellationToken) is { } stored)
        {
            Remember(JsonSerializer.Deserialize(stored.Content, ArticleOrderJsonContext.Default.ArticleOrderState)!, stored.ETag);
        }

        return Volatile.Read(ref _last);
    }

    private void Remember(ArticleOrderState state, string etag)
    {
        lock (_gate)
        {
            // Keep the newest copy: another thread may have read or written a later one meanwhile.
            if (_last.ETag is null || state.Sequence >= _last.State.Sequence)
            {
                Volatile.Write(ref _last, new Snapshot(state, etag));
            }
        }
    }

    private sealed record Snapshot(ArticleOrderState State, string? ETag);

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "{Count} earlier article(s), the first {First}, not applied within {Seconds} s; {Name} and the articles after it go on without them")]
    private static partial void LogPassedOver(ILogger logger, int count, string first, string name, double seconds);
}

/// <summary>What <see cref="NameOrder"/> keeps: bounded by the articles in flight, not by history.</summary>
public sealed record ArticleOrderState
{
    /// <summary>Every article named up to and including this one is done.</summary>
    public string? Through { get; init; }

    /// <summary>Articles done beyond <see cref="Through"/>, waiting for a gap before them to close.</summary>
    public IReadOnlyList<string> Done { get; init; } = [];

    /// <summary>How many times the state was written: the newer of two copies has the higher number.</summary>
    public long Sequence { get; init; }

    public bool IsDone(string name) => (Through is { } through && string.CompareOrdinal(name, through) <= 0) || Done.Contains(name, StringComparer.Ordinal);

    /// <summary>This state with <paramref name="completed"/> done, <see cref="Through"/> moved over every name of <paramref name="names"/> (sorted) now done.</summary>
    public ArticleOrderState With(IEnumerable<string> completed, IReadOnlyList<string> names)
    {
        var done = new SortedSet<string>(Done, StringComparer.Ordinal);
        done.UnionWith(completed.Where(n => !IsDone(n)));
        var through = Through;
        var i = through is null ? 0 : LowerBound(names, through);
        if (through is not null && i < names.Count && names[i] == through)
        {
            i++;
        }

        for (; i < names.Count && done.Remove(names[i]); i++)
        {
            through = names[i];
        }

        done.RemoveWhere(n => through is not null && string.CompareOrdinal(n, through) <= 0);
        return new ArticleOrderState { Through = through, Done = [.. done], Sequence = Sequence + 1 };
    }

    private static int LowerBound(IReadOnlyList<string> names, string name)
    {
        int lo = 0, hi = names.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(names[mid], name) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

/// <summary>Settings of the local host's article order (section <c>ArticleOrder</c>).</summary>
public sealed class ArticleOrderOptions
{
    public const string SectionName = "ArticleOrder";

    /// <summary>
    /// How long an article waits for one before it (still being extracted, or given up on) before passing it over. Longer than
    /// a storage outage the clients ride out (about 50 s) plus the blob trigger's retries in place (about 30 s), so a fault
    /// delays the timeline but does not reorder it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(3);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArticleOrderState))]
internal sealed partial class ArticleOrderJsonContext : JsonSerializerContext;
