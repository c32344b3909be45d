using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Alerts.Core;

namespace Alerts.Language;

/// <summary>A place the Language service found that the local rules had not, with the best confidence seen.</summary>
public sealed record LearnedPlace(Place Place, double Confidence, int Sightings);

/// <summary>
/// In-memory registry of places learned from entity recognition, so later lookups (a gazetteer, a report) can use names the
/// local gazetteer lacks. Process-wide and thread-safe; it is not persisted.
/// </summary>
public sealed class LearnedPlaces
{
    private readonly ConcurrentDictionary<string, LearnedPlace> places = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A snapshot of everything learned so far.</summary>
    public IReadOnlyCollection<LearnedPlace> All => [.. places.Values];

    public bool TryGet(string name, [NotNullWhen(true)] out LearnedPlace? place) => places.TryGetValue(name, out place);

    /// <summary>Records one sighting of <paramref name="place"/>, keeping the highest confidence.</summary>
    public LearnedPlace Learn(Place place, double confidence) =>
        places.AddOrUpdate(
            place.Name,
            _ => new LearnedPlace(place, confidence, 1),
            (_, known) => known with { Confidence = Math.Max(known.Confidence, confidence), Sightings = known.Sightings + 1 });
}
