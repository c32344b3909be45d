using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Core;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Language;

/// <summary>
/// Sharpens extracted events with Azure AI Language entities found in each event's evidence sentence: fills a missing place from a
/// Location entity (and records it in <see cref="LearnedPlaces"/>), adds missing Organization/Person actors and cued targets, and fills
/// missing killed/injured counts from Quantity entities next to "killed"/"injured". The local rules stay the judge: events are never
/// added or removed and their type, modality and date never change. When the service fails the events pass through unchanged.
/// </summary>
public sealed partial class LanguageEventEnricher(
    ITextAnalysisClient client,
    LearnedPlaces learnedPlaces,
    IOptions<LanguageOptions> options,
    ILogger<LanguageEventEnricher> logger) : IEventEnricher
{

    private static readonly string[] SmallNumbers =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];

    /// <summary>Places learned from the service so far (shared with anything else that resolves <see cref="LearnedPlaces"/>).</summary>
    public LearnedPlaces LearnedPlaces => learnedPlaces;

    public async Task<IReadOnlyList<ArticleEvent>> EnrichAsync(Article article, IReadOnlyList<ArticleEvent> events, CancellationToken cancellationToken)
    {
        var sentences = events.Select(e => e.Evidence.Sentence).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        if (sentences.Count == 0)
        {
            return events;
        }

        IReadOnlyList<DocumentEntities> results;
        try
        {
            results = await client.RecognizeEntitiesAsync([.. sentences.Select((s, i) => new TextDocument($"s{i + 1}", s))], cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            LogServiceFailed(logger, ex, article.Name, ex.Status, ex.ErrorCode);
            return events;
        }

        var minConfidence = options.Value.MinConfidence;
        var entitiesBySentence = new Dictionary<string, IReadOnlyList<RecognizedEntity>>(StringComparer.Ordinal);
        for (var i = 0; i < sentences.Count; i++)
        {
            entitiesBySentence[sentences[i]] = [.. results[i].Entities.Where(e => e.ConfidenceScore >= minConfidence).OrderBy(e => e.Offset)];
        }

        var changes = new EnrichmentCounts();
        var enriched = events
            .Select(e => entitiesBySentence.TryGetValue(e.Evidence.Sentence, out var entities) && entities.Count > 0 ? Enrich(e, entities, changes) : e)
            .ToList();
        LogEnriched(logger, article.Name, sentences.Count, results.Count(r => r.HasError), changes.Places, changes.Actors, changes.Targets, changes.Casualties);
        return enriched;
    }

    private ArticleEvent Enrich(ArticleEvent e, IReadOnlyList<RecognizedEntity> entities, EnrichmentCounts changes)
    {
        var sentence = e.Evidence.Sentence;
        var result = e;

        if (e.Place is null && ChoosePlace(sentence, entities) is { } location)
        {
            var place = learnedPlaces.TryGet(location.Text, out var known) ? known.Place : new Place(location.Text, Kind: KindOf(location.Subcategory));
            learnedPlaces.Learn(place, location.ConfidenceScore);
            result = result with { Place = place };
            changes.Places++;
        }

        var actors = result.Actors.ToList();
        var targets = result.Targets.ToList();
        foreach (var entity in entities.Where(x => x.Category is EntityCategory.Organization or EntityCategory.Person))
        {
            if (Names(actors, entity.Text) || Names(targets, entity.Text) || (result.Place is { } p && Names([p.Name], entity.Text)))
            {
                continue;
            }

            if (entity.Category == EntityCategory.Organization && TargetCue().IsMatch(sentence.AsSpan(0, entity.Offset)))
            {
                targets.Add(entity.Text);
                changes.Targets++;
            }
            else if (entity.Category == EntityCategory.Organization || actors.Count == 0)
            {
                // People are mostly the sources quoted; one is taken as the actor only when the rules found none.
                actors.Add(entity.Text);
                changes.Actors++;
            }
        }

        if (actors.Count != result.Actors.Count)
        {
            result = result with { Actors = actors };
        }

        if (targets.Count != result.Targets.Count)
        {
            result = result with { Targets = targets };
        }

        if (EventTypeInfo.Of(e.Type).IsIncident)
        {
            var quantities = entities.Where(x => x.Category == EntityCategory.Quantity).ToList();
            if (result.Killed is null && CountNear(sentence, quantities, KilledWord()) is { } killed)
            {
                result = result with { Killed = killed };
                changes.Casualties++;
            }

            if (result.Injured is null && CountNear(sentence, quantities, InjuredWord()) is { } injured)
            {
                result = result with { Injured = injured };
                changes.Casualties++;
            }
        }

        return result;
    }

    /// <summary>The location the sentence puts the event at: one introduced by a place preposition first, then a site, then confidence.</summary>
    private static RecognizedEntity? ChoosePlace(string sentence, IReadOnlyList<RecognizedEntity> entities) =>
        entities
            .Where(x => x.Category == EntityCategory.Location)
            .OrderByDescending(x => PlacePreposition().IsMatch(sentence.AsSpan(0, x.Offset)))
            .ThenByDescending(x => string.Equals(x.Subcategory, "Structural", StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(x => x.ConfidenceScore)
            .ThenBy(x => x.Offset)
            .FirstOrDefault();

    private static string? KindOf(string? subcategory) => subcategory?.ToLowerInvariant() switch
    {
        "structural" => "site",
        "geographical" => "region",
        _ => null,
    };

    /// <summary>True when a name already in the list and <paramref name="name"/> contain one another (case-insensitive).</summary>
    private static bool Names(IEnumerable<string> names, string name) =>
        names.Any(n => n.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(n, StringComparison.OrdinalIgnoreCase));

    /// <summary>The number of a Quantity entity just before the keyword ("four soldiers were killed") or just after it ("killing four").</summary>
    private static int? CountNear(string sentence, IReadOnlyList<RecognizedEntity> quantities, Regex keyword)
    {
        foreach (Match match in keyword.Matches(sentence))
        {
            var before = quantities
                .Where(q => q.Offset + q.Length <= match.Index && match.Index - (q.Offset + q.Length) <= 60
                    && sentence.AsSpan(q.Offset + q.Length, match.Index - (q.Offset + q.Length)).IndexOfAny(';', ':') < 0)
                .OrderByDescending(q => q.Offset)
                .Select(q => ParseCount(q.Text))
                .FirstOrDefault(n => n is not null);
            var after = quantities
                .Where(q => q.Offset >= match.Index + match.Length && q.Offset - (match.Index + match.Length) <= 15)
                .OrderBy(q => q.Offset)
                .Select(q => ParseCount(q.Text))
                .FirstOrDefault(n => n is not null);
            if ((before ?? after) is { } count)
            {
                return count;
            }
        }

        return null;
    }

    internal static int? ParseCount(string text)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var word = Array.FindIndex(SmallNumbers, w => w.Equals(trimmed, StringComparison.OrdinalIgnoreCase));
        return word >= 0 ? word : trimmed.Equals("a dozen", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("dozen", StringComparison.OrdinalIgnoreCase) ? 12 : null;
    }

    [GeneratedRegex(@"\b(killed|killing|dead|died|deaths?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex KilledWord();

    [GeneratedRegex(@"\b(injured|injuring|injuries|wounded|wounding|hurt)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InjuredWord();

    [GeneratedRegex(@"\b(in|at|near|outside|on|around|into|across)\s+(the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PlacePreposition();

    [GeneratedRegex(@"\b(members\s+of|against|targeting|targeted|on|at|positions\s+of|fighters\s+of)\s+(the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TargetCue();

    [LoggerMessage(EventId = 710, Level = LogLevel.Information,
        Message = "Language enrichment of {Name}: {SentenceCount} sentences ({FailedCount} failed); filled {PlaceCount} places, {ActorCount} actors, {TargetCount} targets, {CasualtyCount} casualty counts")]
    private static partial void LogEnriched(ILogger logger, string name, int sentenceCount, int failedCount, int placeCount, int actorCount, int targetCount, int casualtyCount);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "Language service unavailable for {Name} (status {Status}, {ErrorCode}); events pass through unenriched")]
    private static partial void LogServiceFailed(ILogger logger, Exception exception, string name, int status, string? errorCode);

    private sealed class EnrichmentCounts
    {
        public int Places { get; set; }

        public int Actors { get; set; }

        public int Targets { get; set; }

        public int Casualties { get; set; }
    }
}
