namespace Alerts.LocalHost.Tests;

/// <summary><c>./alerts explain FILE</c>: why each candidate event was coded, and whether it alerted.</summary>
public sealed class ExplainTests
{
    private const string Article = """
        Title: Jets strike depot near Mayadin
        Published: 2026-05-06T10:00:00+03:00
        Source: Test Wire

        US jets struck a weapons depot near Mayadin on Sunday night, killing three fighters, a monitor said.

        Officials said a second raid may follow later this week.

        The minister died of a heart attack in the capital on Monday.
        """;

    [Fact]
    public async Task Explain_Article_ShowsRulesVetoesCuesPlaceAndAlertDecisionForEachCandidate()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), $"explain-{Guid.NewGuid():N}.txt"));
        await File.WriteAllTextAsync(file.FullName, Article);
        try
        {
            using var output = new StringWriter();

            var code = await LocalCommands.ExplainAsync(file, alone: true, output, CancellationToken.None);

            var text = output.ToString();
            Assert.Equal(0, code);
            Assert.Contains("trigger attack.actor-struck", text);               // the rule that fired
            Assert.Contains("type airstrike: agent US forces", text);          // why it is an air strike
            Assert.Contains("place Mayadin: attached to the trigger", text);   // the place chosen and why
            Assert.Contains("veto veto.medical-attack", text);                 // a veto that applied
            Assert.Contains("attack [hedged]", text);                       // a modality cue that applied …
            Assert.Contains("cue cue.modal-after: \"may\"", text);             // … and which
            Assert.Contains("alerted (new_incident)", text);                   // whether it alerted
            Assert.Contains("dropped: an incident named in passing", text);    // why a candidate made no event
        }
        finally
        {
            file.Delete();
        }
    }

    [Fact]
    public async Task Explain_MissingFile_SaysSoAndFails()
    {
        using var output = new StringWriter();

        var code = await LocalCommands.ExplainAsync(new FileInfo(Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.txt")), alone: true, output, CancellationToken.None);

        Assert.NotEqual(0, code);
        Assert.Contains("No file", output.ToString());
    }
}
