using System.Diagnostics;
using Alerts.Core;

namespace Alerts.LocalHost;

/// <summary>
/// <c>./alerts replay</c>: runs a folder's files in name order through the same intake and change detection the functions use
/// (state in memory), as if each were dropped in that order, and writes the JSON Lines that <c>shared/tools/score.py</c> reads.
/// </summary>
internal sealed class Replayer(ArticleIntake intake, ArticleEventsCodec codec, ChangeProcessor changes, RecordingQuarantine quarantine)
{
    public async Task<ReplaySummary> RunAsync(DirectoryInfo folder, TextWriter output, CancellationToken cancellationToken)
    {
        if (!folder.Exists)
        {
            throw new DirectoryNotFoundException($"No folder '{folder.FullName}'.");
        }

        int articles = 0, events = 0, alerts = 0, quarantined = 0;
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        foreach (var file in ArticleFiles.In(folder))
        {
            articles++;
            string? text;
            await using (var stream = file.OpenRead())
            {
                text = await intake.ProcessAsync(file.Name, stream, cancellationToken);
            }

            if (text is null)
            {
                quarantined++;
                var rejection = quarantine.Last(file.Name);
                await output.WriteLineAsync(ReplayRecords.ForQuarantine(file.Name, rejection));
                continue;
            }

            var message = await codec.DecodeAsync(text, cancellationToken);
            foreach (var e in message.Events)
            {
                events++;
                await output.WriteLineAsync(ReplayRecords.ForEvent(file.Name, e));
            }

            // A re-delivered or renamed article gets its first alerts back (same ids); subscribers receive each id once, and so
            // does the replay.
            var result = await changes.ProcessAsync(text, cancellationToken);
            foreach (var alert in result.Alerts.Where(a => sent.Add(a.Id)))
            {
                alerts++;
                await output.WriteLineAsync(ReplayRecords.ForAlert(alert));
            }
        }

        return new ReplaySummary(articles, events, alerts, quarantined, clock.Elapsed);
    }
}

internal sealed record ReplaySummary(int Articles, int Events, int Alerts, int Quarantined, TimeSpan Elapsed);

/// <summary>The files of a folder that count as dropped articles, in the order a replay or an upload takes them.</summary>
internal static class ArticleFiles
{
    public static IEnumerable<FileInfo> In(DirectoryInfo folder)
        => folder.EnumerateFiles()
            .Where(f => !f.Name.StartsWith('.') && !f.Attributes.HasFlag(FileAttributes.Hidden))
            .OrderBy(f => f.Name, StringComparer.Ordinal);
}

/// <summary>An <see cref="IQuarantine"/> that remembers reasons in memory (replays keep nothing on disk).</summary>
internal sealed class RecordingQuarantine : IQuarantine
{
    private readonly Dictionary<string, ArticleRejection> _rejections = new(StringComparer.Ordinal);

    public Task QuarantineAsync(ArticleInput input, ArticleRejection rejection, CancellationToken cancellationToken)
    {
        lock (_rejections)
        {
            _rejections[input.Name] = rejection;
        }

        return Task.CompletedTask;
    }

    public ArticleRejection Last(string name)
    {
        lock (_rejections)
        {
            return _rejections.TryGetValue(name, out var rejection) ? rejection : new ArticleRejection(RejectionReason.ProcessingFailed, "unknown");
        }
    }
}
