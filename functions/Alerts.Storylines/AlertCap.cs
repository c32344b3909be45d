using System.Security.Cryptography;
using System.Text;
using Alerts.Core;

namespace Alerts.Storylines;

/// <summary>
/// The per-article alert cap: one article with hundreds of attack sentences must not send hundreds of alerts. The first
/// <c>max - 1</c> alerts go out as raised; the rest become one alert that names how many more events the article holds and
/// keeps each one's evidence. The storylines still record every event, so none of them is alerted again later.
/// </summary>
internal static class AlertCap
{
    public static IReadOnlyList<Alert> Apply(IReadOnlyList<Alert> alerts, ArticleEventsMessage article, int max)
    {
        if (alerts.Count <= max)
        {
            return alerts;
        }

        var kept = alerts.Take(max - 1).ToList();
        var excess = alerts.Skip(max - 1).ToList();
        var first = excess[0];
        var idText = string.Join("|", ["more", article.ArticleId, .. excess.Select(a => a.Id)]);
        var headline = $"{excess.Count} more events in this article: {article.Title ?? article.Name}";
        kept.Add(first with
        {
            Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idText)))[..32],
            EventKey = $"more|{article.ArticleId}",
            Headline = headline,
            Summary = $"{headline}. " + string.Join("; ", excess.Select(a => a.Headline)) + ".",
            Change = new AlertChange(null, $"{excess.Count} more events"),
            Killed = null, // figures of different incidents do not add up; each one's is in its evidence and summary
            Injured = null,
            Actors = [.. excess.SelectMany(a => a.Actors).Distinct(StringComparer.Ordinal)],
            Evidence = [.. excess.SelectMany(a => a.Evidence.Take(1)).DistinctBy(e => e.Sentence)],
            Severity = excess.Max(a => a.Severity),
        });
        return kept;
    }
}
