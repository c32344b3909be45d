using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Alerts.Delivery.Tests;

public sealed partial class AlertComposerTests
{
    private readonly AlertComposer _composer = new();

    [Fact]
    public void ComposeEmail_Alert_SubjectIsHeadlineAndBodiesCarryEveryFact()
    {
        var email = _composer.ComposeEmail(TestAlerts.Attack());

        Assert.Equal("Attack: drones hit Drossel Depot", email.Subject);
        foreach (var expected in new[] { "Three drones struck", "(new) → attack reported", "14 March 2026", "Drossel Depot", "Red Crag militia", "Killed", "Injured", "CRITICAL", "CAMEO 190, PLOVER ASSAULT", "b7d210", "Harbour Ledger", "Ostrel Daily" })
        {
            Assert.Contains(expected, email.TextBody);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(expected), email.HtmlBody);
        }

        Assert.Contains("Sources: 2", email.TextBody);
        Assert.Contains("<a href=\"https://news.example.org/varnia-walkout\">", email.HtmlBody);
    }

    [Fact]
    public void ComposeCard_Alert_Version14WithFactsAndOneOpenUrlPerEvidenceLink()
    {
        var card = _composer.ComposeCard(TestAlerts.TalksSuspended());

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.4", (string?)card["version"]);
        var facts = card["body"]!.AsArray().Single(b => (string?)b!["type"] == "FactSet")!["facts"]!.AsArray();
        Assert.Contains(facts, f => (string?)f!["title"] == "Change" && (string?)f["value"] == "held → suspended");
        Assert.Contains(facts, f => (string?)f!["title"] == "Event" && ((string?)f["value"])!.Contains("CAMEO 164", StringComparison.Ordinal));
        var actions = card["actions"]!.AsArray();
        Assert.Equal(["https://news.example.org/varnia-walkout", "https://ostrel.example.com/reaction"], actions.Select(a => (string?)a!["url"]));
        Assert.All(actions, a => Assert.Equal("Action.OpenUrl", (string?)a!["type"]));
    }

    [Fact]
    public void ComposeEmail_HostileArticleText_HtmlIsInert()
    {
        var html = _composer.ComposeEmail(TestAlerts.Hostile()).HtmlBody;

        Assert.DoesNotMatch("(?i)<script", html);
        Assert.DoesNotMatch("(?i)<img", html);
        Assert.DoesNotMatch("(?i)<b>", html);
        Assert.DoesNotMatch("(?i)<i>", html);
        Assert.DoesNotMatch("(?i)href=\"(javascript|data):", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Single(HtmlLink().Matches(html));
        Assert.Contains("href=\"https://ok.example.org/a?b=1&amp;c=%222%22\"", html);
    }

    [Fact]
    public void ComposeEmail_HostileArticleText_SubjectIsOneLineAndTextHasNoUnsafeLinks()
    {
        var email = _composer.ComposeEmail(TestAlerts.Hostile());

        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
        Assert.DoesNotContain("<javascript:", email.TextBody);
        Assert.DoesNotContain("<data:", email.TextBody);
        Assert.Contains("<https://ok.example.org/a?b=1&c=%222%22>", email.TextBody);
        Assert.Contains("{{user.name}}", email.TextBody);
    }

    [Fact]
    public void ComposeCard_HostileArticleText_EveryTextIsMarkdownEscapedAndLinksAreHttpOnly()
    {
        var card = _composer.ComposeCard(TestAlerts.Hostile());

        var texts = Texts(card).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.DoesNotMatch(UnescapedMarkdown(), t));
        Assert.Contains(texts, t => t.Contains(@"\[click\]\(javascript:alert\(1\)\)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(@"\*\*bold\*\*", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(@"\{\{user.name\}\}", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(@"\<script\>", StringComparison.Ordinal));
        var url = Assert.Single(card["actions"]!.AsArray())!["url"]!.GetValue<string>();
        Assert.StartsWith("https://ok.example.org/", url);
    }

    [Fact]
    public void ComposeTeamsPayload_Hostile_SerializedJsonHasNoRawAngleBrackets()
    {
        var json = _composer.ComposeTeamsPayload(TestAlerts.Hostile(), 27 * 1024).ToJsonString();

        Assert.DoesNotContain("<script", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:alert(1)\"", json);
        Assert.NotNull(JsonNode.Parse(json));
    }

    [Fact]
    public void UnescapeMarkdown_EscapedText_RoundTrips()
    {
        const string original = "[click](javascript:alert(1)) **bold** {{user.name}} <b> #1 a_b `c`";

        Assert.Equal(original, AlertTextEncoding.UnescapeMarkdown(AlertTextEncoding.Markdown(original)));
    }

    /// <summary>Every string a card renders: TextBlock texts, fact titles and values, action titles.</summary>
    internal static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key is "text" or "title" or "value" && p.Value is JsonValue v ? [v.GetValue<string>()] : Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };

    [GeneratedRegex(@"(?<!\\)[\[\]()*_#`<>{}]")]
    private static partial Regex UnescapedMarkdown();

    [GeneratedRegex("<a ")]
    private static partial Regex HtmlLink();
}
