using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Alerts.Core;

namespace Alerts.Delivery;

/// <summary>An alert as an email: subject, HTML body and plain-text body.</summary>
public sealed record AlertEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// Builds what a subscriber reads from one <see cref="Alert"/>: the email (subject, HTML, text) and the Teams Adaptive Card.
/// All views carry the same facts; every piece of article text is escaped for the place it is rendered.
/// </summary>
public sealed class AlertComposer
{
    /// <summary>Evidence sentences longer than this are cut in the card.</summary>
    public const int MaxCardSentenceChars = 600;

    private const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public AlertEmail ComposeEmail(Alert alert)
    {
        var facts = Facts(alert);
        return new AlertEmail(Subject(alert), Html(alert, facts), Text(alert, facts));
    }

    /// <summary>The one-line subject: the alert's headline.</summary>
    public static string Subject(Alert alert) => AlertTextEncoding.Truncate(AlertTextEncoding.SingleLine(alert.Headline), 200);

    /// <summary>The Adaptive Card (version 1.4) with at most <paramref name="maxEvidence"/> evidence sentences.</summary>
    public JsonObject ComposeCard(Alert alert, int maxEvidence = int.MaxValue)
    {
        var md = AlertTextEncoding.Markdown;
        var body = new JsonArray
        {
            TextBlock(md(Subject(alert)), size: "Large", weight: "Bolder"),
            TextBlock(md($"{SeverityText(alert.Severity)} · {KindText(alert.Kind)} · {alert.StorylineTitle}"), isSubtle: true),
            TextBlock(md(AlertTextEncoding.Truncate(AlertTextEncoding.SingleLine(alert.Summary), 2_000))),
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. Facts(alert).Select(f => new JsonObject { ["title"] = md(f.Title), ["value"] = md(AlertTextEncoding.Truncate(f.Value, 1_000)) })]),
            },
        };

        var shown = alert.Evidence.Take(maxEvidence).ToList();
        if (shown.Count > 0)
        {
            body.Add(TextBlock("Evidence", weight: "Bolder"));
        }

        foreach (var evidence in shown)
        {
            body.Add(TextBlock(md($"“{AlertTextEncoding.Truncate(AlertTextEncoding.SingleLine(evidence.Sentence), MaxCardSentenceChars)}” — {SourceLine(evidence)}")));
        }

        if (alert.Evidence.Count > shown.Count)
        {
            body.Add(TextBlock(md($"{alert.Evidence.Count - shown.Count} more evidence sentences are in the email and in alert {alert.Id}."), isSubtle: true));
        }

        var actions = new JsonArray();
        foreach (var (evidence, link) in shown.Select(e => (e, AlertTextEncoding.SafeLink(e.Url))).Where(p => p.Item2 is not null).DistinctBy(p => p.Item2!.AbsoluteUri))
        {
            actions.Add(new JsonObject
            {
                ["type"] = "Action.OpenUrl",
                ["title"] = md(AlertTextEncoding.Truncate($"Read: {evidence.Source ?? evidence.ArticleName}", 80)),
                ["url"] = link!.AbsoluteUri,
            });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return card;
    }

    /// <summary>
    /// The Teams Workflows payload (<c>type: message</c> with one Adaptive Card attachment), trimmed to at most
    /// <paramref name="maxBytes"/> UTF-8 bytes by dropping evidence sentences from the end.
    /// </summary>
    public JsonObject ComposeTeamsPayload(Alert alert, int maxBytes)
    {
        for (var evidence = alert.Evidence.Count; ; evidence = evidence > 8 ? evidence / 2 : evidence - 1)
        {
            var payload = new JsonObject
            {
                ["type"] = "message",
                ["attachments"] = new JsonArray
                {
                    new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = ComposeCard(alert, evidence) },
                },
            };
            if (evidence <= 0 || Encoding.UTF8.GetByteCount(payload.ToJsonString()) <= maxBytes)
            {
                return payload;
            }
        }
    }

    /// <summary>The subject of a daily digest, for example "Alerts digest: 3 alerts for 21 Nov 2026".</summary>
    public static string DigestSubject(DateOnly date, int count)
        => $"Alerts digest: {count.ToString(CultureInfo.InvariantCulture)} alert{(count == 1 ? string.Empty : "s")} for {date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>One email listing every alert of a digest, each rendered (and escaped) as in <see cref="ComposeEmail"/>.</summary>
    public AlertEmail ComposeDigestEmail(DateOnly date, IReadOnlyList<Alert> alerts)
    {
        var subject = DigestSubject(date, alerts.Count);
        var html = new StringBuilder();
        HtmlHead(html, subject);
        html.Append("<h2 style=\"margin:0 0 12px\">").Append(AlertTextEncoding.Html(subject)).Append("</h2>");
        var text = new StringBuilder().Append(subject).Append("\r\n");
        foreach (var alert in alerts)
        {
            var facts = Facts(alert);
            html.Append("<hr style=\"border:0;border-top:1px solid #c8c6c4;margin:16px 0\">");
            AlertHtml(html, alert, facts, "h3");
            text.Append("\r\n----------------------------------------\r\n");
            AlertText(text, alert, facts);
        }

        return new AlertEmail(subject, html.Append("</body></html>").ToString(), text.ToString());
    }

    /// <summary>
    /// The Teams Workflows payload of a digest: one Adaptive Card with each alert's headline, line, summary and facts (no evidence),
    /// trimmed to at most <paramref name="maxBytes"/> UTF-8 bytes by dropping alerts from the end (the card then says how many).
    /// </summary>
    public JsonObject ComposeDigestTeamsPayload(DateOnly date, IReadOnlyList<Alert> alerts, int maxBytes)
    {
        for (var shown = alerts.Count; ; shown = shown > 8 ? shown / 2 : shown - 1)
        {
            var payload = TeamsPayload(ComposeDigestCard(date, alerts, shown));
            if (shown <= 0 || Encoding.UTF8.GetByteCount(payload.ToJsonString()) <= maxBytes)
            {
                return payload;
            }
        }
    }

    /// <summary>The Adaptive Card (version 1.4) of a digest showing the first <paramref name="maxAlerts"/> alerts.</summary>
    public JsonObject ComposeDigestCard(DateOnly date, IReadOnlyList<Alert> alerts, int maxAlerts = int.MaxValue)
    {
        var md = AlertTextEncoding.Markdown;
        var body = new JsonArray { TextBlock(md(DigestSubject(date, alerts.Count)), size: "Large", weight: "Bolder") };
        foreach (var alert in alerts.Take(maxAlerts))
        {
            var heading = TextBlock(md(Subject(alert)), size: "Medium", weight: "Bolder");
            heading["separator"] = true;
            body.Add(heading);
            body.Add(TextBlock(md($"{SeverityText(alert.Severity)} · {KindText(alert.Kind)} · {alert.StorylineTitle}"), isSubtle: true));
            body.Add(TextBlock(md(AlertTextEncoding.Truncate(AlertTextEncoding.SingleLine(alert.Summary), 2_000))));
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. Facts(alert).Select(f => new JsonObject { ["title"] = md(f.Title), ["value"] = md(AlertTextEncoding.Truncate(f.Value, 1_000)) })]),
            });
        }

        if (alerts.Count > maxAlerts)
        {
            body.Add(TextBlock(md($"{alerts.Count - maxAlerts} more alerts are in the email digest."), isSubtle: true));
        }

        return new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
    }

    private static JsonObject TeamsPayload(JsonObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card } },
    };

    /// <summary>Facts shown in every view, as plain (unescaped) text.</summary>
    public static IReadOnlyList<(string Title, string Value)> Facts(Alert alert)
    {
        var info = EventTypeInfo.Of(alert.EventType);
        var facts = new List<(string, string)>
        {
            ("Change", $"{alert.Change.Before ?? "(new)"} → {alert.Change.After}"),
            ("When", alert.Date?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "date not known"),
            ("Where", alert.Location ?? "place not known"),
        };
        if (alert.Actors.Count > 0)
        {
            facts.Add(("Actors", string.Join(", ", alert.Actors)));
        }

        if (alert.Killed is { } killed)
        {
            facts.Add(("Killed", killed.ToString(CultureInfo.InvariantCulture)));
        }

        if (alert.Injured is { } injured)
        {
            facts.Add(("Injured", injured.ToString(CultureInfo.InvariantCulture)));
        }

        facts.Add(("Sources", alert.SourceCount.ToString(CultureInfo.InvariantCulture)));
        facts.Add(("Severity", SeverityText(alert.Severity)));
        facts.Add(("Event", $"{info.WireName} (CAMEO {info.Cameo}, PLOVER {info.Plover})"));
        facts.Add(("Raised", alert.RaisedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        facts.Add(("Alert id", alert.Id));
        return [.. facts.Select(f => (f.Item1, AlertTextEncoding.SingleLine(f.Item2)))];
    }

    private static string Html(Alert alert, IReadOnlyList<(string Title, string Value)> facts)
    {
        var html = new StringBuilder();
        HtmlHead(html, Subject(alert));
        AlertHtml(html, alert, facts, "h2");
        return html.Append("</body></html>").ToString();
    }

    private static void HtmlHead(StringBuilder html, string title)
        => html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(AlertTextEncoding.Html(title)).Append("</title></head>")
            .Append("<body style=\"font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#201f1e;max-width:720px\">");

    private static void AlertHtml(StringBuilder html, Alert alert, IReadOnlyList<(string Title, string Value)> facts, string heading)
    {
        var h = AlertTextEncoding.Html;
        html.Append('<').Append(heading).Append(" style=\"margin:0 0 4px\">").Append(h(Subject(alert))).Append("</").Append(heading).Append('>')
            .Append("<p style=\"margin:0 0 12px;color:#605e5c\">").Append(h($"{SeverityText(alert.Severity)} · {KindText(alert.Kind)} · {alert.StorylineTitle}")).Append("</p>")
            .Append("<p>").Append(h(alert.Summary)).Append("</p>")
            .Append("<table style=\"border-collapse:collapse\">");
        foreach (var (title, value) in facts)
        {
            html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">").Append(h(title))
                .Append("</th><td style=\"padding:2px 0\">").Append(h(value)).Append("</td></tr>");
        }

        html.Append("</table>");
        if (alert.Evidence.Count > 0)
        {
            html.Append("<h3 style=\"margin:16px 0 4px\">Evidence</h3>");
        }

        foreach (var evidence in alert.Evidence)
        {
            html.Append("<blockquote style=\"margin:8px 0;padding-left:10px;border-left:3px solid #c8c6c4\">“")
                .Append(h(evidence.Sentence)).Append("”<br><small>— ");
            if (AlertTextEncoding.SafeLink(evidence.Url) is { } link)
            {
                html.Append("<a href=\"").Append(h(link.AbsoluteUri)).Append("\">").Append(h(SourceLine(evidence))).Append("</a>");
            }
            else
            {
                html.Append(h(SourceLine(evidence)));
            }

            html.Append("</small></blockquote>");
        }

        html.Append("<p style=\"color:#8a8886;font-size:12px\">Alert ").Append(h(alert.Id)).Append(" · storyline ").Append(h(alert.StorylineId))
            .Append(" · after article ").Append(h(alert.ArticleName)).Append("</p>");
    }

    private static string Text(Alert alert, IReadOnlyList<(string Title, string Value)> facts)
    {
        var text = new StringBuilder();
        AlertText(text, alert, facts);
        return text.ToString();
    }

    private static void AlertText(StringBuilder text, Alert alert, IReadOnlyList<(string Title, string Value)> facts)
    {
        var one = AlertTextEncoding.SingleLine;
        text.Append(Subject(alert)).Append("\r\n")
            .Append(one($"{SeverityText(alert.Severity)} · {KindText(alert.Kind)} · {alert.StorylineTitle}")).Append("\r\n\r\n")
            .Append(one(alert.Summary)).Append("\r\n\r\n");
        foreach (var (title, value) in facts)
        {
            text.Append(title).Append(": ").Append(value).Append("\r\n");
        }

        if (alert.Evidence.Count > 0)
        {
            text.Append("\r\nEvidence:\r\n");
        }

        foreach (var evidence in alert.Evidence)
        {
            text.Append("- “").Append(one(evidence.Sentence)).Append("” — ").Append(SourceLine(evidence));
            if (AlertTextEncoding.SafeLink(evidence.Url) is { } link)
            {
                text.Append(" <").Append(link.AbsoluteUri).Append('>');
            }

            text.Append("\r\n");
        }

        text.Append("\r\nStoryline ").Append(one(alert.StorylineId)).Append(", after article ").Append(one(alert.ArticleName)).Append("\r\n");
    }

    private static string SourceLine(AlertEvidence evidence)
    {
        var source = AlertTextEncoding.SingleLine(evidence.Source ?? evidence.ArticleName);
        return evidence.Published is { } published ? $"{source}, {published.ToUniversalTime():yyyy-MM-dd}" : source;
    }

    private static string SeverityText(Severity severity) => severity.ToString().ToUpperInvariant();

    private static string KindText(AlertKind kind) => kind switch
    {
        AlertKind.NewIncident => "new incident",
        AlertKind.StatusChange => "status change",
        AlertKind.CasualtiesUpdate => "casualties update",
        _ => kind.ToString(),
    };

    private static JsonObject TextBlock(string text, string? size = null, string? weight = null, bool isSubtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }
}
