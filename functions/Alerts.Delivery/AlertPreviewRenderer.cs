using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>
/// One self-contained HTML page showing an alert as subscribers see it: the email (subject, HTML body in a sandboxed frame,
/// text body) and the Teams card (its TextBlocks, FactSets and link actions, as simple HTML).
/// </summary>
public sealed class AlertPreviewRenderer(AlertComposer composer, IDocumentStore store, IOptions<DeliveryOptions> options)
{
    /// <summary>Renders the stored alert <c>alerts/{alertId}.json</c>.</summary>
    /// <exception cref="FileNotFoundException">No alert is stored under that id.</exception>
    public async Task<string> RenderAsync(string alertId, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(ChangeProcessor.AlertPath(alertId), cancellationToken)
            ?? throw new FileNotFoundException($"No alert '{alertId}' is stored (looked for {ChangeProcessor.AlertPath(alertId)}).");
        return Render(JsonSerializer.Deserialize(stored.Content.ToString(), AlertsJsonContext.Default.Alert)!);
    }

    public string Render(Alert alert)
    {
        static string H(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        var email = composer.ComposeEmail(alert);
        var payload = composer.ComposeTeamsPayload(alert, options.Value.MaxTeamsPayloadBytes);
        var card = payload["attachments"]![0]!["content"]!.AsObject();
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; frame-src 'self' about:; img-src data:\">")
            .Append("<title>Preview: ").Append(H(email.Subject)).Append("</title><style>")
            .Append("body{font-family:Segoe UI,Arial,sans-serif;margin:24px;background:#f3f2f1;color:#201f1e}")
            .Append("section{background:#fff;border-radius:6px;padding:16px;margin-bottom:24px;box-shadow:0 1px 3px #0002;max-width:780px}")
            .Append("h1{font-size:16px;color:#605e5c;margin:0 0 12px}iframe{width:100%;height:520px;border:1px solid #e1dfdd}")
            .Append("pre{white-space:pre-wrap;background:#faf9f8;padding:8px;border:1px solid #e1dfdd}")
            .Append(".card{border:1px solid #e1dfdd;border-left:4px solid #6264a7;padding:12px}.card p{margin:4px 0}.subtle{color:#605e5c}")
            .Append(".large{font-size:20px}.bold{font-weight:600}.card table td,.card table th{padding:1px 10px 1px 0;text-align:left;vertical-align:top}")
            .Append(".action{display:inline-block;margin:8px 8px 0 0;padding:4px 10px;border:1px solid #6264a7;border-radius:4px;color:#6264a7;text-decoration:none}")
            .Append("</style></head><body>")
            .Append("<section><h1>Email</h1><p><b>Subject:</b> ").Append(H(email.Subject)).Append("</p>")
            .Append("<iframe sandbox=\"\" title=\"HTML body\" srcdoc=\"").Append(H(email.HtmlBody)).Append("\"></iframe>")
            .Append("<h1 style=\"margin-top:16px\">Text body</h1><pre>").Append(H(email.TextBody)).Append("</pre></section>")
            .Append("<section><h1>Teams card (Adaptive Card ").Append(H(card["version"]?.GetValue<string>())).Append(", ")
            .Append(Encoding.UTF8.GetByteCount(payload.ToJsonString()).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append(" bytes)</h1><div class=\"card\">");
        foreach (var element in card["body"]?.AsArray() ?? [])
        {
            RenderElement(page, element!.AsObject());
        }

        foreach (var action in card["actions"]?.AsArray() ?? [])
        {
            if (AlertTextEncoding.SafeLink(action?["url"]?.GetValue<string>()) is { } link)
            {
                page.Append("<a class=\"action\" rel=\"noopener noreferrer\" href=\"").Append(H(link.AbsoluteUri)).Append("\">")
                    .Append(H(Shown(action!["title"]))).Append("</a>");
            }
        }

        page.Append("</div></section></body></html>");
        return page.ToString();
    }

    private static void RenderElement(StringBuilder page, JsonObject element)
    {
        static string H(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        switch (element["type"]?.GetValue<string>())
        {
            case "TextBlock":
                var classes = string.Join(' ', new[]
                {
                    element["size"]?.GetValue<string>() == "Large" ? "large" : null,
                    element["weight"]?.GetValue<string>() == "Bolder" ? "bold" : null,
                    element["isSubtle"]?.GetValue<bool>() == true ? "subtle" : null,
                }.Where(c => c is not null));
                page.Append("<p class=\"").Append(classes).Append("\">").Append(H(Shown(element["text"]))).Append("</p>");
                break;
            case "FactSet":
                page.Append("<table>");
                foreach (var fact in element["facts"]?.AsArray() ?? [])
                {
                    page.Append("<tr><th>").Append(H(Shown(fact?["title"]))).Append("</th><td>").Append(H(Shown(fact?["value"]))).Append("</td></tr>");
                }

                page.Append("</table>");
                break;
        }
    }

    /// <summary>Card text as Teams shows it: the Markdown escapes removed.</summary>
    private static string Shown(JsonNode? text) => AlertTextEncoding.UnescapeMarkdown(text?.GetValue<string>() ?? string.Empty);
}
