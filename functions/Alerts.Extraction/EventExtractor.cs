using Alerts.Core;
using Alerts.Extraction.Places;
using Alerts.Extraction.Rules;
using Alerts.Extraction.Stages;
using Microsoft.Extensions.Options;

namespace Alerts.Extraction;

/// <summary>
/// Rule-based key-event extractor for English news, run as explicit stages over the article:
/// zones → tokens, sentences and clauses → places, actors, dates → reporting frames → triggers → vetoes → modality →
/// arguments (actor, type, place, day, figures) → merge. Every rule is named data under <c>Data/rules</c> with its own
/// examples (see <see cref="RuleBook"/>). Pure and synchronous: no I/O after construction.
/// </summary>
public sealed class EventExtractor : IEventExtractor
{
    private readonly RuleBook _rules;
    private readonly int _backgroundDays;
    private readonly int _historyDays;
    private readonly PlaceFinder _places;
    private readonly ActorFinder _actors;
    private readonly DateFinder _dates;
    private readonly FrameFinder _frames;
    private readonly TriggerFinder _triggers;
    private readonly ModalityResolver _modality;
    private readonly ArgumentBinder _arguments;
    private readonly FigureFinder _figures;

    public EventExtractor(IOptions<ExtractionOptions> options)
        : this(options.Value.GazetteerPath is { Length: > 0 } overlay ? PlaceCatalog.Load(overlay) : PlaceCatalog.Shared,
            ActorCatalog.Load(options.Value.ActorsPath), options.Value.BackgroundDays, options.Value.HistoryDays)
    {
    }

    public EventExtractor(PlaceCatalog places, ActorCatalog actors, int backgroundDays = 30, int historyDays = 90)
        : this(new CatalogPlaceSource(places), actors, RuleBook.Default, backgroundDays, historyDays)
    {
    }

    internal EventExtractor(IPlaceSource places, ActorCatalog actors, RuleBook rules, int backgroundDays, int historyDays)
    {
        _rules = rules;
        _backgroundDays = backgroundDays;
        _historyDays = historyDays;
        _places = new PlaceFinder(places, rules);
        _actors = new ActorFinder(actors, places, rules);
        _dates = new DateFinder(rules);
        _frames = new FrameFinder(rules);
        _triggers = new TriggerFinder(rules);
        _modality = new ModalityResolver(rules);
        _arguments = new ArgumentBinder(rules);
        _figures = new FigureFinder(rules);
    }

    public IReadOnlyList<ArticleEvent> Extract(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return string.IsNullOrWhiteSpace(article.Text) ? [] : Run(article, tracing: false).Events;
    }

    /// <summary>Extracts with a full trace of every stage: what <c>./alerts explain</c> prints.</summary>
    public ExtractionTrace Explain(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Run(article, tracing: true);
    }

    private ExtractionTrace Run(Article article, bool tracing)
    {
        var doc = Document.Build(article, _rules);
        var places = _places.Find(doc, []);
        var actors = _actors.Find(doc);
        places = _places.Find(doc, actors);
        var dates = _dates.Find(doc);
        var frames = _frames.Find(doc);
        var candidates = _triggers.Find(doc, tracing);
        AddDenials(doc, candidates, frames, tracing);
        _modality.Resolve(doc, candidates, frames, tracing);
        var figures = _figures.Find(doc);
        _arguments.Bind(doc, candidates, places, actors, dates, figures, frames, tracing);
        var events = EventMerger.Merge(doc, candidates, _backgroundDays, _historyDays, tracing);
        return new ExtractionTrace(doc, candidates, places, actors, dates, frames, figures, events);
    }

