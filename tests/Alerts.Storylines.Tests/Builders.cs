using Alerts.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Storylines.Tests;

/// <summary>Test data: invented events and articles (none of it from the corpora), and a detector over a given store.</summary>
internal static class Builders
{
    public static readonly DateTimeOffset Now = new(2031, 5, 20, 12, 0, 0, TimeSpan.Zero);

    public static ChangeDetector Detector(IDocumentStore store, StorylineOptions? options = null)
        => new(store, Options.Create(options ?? new StorylineOptions()), new FixedTimeProvider(Now), NullLogger<ChangeDetector>.Instance);

    public static ArticleEvent Event(
        EventType type,
        string? date,
        string? place,
        string[]? actors = null,
        string[]? weapons = null,
        int? killed = null,
        int? injured = null,
        Modality modality = Modality.Asserted,
        bool background = false,
        string sentence = "An invented sentence for a test.")
        => new()
        {
            Type = type,
            Date = date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            Place = place is null ? null : new Place(place),
            Actors = actors ?? [],
            Weapons = weapons ?? [],
            Killed = killed,
            Injured = injured,
            Modality = modality,
            IsBackground = background,
            Evidence = new Evidence(sentence, 0, sentence.Length),
        };

    public static ArticleEventsMessage Article(string name, string? published, params ArticleEvent[] events)
        => new()
        {
            ArticleId = "id-" + name,
            Name = name,
            Published = published is null ? null : DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture),
            Source = "Outlet " + name,
            Url = $"https://example.org/{name}",
            Events = events,
        };

    /// <summary>Alerts as stored JSON: records with lists compare by reference, their JSON by content.</summary>
    public static string Json(IReadOnlyList<Alert> alerts)
        => System.Text.Json.JsonSerializer.Serialize(alerts, AlertsJsonContext.Default.IReadOnlyListAlert);

    public static string Key(this Alert alert) => $"{alert.Kind}:{alert.EventKey}";

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
