using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Storylines;

/// <summary>
/// Applies articles to storyline state in an <see cref="IDocumentStore"/> and raises one alert per real change.
/// <list type="bullet">
/// <item><c>storyline-index.json</c>: which storyline each place belongs to (see <see cref="StorylineIndex"/>); places never move.</item>
/// <item><c>storylines/{id}.json</c>: one document per storyline, replaced with If-Match; on a conflict it is re-read and the article re-applied.
/// The storylines an article touches are applied in parallel. Each document records the last article applied to it and the
/// alerts that raised there, so a retry after a crash never counts a source twice; its size does not grow with the articles.</item>
/// <item><c>articles/{articleId}.json</c>: the ledger, created (if not exists) once every storyline is done; a re-delivered or
/// re-uploaded article returns the alerts it raised the first time.</item>
/// </list>
/// The rule under concurrency: an alert's id and content are a function of the storyline state it changed (and the article
/// that changed it), never of timing; a status reported for an earlier date than the current one goes to history. Given one
/// order of application (<see cref="IArticleOrder"/>), any number of instances raise the same alerts. An article raising more
/// than <see cref="StorylineOptions.MaxAlertsPerArticle"/> alerts has the excess merged into one "N more events" alert.
/// </summary>
public sealed partial class ChangeDetector(
    IDocumentStore store,
    IOptions<StorylineOptions> options,
    TimeProvider timeProvider,
    ILogger<ChangeDetector> logger) : IChangeDetector
{
    public static string StorylinePath(string storylineId) => $"storylines/{storylineId}.json";

    public static string LedgerPath(string articleId) => $"articles/{articleId}.json";

    public async Task<IReadOnlyList<Alert>> ApplyAsync(ArticleEventsMessage article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        var ledgerPath = LedgerPath(article.ArticleId);
        if (await ReadAsync(ledgerPath, StorylineJsonContext.Default.ArticleLedger, cancellationToken) is { Document: { } ledger })
        {
            LogAlreadyApplied(logger, article.Name, article.ArticleId, ledger.Name, ledger.Alerts.Count);
            return ledger.Alerts;
        }

        // Facts, and unverified reports of past incidents (remembered to date a later certain report of them).
        var asserted = StorylineRules.WithoutPresumedStatusDates(
            [.. article.Events.Where(e => e.IsAsserted || (e.IsHedged && EventTypeInfo.Of(e.Type).CarriesCasualties && e.Date is not null))],
            options.Value.IncidentWindowDays);
        var routes = await RouteAsync([.. asserted], cancellationToken);
        var perStoryline = await Task.WhenAll(routes.GroupBy(r => r.StorylineId, r => r.Event)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(storyline => ApplyToStorylineAsync(storyline.Key, article, [.. storyline], cancellationToken)));
        var alerts = AlertCap.Apply([.. perStoryline.SelectMany(a => a)], article, options.Value.MaxAlertsPerArticle);

        var record = new ArticleLedger(article.ArticleId, article.Name, timeProvider.GetUtcNow(), alerts);
        try
        {
            await store.PutAsync(ledgerPath, BinaryData.FromObjectAsJson(record, StorylineJsonContext.Default.ArticleLedger), WriteCondition.NotExists, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Applied at the same moment by another instance: the storylines gave both of us the same alerts.
        }

        LogApplied(logger, article.Name, article.ArticleId, alerts.Count);
        return alerts;
    }

    /// <summary>Routes the events with the storyline index, writing what it learnt (If-Match, re-read on conflict) before any storyline changes.</summary>
    private async Task<List<(string StorylineId, ArticleEvent Event)>> RouteAsync(IReadOnlyList<ArticleEvent> events, CancellationToken cancellationToken)
    {
        List<(string StorylineId, ArticleEvent Event)> routes = [];
        await store.UpdateAsync(StorylineIndex.Path, StorylineJsonContext.Default.StorylineIndex, index =>
        {
            index ??= new StorylineIndex();
            (routes, var changed) = index.Route(events);
            return changed ? index : null;
        }, options.Value.MaxConcurrencyRetries, cancellationToken);
        return routes;
    }

    private async Task<IReadOnlyList<Alert>> ApplyToStorylineAsync(string storylineId, ArticleEventsMessage article, IReadOnlyList<ArticleEvent> events, CancellationToken cancellationToken)
    {
        IReadOnlyList<Alert> raised = [];
        await store.UpdateAsync(StorylinePath(storylineId), StorylineJsonContext.Default.StorylineDocument, doc =>
        {
            doc ??= new StorylineDocument { Id = storylineId };
            if (doc.LastArticleId == article.ArticleId)
            {
                raised = doc.LastAlerts;
                return null;
            }

            var list = StorylineRules.Apply(doc, article, events, options.Value, timeProvider.GetUtcNow()).DistinctBy(a => a.Id).ToList();
            raised = list;
            doc.LastArticleId = article.ArticleId;
            doc.LastAlerts = list;
            return doc;
        }, options.Value.MaxConcurrencyRetries, cancellationToken);
        return raised;
    }

    private async Task<(T? Document, string? ETag)> ReadAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var stored = await store.GetAsync(path, cancellationToken);
        return stored is null ? (null, null) : (JsonSerializer.Deserialize(stored.Content, typeInfo), stored.ETag);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Article {Name} ({ArticleId}) applied; {AlertCount} alerts raised")]
    private static partial void LogApplied(ILogger logger, string name, string articleId, int alertCount);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Article {Name} ({ArticleId}) was already applied as {FirstName}; returning its {AlertCount} alerts")]
    private static partial void LogAlreadyApplied(ILogger logger, string name, string articleId, string firstName, int alertCount);
}
