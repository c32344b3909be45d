using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Alerts.Core;

namespace Alerts.Delivery;

/// <summary>An alert as an email: subject, HTML body and plain-text body.</summary>
public sealed record AlertEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// What a subscriber reads about one alert, built once from the <see cref="Alert"/>: every piece as plain, single-line text
/// (article text is untrusted), escaped only by the renderer for the place it lands in.
/// </summary>
/// <param name="Subject">The headline, cut to 200 characters.</param>
/// <param name="Line">Severity, kind and storyline: "CRITICAL · new incident · Drossel Depot".</param>
/// <param name="Footer">The ids that tie the alert to state: alert, storyline, article.</param>
public sealed record AlertView(
    string Subject,
    string Line,
    string Summary,
    IReadOnlyList<(string Title, string Value)> Facts,
    IReadOnlyList<EvidenceView> Evidence,
    string Footer);

/// <param name="Outlet">The outlet, or the article's name when the outlet is not known.</param>
/// <param name="Source">The outlet and the article's publication day.</param>
/// <param name="Link">The article's URL when it is an absolute http(s) URL; otherwise none.</param>
public sealed record EvidenceView(string Sentence, string Outlet, string Source, Uri? Link);

/// <summary>
/// Builds one <see cref="AlertView"/> of an alert and renders it as a subscriber reads it: the email (subject, HTML, text), the
/// Teams Adaptive Card, and the digest versions of both. Every view carries the same facts; text is HTML-encoded in HTML and
/// Markdown-escaped in cards.
/// </summary>
public sealed class AlertComposer
{
    /// <summary>Evidence sentences longer than this are cut in the card.</summary>
    public const int MaxCardSentenceChars = 600;

    private const string CardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The one view of an alert that every rendering starts from.</summary>
    public static AlertView View(Alert alert)
    {
        var one = AlertTextEncoding.SingleLine;
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

        return new AlertView(
            AlertTextEncoding.Truncate(one(alert.Headline), 200),
            one($"{SeverityText(alert.Severity)} · {KindText(alert.Kind)} · {alert.StorylineTitle}"),
            one(alert.Summary),
            [.. facts.Select(f => (f.Item1, one(f.Item2)))],
            [.. alert.Evidence.Select(Evidence)],
            one($"Alert {alert.Id} · storyline {alert.StorylineId} · after article {alert.ArticleName}"));
    }

    public AlertEmail ComposeEmail(Alert alert)
    {
        var view = View(alert);
        var html = HtmlHead(new StringBuilder(), view.Subject);
        AlertHtml(html, view, "h2");
        return new AlertEmail(view.Subject, html.Append("</body></html>").ToString(), AlertText(new StringBuilder(), view).ToString());
    }

