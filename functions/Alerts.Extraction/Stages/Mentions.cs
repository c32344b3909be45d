using Alerts.Core;

namespace Alerts.Extraction.Stages;

/// <summary>A place named in the text (stage: places).</summary>
/// <param name="Start">First token.</param>
/// <param name="End">Token after the last.</param>
/// <param name="Place">What it denotes.</param>
/// <param name="Rule">The rule or source that recognised it ("gazetteer", or a place rule's name).</param>
/// <param name="NotScene">Named as a speaker, an institution or a visitor's destination ("Moscow said", "Lebanon's health ministry"): never where an event happened.</param>
/// <param name="Weak">Recognised only from a preposition ("in X"): used when nothing better is known.</param>
internal sealed record PlaceMention(int Start, int End, PlaceRef Place, string Rule, bool NotScene = false, bool Weak = false)
{
    public bool IsDateline { get; init; }

    /// <summary>Why it is not a scene, for explain.</summary>
    public string? NotSceneRule { get; init; }
}

/// <summary>An actor named in the text: a state, force, armed group or organisation.</summary>
internal sealed record ActorMention(int Start, int End, string Name, string Kind);

/// <summary>How a date expression resolves: one day, or a window of days for vague ones ("this week").</summary>
internal sealed record DateMention(int Start, int End, string Rule, DateOnly? Day, DateOnly? From, DateOnly? To, DateBasis Basis)
{
    /// <summary>The day for an event told in the future tense ("talks will open on Tuesday" → next Tuesday).</summary>
    public DateOnly? FutureDay { get; init; }

    /// <summary>A year or month far from the publication: history, not news.</summary>
    public bool IsVague => Day is null;

    /// <summary>
    /// For "two days after X" (+2) and "hours before X" (0): the days from the anchor event X (told right after the words) to
    /// the sentence's other events. Null for ordinary dates.
    /// </summary>
    public int? RelativeDays { get; init; }

    /// <summary>The day something was said ("said on Tuesday"), which dates what was said only when nothing else does.</summary>
    public bool IsSaid { get; init; }

    /// <summary>The day something was due ("due on 17 February", "scheduled for Friday"), not the day anything happened.</summary>
    public bool IsScheduled { get; init; }
}

/// <summary>A reporting frame: <c>Speaker</c> says (claims, denies …) what lies in <c>[ScopeStart, ScopeEnd)</c>.</summary>
internal sealed record FrameMention(int Sentence, string Kind, string Rule, int Start, int End, int ScopeStart, int ScopeEnd, int SpeakerStart, int SpeakerEnd)
{
    public bool Covers(int token) => token >= ScopeStart && token < ScopeEnd;
}

/// <summary>A casualty figure: how many were killed or injured, and where in the sentence.</summary>
internal sealed record FigureMention(int Sentence, int Start, int End, string Rule, int? Killed, int? Injured, bool Aggregate);

/// <summary>
/// One trigger occurrence and everything the later stages decide about it. Mutable while the article is read; turned
/// into an <see cref="ArticleEvent"/> by the merge stage.
/// </summary>
internal sealed class Candidate(int id, EventType type, Sentence sentence, int headStart, int headEnd, string rule, bool isNoun)
{
    private List<string>? _notes;

    public int Id { get; } = id;

    public EventType Type { get; set; } = type;

    public Sentence Sentence { get; } = sentence;

    public int HeadStart { get; } = headStart;

    public int HeadEnd { get; } = headEnd;

    public string Rule { get; } = rule;

    /// <summary>Other trigger rules that matched the same words.</summary>
    public List<string> AlsoMatched { get; } = [];

    /// <summary>Named by a noun ("the attack") rather than told by a verb.</summary>
    public bool IsNoun { get; } = isNoun;

    public string? VetoedBy { get; set; }

    public Modality Modality { get; set; } = Modality.Asserted;

    /// <summary>Told as something already past (past perfect, "since", a recall): its day is not the publication day.</summary>
    public bool IsRecall { get; set; }

    /// <summary>Told as something that may yet happen ("could be delayed to Saturday"): its weekdays are coming ones.</summary>
    public bool IsProspective { get; set; }

    /// <summary>Mentioned, not reported ("under the ceasefire", "the talks, which …").</summary>
    public bool IsReference { get; set; }

    public PlaceMention? Place { get; set; }

    /// <summary>The place was named with the trigger (not borrowed from the story or the dateline).</summary>
    public bool PlaceIsOwn { get; set; }

    /// <summary>The place was only named elsewhere in the trigger's sentence.</summary>
    public bool PlaceIsLoose { get; set; }

    /// <summary>The place is attached to the trigger ("struck sites near X", "the X shelling").</summary>
    public bool PlaceIsAttached { get; set; }

    public DateMention? Date { get; set; }

    public DateOnly? Day { get; set; }

    public DateBasis Basis { get; set; }

    public int? Killed { get; set; }

    public int? Injured { get; set; }

    public List<string> Actors { get; } = [];

    public List<string> Targets { get; } = [];

    public List<string> Weapons { get; } = [];

    /// <summary>The frame the trigger sits in, if any.</summary>
    public FrameMention? Frame { get; set; }

    /// <summary>The merged event this candidate joined.</summary>
    public int MergedInto { get; set; } = -1;

    public bool IsIncident => EventTypeInfo.Of(Type).IsIncident;

    public IReadOnlyList<string> Notes => _notes ?? (IReadOnlyList<string>)[];

    public void Note(bool tracing, string note)
    {
        if (tracing)
        {
            (_notes ??= []).Add(note);
        }
    }
}
