using Alerts.Core;

namespace Alerts.Extraction;

/// <summary>One trigger occurrence in one sentence, before same-event mentions of an article are merged.</summary>
internal sealed class Mention
{
    public required EventType Type { get; set; }

    public required int Story { get; init; }

    public required int SentenceIndex { get; init; }

    public required SentenceSpan Sentence { get; init; }

    public required int TriggerStart { get; init; }

    /// <summary>The trigger word reduced to its stem ("struck", "strikes" → "strike"), to find what "the strikes" refers back to.</summary>
    public string Stem { get; init; } = "";

    /// <summary>A definite noun trigger ("the strikes", "this attack") that may name an incident told earlier.</summary>
    public bool IsAnaphoric { get; init; }

    /// <summary>Inside a clause that refers to the happening ("since it took effect", "where the talks were held").</summary>
    public bool IsReference { get; init; }

    /// <summary>The sentence dates other happenings but not this one: its day is unknown rather than the publication day.</summary>
    public bool DateWithheld { get; set; }

    public DateOnly? Date { get; set; }

    public DateBasis Basis { get; set; }

    public KnownPlace? Place { get; set; }

    public bool OwnPlace { get; set; }

    public List<string> Actors { get; } = [];

    public List<string> Targets { get; } = [];

    public List<string> Weapons { get; } = [];

    public int? Killed { get; set; }

    public int? Injured { get; set; }

    public Modality Modality { get; set; }

    public double Confidence { get; set; }

    public bool IsIncident => EventTypeInfo.Of(Type).IsIncident;

    public bool IsFlagged => Modality != Modality.Asserted;

    public bool HasDate => Basis is DateBasis.Explicit or DateBasis.Relative;

    public void AddFigures(int? killed, int? injured)
    {
        if (killed is { } k)
        {
            Killed = Math.Max(Killed ?? 0, k);
        }

        if (injured is { } i)
        {
            Injured = Math.Max(Injured ?? 0, i);
        }
    }

    public static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(value);
        }
    }
}
