using Alerts.Core;
using Alerts.Extraction;

namespace Alerts.LocalHost;

/// <summary>
/// <c>./alerts explain FILE</c>: why each event of an article was (or was not) coded. The files before it in its folder
/// are replayed first (in memory), so "alerted" means what it would mean in the folder's timeline; then the article's
/// extraction is printed stage by stage — rules that fired, vetoes and modality cues, the place and day chosen and why —
/// and the alerts it raised.
/// </summary>
internal sealed class Explainer(IArticleReader reader, IEventExtractor extractor, ArticleIntake intake, ChangeProcessor changes)
{
    public async Task<int> RunAsync(FileInfo file, bool alone, TextWriter output, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await output.WriteLineAsync($"No file '{file.FullName}'.");
            return 2;
        }

        if (extractor is not EventExtractor rules)
        {
            await output.WriteLineAsync("explain needs the built-in rule extractor.");
            return 2;
        }

        var earlier = alone || file.Directory is null ? [] : ArticleFiles.In(file.Directory).Where(f => string.CompareOrdinal(f.Name, file.Name) < 0).ToList();
        foreach (var previous in earlier)
        {
            await ApplyAsync(previous, cancellationToken);
        }

        var read = reader.Read(new ArticleInput(file.Name, await File.ReadAllBytesAsync(file.FullName, cancellationToken)));
        if (read.Article is not { } article)
        {
            await output.WriteLineAsync($"{file.Name}: refused ({read.Rejection!.Reason}): {read.Rejection.Message}");
            return 0;
        }

        await output.WriteLineAsync($"{file.Name}: \"{article.Title}\" ({article.Source ?? "no source"}); {earlier.Count} earlier file(s) of its folder applied first");
        var trace = rules.Explain(article);
        await output.WriteAsync(trace.Render());

        var alerts = await ApplyAsync(file, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync(alerts.Count == 0 ? "alerts: none" : $"alerts ({alerts.Count}):");
        foreach (var alert in alerts)
        {
            await output.WriteLineAsync($"  {Wire(alert.Kind)} {EventTypeInfo.Of(alert.EventType).WireName} {alert.Date?.ToString("yyyy-MM-dd") ?? "(no day)"} {alert.Location ?? "(no place)"}: {alert.Headline}");
        }

        for (var i = 0; i < trace.Events.Count; i++)
        {
            var e = trace.Events[i];
            var raised = alerts.FirstOrDefault(a => a.EventType == e.Type && (a.Date is null || e.Date is null || Math.Abs(a.Date.Value.DayNumber - e.Date.Value.DayNumber) <= 1));
            var why = raised is not null ? $"alerted ({Wire(raised.Kind)})"
                : !e.IsAsserted ? "no alert: not reported as fact"
                : !EventTypeInfo.Of(e.Type).Alerts ? "no alert: this type is kept in state only"
                : e.IsBackground ? "no alert: history"
                : "no alert: already known, or nothing changed";
            await output.WriteLineAsync($"  event {i}: {why}");
        }

        return 0;
    }

    private async Task<IReadOnlyList<Alert>> ApplyAsync(FileInfo file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        var message = await intake.ProcessAsync(file.Name, stream, cancellationToken);
        return message is null ? [] : (await changes.ProcessAsync(message, cancellationToken)).Alerts;
    }

    private static string Wire(AlertKind kind) => kind switch
    {
        AlertKind.NewIncident => "new_incident",
        AlertKind.StatusChange => "status_change",
        _ => "casualties_update",
    };
}