    /// <summary>The Adaptive Card (version 1.4) with at most <paramref name="maxEvidence"/> evidence sentences.</summary>
    public JsonObject ComposeCard(Alert alert, int maxEvidence = int.MaxValue)
    {
        var md = AlertTextEncoding.Markdown;
        var view = View(alert);
        var body = new JsonArray();
        AlertBlocks(body, view, "Large");
        var shown = view.Evidence.Take(maxEvidence).ToList();
        if (shown.Count > 0)
        {
            body.Add(TextBlock("Evidence", weight: "Bolder"));
        }

        foreach (var evidence in shown)
        {
            body.Add(TextBlock(md($"“{AlertTextEncoding.Truncate(evidence.Sentence, MaxCardSentenceChars)}” — {evidence.Source}")));
        }

        if (view.Evidence.Count > shown.Count)
        {
            body.Add(TextBlock(md($"{view.Evidence.Count - shown.Count} more evidence sentences are in the email and in alert {alert.Id}."), isSubtle: true));
        }

        var card = Card(body);
        var actions = new JsonArray([.. shown.Where(e => e.Link is not null).DistinctBy(e => e.Link!.AbsoluteUri).Select(e => new JsonObject
        {
            ["type"] = "Action.OpenUrl",
            ["title"] = md(AlertTextEncoding.Truncate($"Read: {e.Outlet}", 80)),
            ["url"] = e.Link!.AbsoluteUri,
        })]);
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
        => TrimmedPayload(alert.Evidence.Count, maxBytes, evidence => ComposeCard(alert, evidence));

    /// <summary>The subject of a daily digest, for example "Alerts digest: 3 alerts for 21 Nov 2026".</summary>
    public static string DigestSubject(DateOnly date, int count)
        => $"Alerts digest: {count.ToString(CultureInfo.InvariantCulture)} alert{(count == 1 ? string.Empty : "s")} for {date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>One email listing every alert of a digest, each rendered (and escaped) as in <see cref="ComposeEmail"/>.</summary>
    public AlertEmail ComposeDigestEmail(DateOnly date, IReadOnlyList<Alert> alerts)
    {
        var subject = DigestSubject(date, alerts.Count);
        var html = HtmlHead(new StringBuilder(), subject);
        html.Append("<h2 style=\"margin:0 0 12px\">").Append(AlertTextEncoding.Html(subject)).Append("</h2>");
        var text = new StringBuilder().Append(subject).Append("\r\n");
        foreach (var view in alerts.Select(View))
        {
            AlertHtml(html.Append("<hr style=\"border:0;border-top:1px solid #c8c6c4;margin:16px 0\">"), view, "h3");
            AlertText(text.Append("\r\n----------------------------------------\r\n"), view);
        }

        return new AlertEmail(subject, html.Append("</body></html>").ToString(), text.ToString());
    }

    /// <summary>
    /// The Teams Workflows payload of a digest: one Adaptive Card with each alert's headline, line, summary and facts (no evidence),
    /// trimmed to at most <paramref name="maxBytes"/> UTF-8 bytes by dropping alerts from the end (the card then says how many).
    /// </summary>
    public JsonObject ComposeDigestTeamsPayload(DateOnly date, IReadOnlyList<Alert> alerts, int maxBytes)
        => TrimmedPayload(alerts.Count, maxBytes, shown => ComposeDigestCard(date, alerts, shown));

    /// <summary>The Adaptive Card (version 1.4) of a digest showing the first <paramref name="maxAlerts"/> alerts.</summary>
    public JsonObject ComposeDigestCard(DateOnly date, IReadOnlyList<Alert> alerts, int maxAlerts = int.MaxValue)
    {
        var body = new JsonArray { TextBlock(AlertTextEncoding.Markdown(DigestSubject(date, alerts.Count)), size: "Large", weight: "Bolder") };
        foreach (var view in alerts.Take(maxAlerts).Select(View))
        {
            AlertBlocks(body, view, "Medium");
        }

        if (alerts.Count > maxAlerts)
        {
            body.Add(TextBlock(AlertTextEncoding.Markdown($"{alerts.Count - maxAlerts} more alerts are in the email digest."), isSubtle: true));
        }

        return Card(body);
    }

    /// <summary>A Teams payload of the card built with the most items (evidence or alerts) that fit in <paramref name="maxBytes"/>.</summary>
    private static JsonObject TrimmedPayload(int items, int maxBytes, Func<int, JsonObject> card)
    {
        for (var shown = items; ; shown = shown > 8 ? shown / 2 : shown - 1)
        {
            var payload = new JsonObject
            {
                ["type"] = "message",
                ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card(shown) } },
            };
            if (shown <= 0 || Encoding.UTF8.GetByteCount(payload.ToJsonString()) <= maxBytes)
            {
                return payload;
            }
        }
    }

    private static JsonObject Card(JsonArray body) => new()
    {
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["type"] = "AdaptiveCard",
        ["version"] = "1.4",
        ["body"] = body,
    };

    /// <summary>An alert's heading, line, summary and facts as card blocks (a smaller heading, set apart, inside a digest).</summary>
    private static void AlertBlocks(JsonArray body, AlertView view, string headingSize)
    {
        var md = AlertTextEncoding.Markdown;
        var heading = TextBlock(md(view.Subject), size: headingSize, weight: "Bolder");
        if (body.Count > 0)
        {
            heading["separator"] = true;
        }

        body.Add(heading);
        body.Add(TextBlock(md(view.Line), isSubtle: true));
        body.Add(TextBlock(md(AlertTextEncoding.Truncate(view.Summary, 2_000))));
        body.Add(new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray([.. view.Facts.Select(f => new JsonObject { ["title"] = md(f.Title), ["value"] = md(AlertTextEncoding.Truncate(f.Value, 1_000)) })]),
        });
    }

    private static StringBuilder HtmlHead(StringBuilder html, string title)
        => html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(AlertTextEncoding.Html(title)).Append("</title></head>")
            .Append("<body style=\"font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#201f1e;max-width:720px\">");

    private static void AlertHtml(StringBuilder html, AlertView view, string heading)
    {
        var h = AlertTextEncoding.Html;
        html.Append('<').Append(heading).Append(" style=\"margin:0 0 4px\">").Append(h(view.Subject)).Append("</").Append(heading).Append('>')
            .Append("<p style=\"margin:0 0 12px;color:#605e5c\">").Append(h(view.Line)).Append("</p>")
            .Append("<p>").Append(h(view.Summary)).Append("</p>")
            .Append("<table style=\"border-collapse:collapse\">");
        foreach (var (title, value) in view.Facts)
        {
            html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">").Append(h(title))
                .Append("</th><td style=\"padding:2px 0\">").Append(h(value)).Append("</td></tr>");
        }

        html.Append("</table>");
        if (view.Evidence.Count > 0)
        {
            html.Append("<h3 style=\"margin:16px 0 4px\">Evidence</h3>");
        }

        foreach (var evidence in view.Evidence)
        {
            html.Append("<blockquote style=\"margin:8px 0;padding-left:10px;border-left:3px solid #c8c6c4\">“")
                .Append(h(evidence.Sentence)).Append("”<br><small>— ");
            if (evidence.Link is { } link)
            {
                html.Append("<a href=\"").Append(h(link.AbsoluteUri)).Append("\">").Append(h(evidence.Source)).Append("</a>");
            }
            else
            {
                html.Append(h(evidence.Source));
            }

            html.Append("</small></blockquote>");
        }

        html.Append("<p style=\"color:#8a8886;font-size:12px\">").Append(h(view.Footer)).Append("</p>");
    }

    private static StringBuilder AlertText(StringBuilder text, AlertView view)
    {
        text.Append(view.Subject).Append("\r\n").Append(view.Line).Append("\r\n\r\n").Append(view.Summary).Append("\r\n\r\n");
        foreach (var (title, value) in view.Facts)
        {
            text.Append(title).Append(": ").Append(value).Append("\r\n");
        }

        if (view.Evidence.Count > 0)
        {
            text.Append("\r\nEvidence:\r\n");
        }

        foreach (var evidence in view.Evidence)
        {
            text.Append("- “").Append(evidence.Sentence).Append("” — ").Append(evidence.Source);
            if (evidence.Link is { } link)
            {
                text.Append(" <").Append(link.AbsoluteUri).Append('>');
            }

            text.Append("\r\n");
        }

        return text.Append("\r\n").Append(view.Footer).Append("\r\n");
    }

    private static EvidenceView Evidence(AlertEvidence evidence)
    {
        var outlet = AlertTextEncoding.SingleLine(evidence.Source ?? evidence.ArticleName);
        var source = evidence.Published is { } published ? $"{outlet}, {published.ToUniversalTime():yyyy-MM-dd}" : outlet;
        return new EvidenceView(AlertTextEncoding.SingleLine(evidence.Sentence), outlet, source, AlertTextEncoding.SafeLink(evidence.Url));
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
