using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alerts.Core;

/// <summary>
/// The JSON Lines records a replay writes, in the shape <c>shared/tools/score.py</c> reads:
/// <c>{"record":"event","article":…,"type":…,"date":…,"location":…,"hedged":…,"denied":…}</c> and
/// <c>{"record":"alert","after":…,"kind":…,"type":…,"date":…,"location":…}</c>, plus informative extras.
/// </summary>
public static class ReplayRecords
{
    public static string ForEvent(string articleName, ArticleEvent e)
    {
        var node = new JsonObject
        {
            ["record"] = "event",
            ["article"] = articleName,
            ["type"] = EventTypeInfo.Of(e.Type).WireName,
            ["date"] = e.Date?.ToString("yyyy-MM-dd"),
            ["location"] = e.Place?.FullName,
            ["hedged"] = e.IsHedged,
            ["denied"] = e.IsDenied,
            ["modality"] = JsonSerializer.SerializeToNode(e.Modality, AlertsJsonContext.Default.Modality),
            ["date_basis"] = JsonSerializer.SerializeToNode(e.DateBasis, AlertsJsonContext.Default.DateBasis),
            ["background"] = e.IsBackground,
            ["actors"] = new JsonArray([.. e.Actors.Select(a => JsonValue.Create(a))]),
            ["targets"] = new JsonArray([.. e.Targets.Select(a => JsonValue.Create(a))]),
            ["weapons"] = new JsonArray([.. e.Weapons.Select(a => JsonValue.Create(a))]),
            ["killed"] = e.Killed,
            ["injured"] = e.Injured,
            ["cameo"] = e.Cameo,
            ["plover"] = e.Plover,
            ["confidence"] = Math.Round(e.Confidence, 3),
            ["evidence"] = e.Evidence.Sentence,
        };
        return node.ToJsonString();
    }

    public static string ForQuarantine(string articleName, ArticleRejection rejection)
    {
        var node = new JsonObject
        {
            ["record"] = "quarantine",
            ["article"] = articleName,
            ["reason"] = JsonSerializer.SerializeToNode(rejection.Reason, AlertsJsonContext.Default.RejectionReason),
            ["message"] = rejection.Message,
        };
        return node.ToJsonString();
    }

    public static string ForAlert(Alert alert)
    {
        var node = new JsonObject
        {
            ["record"] = "alert",
            ["after"] = alert.ArticleName,
            ["kind"] = JsonSerializer.SerializeToNode(alert.Kind, AlertsJsonContext.Default.AlertKind),
            ["type"] = EventTypeInfo.Of(alert.EventType).WireName,
            ["date"] = alert.Date?.ToString("yyyy-MM-dd"),
            ["location"] = alert.Location,
            ["id"] = alert.Id,
            ["storyline"] = alert.StorylineId,
            ["headline"] = alert.Headline,
            ["severity"] = JsonSerializer.SerializeToNode(alert.Severity, AlertsJsonContext.Default.Severity),
            ["sources"] = alert.SourceCount,
        };
        return node.ToJsonString();
    }
}
