using System.Text.Json.Nodes;

namespace Alerts.Testing;

/// <summary>
/// What <c>score.py --json [-v]</c> printed: the result object (<c>events</c> and <c>alerts</c>: tp, fp, fn, precision,
/// recall, f1, ...) and the text around it (the mismatches with <c>-v</c>, then the <c>events:</c>, <c>alerts:</c> and
/// <c>summary:</c> lines).
/// </summary>
public sealed record ScoreResult(JsonObject Result, string Report)
{
    public JsonObject Events => Result["events"]!.AsObject();

    public JsonObject Alerts => Result["alerts"]!.AsObject();

    /// <summary>A summary line by its label: <c>events</c>, <c>alerts</c> or <c>summary</c>.</summary>
    public string Line(string label)
        => Report.Split('\n').FirstOrDefault(l => l.StartsWith(label + ":", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"score.py printed no '{label}:' line:\n{Report}");

    /// <summary>The JSON is printed with an indent: from a line <c>{</c> to the next line <c>}</c>; the rest is the report.</summary>
    public static ScoreResult Parse(string output)
    {
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        var open = Array.IndexOf(lines, "{");
        var close = open < 0 ? -1 : Array.IndexOf(lines, "}", open);
        if (close < 0)
        {
            throw new InvalidDataException($"score.py printed no JSON:\n{output}");
        }

        var json = JsonNode.Parse(string.Join('\n', lines[open..(close + 1)]))!.AsObject();
        return new ScoreResult(json, string.Join('\n', [.. lines[..open], .. lines[(close + 1)..]]).Trim('\n'));
    }
}
