using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Alerts.Core;

namespace Alerts.Storylines.Tests;

/// <summary>Builds <see cref="ArticleEventsMessage"/>s from a gold file's labelled events, in file order, as a perfect extractor would send them.</summary>
internal static class GoldReplay
{
    public static IReadOnlyList<ArticleEventsMessage> Messages(string corpusFolder)
    {
        var gold = JsonNode.Parse(File.ReadAllText(Path.Combine(corpusFolder, "gold.json")))!;
        var messages = new List<ArticleEventsMessage>();
        foreach (var article in gold["articles"]!.AsArray())
        {
            var file = (string)article!["file"]!;
            var bytes = File.ReadAllBytes(Path.Combine(corpusFolder, "articles", file));
            if (bytes.Length == 0)
            {
                continue; // the empty file is skipped before change detection
            }

            var published = ParsePublished((string?)article["published"]);
            messages.Add(new ArticleEventsMessage
            {
                ArticleId = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Name = file,
                Published = published,
                Events = [.. article["events"]!.AsArray().Select(e => ToEvent(e!))],
            });
        }

        return messages;
    }

    private static DateTimeOffset? ParsePublished(string? text) => text switch
    {
        null => null,
        { Length: 10 } day => new DateTimeOffset(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        _ => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
    };

    private static ArticleEvent ToEvent(JsonNode e)
    {
        EventTypeInfo.TryParse((string)e["type"]!, out var type);
        var evidence = (string?)e["evidence"] ?? "";
        return new ArticleEvent
        {
            Type = type,
            Date = (string?)e["date"] is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            DateBasis = e["date"] is null ? DateBasis.Unresolved : DateBasis.Explicit,
            Place = (string?)e["location"] is { } location ? new Place(location) : null,
            Actors = [.. e["actors"]!.AsArray().Select(a => (string)a!)],
            Targets = [.. e["targets"]!.AsArray().Select(a => (string)a!)],
            Killed = (int?)e["killed"],
            Injured = (int?)e["injured"],
            Modality = (bool?)e["denied"] == true ? Modality.Denied : (bool?)e["hedged"] == true ? Modality.Hedged : Modality.Asserted,
            IsBackground = (bool?)e["background"] == true,
            Evidence = new Evidence(evidence, 0, evidence.Length),
            Confidence = 1,
        };
    }
}