    /// <summary>A denial is an event of its own: "X denied …", "X rejected the reports", unless a denial trigger already told it.</summary>
    private static void AddDenials(Document doc, List<Candidate> candidates, List<FrameMention> frames, bool tracing)
    {
        foreach (var frame in frames.Where(f => f.Kind is "deny" or "disown"))
        {
            if (candidates.Any(c => c.Type == EventType.StatementDenial && c.HeadStart < frame.End + 3 && frame.Start - 3 < c.HeadEnd))
            {
                continue;
            }

            var sentence = doc.Sentences[frame.Sentence];
            var denial = new Candidate(candidates.Count, EventType.StatementDenial, sentence, frame.Start, frame.End, frame.Rule, isNoun: false);
            denial.Note(tracing, $"trigger {frame.Rule} (denial frame): \"{doc.TextOf(frame.Start, frame.End)}\"");
            candidates.Add(denial);
        }

        candidates.Sort((a, b) => a.Sentence.Index != b.Sentence.Index ? a.Sentence.Index.CompareTo(b.Sentence.Index) : a.HeadStart.CompareTo(b.HeadStart));
    }
}

/// <summary>What every stage of the extractor found and decided for one article (<see cref="EventExtractor.Explain"/>).</summary>
public sealed class ExtractionTrace
{
    internal ExtractionTrace(Document doc, List<Candidate> candidates, List<PlaceMention> places, List<ActorMention> actors, List<DateMention> dates,
        List<FrameMention> frames, List<FigureMention> figures, List<ArticleEvent> events)
    {
        Document = doc;
        Candidates = candidates;
        Places = places;
        Actors = actors;
        Dates = dates;
        Frames = frames;
        Figures = figures;
        Events = events;
    }

    public IReadOnlyList<ArticleEvent> Events { get; }

    internal Document Document { get; }

    internal IReadOnlyList<Candidate> Candidates { get; }

    internal IReadOnlyList<PlaceMention> Places { get; }

    internal IReadOnlyList<ActorMention> Actors { get; }

    internal IReadOnlyList<DateMention> Dates { get; }

    internal IReadOnlyList<FrameMention> Frames { get; }

    internal IReadOnlyList<FigureMention> Figures { get; }

    /// <summary>The trace as text: zones, then each candidate event with the rules that fired, the vetoes and cues that applied, its place and day and why, and the event it became.</summary>
    public string Render()
    {
        var doc = Document;
        var w = new System.Text.StringBuilder();
        w.AppendLine($"published {doc.Published?.ToString("yyyy-MM-dd") ?? "(unknown)"}; {doc.Sentences.Count} sentences; dateline {(doc.Dateline is { } d ? doc.TextOf(d.Start, d.End) : "none")}");
        foreach (var p in doc.Paragraphs.Where(p => p.Zone is Zone.Junk or Zone.Subhead))
        {
            var text = doc.Source[p.Start..p.End];
            w.AppendLine($"  [{p.Zone.ToString().ToLowerInvariant()}{(p.ZoneRule is null ? "" : " " + p.ZoneRule)}] {Shorten(text, 90)}");
        }

        w.AppendLine();
        foreach (var c in Candidates)
        {
            var state = c.VetoedBy is not null ? $"vetoed ({c.VetoedBy})" : c.MergedInto >= 0 ? $"event {c.MergedInto}" : "dropped";
            w.AppendLine($"candidate {c.Id}: {EventTypeInfo.Of(c.Type).WireName} [{c.Modality.ToString().ToLowerInvariant()}{(c.IsRecall ? ", recall" : "")}{(c.IsReference ? ", reference" : "")}] -> {state}");
            w.AppendLine($"  sentence ({c.Sentence.Zone.ToString().ToLowerInvariant()}): {Shorten(doc.TextOf(c.Sentence), 160)}");
            foreach (var note in c.Notes)
            {
                w.AppendLine($"  - {note}");
            }
        }

        w.AppendLine();
        for (var i = 0; i < Events.Count; i++)
        {
            var e = Events[i];
            w.AppendLine($"event {i}: {EventTypeInfo.Of(e.Type).WireName} {e.Date?.ToString("yyyy-MM-dd") ?? "(no day)"} at {e.Place?.FullName ?? "(no place)"} " +
                         $"[{e.Modality.ToString().ToLowerInvariant()}{(e.IsBackground ? ", background" : "")}] killed {e.Killed?.ToString() ?? "-"} injured {e.Injured?.ToString() ?? "-"}");
        }

        return w.ToString();
    }

    private static string Shorten(string text, int max)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }
}
