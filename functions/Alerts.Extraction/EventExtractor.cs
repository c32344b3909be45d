using System.Text.RegularExpressions;
using Alerts.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Extraction;

/// <summary>
/// Rule-based key-event extractor: trigger verbs and nouns per event type, with modality scope (hedge, negation, denial),
/// dates resolved against the local publication date, places through the <see cref="Gazetteer"/>, actors through the
/// <see cref="ActorCatalog"/>, casualty figures, and one event per real-world happening per article. Pure and synchronous.
/// </summary>
public sealed class EventExtractor : IEventExtractor
{
    private readonly Gazetteer _gazetteer;
    private readonly ActorCatalog _actors;
    private readonly int _backgroundDays;

    public EventExtractor(IOptions<ExtractionOptions> options)
        : this(Gazetteer.Load(options.Value.GazetteerPath), ActorCatalog.Load(options.Value.ActorsPath), options.Value.BackgroundDays)
    {
    }

    public EventExtractor(Gazetteer gazetteer, ActorCatalog actors, int backgroundDays = 30)
    {
        _gazetteer = gazetteer;
        _actors = actors;
        _backgroundDays = backgroundDays;
    }

    public IReadOnlyList<ArticleEvent> Extract(Article article)
    {
        var text = article.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var work = new ArticleWork(text, TextFolding.Fold(text), article.PublishedDate, article.PublishedDate is null ? DateResolver.ReferenceYear(text) : null);
        IReadOnlyList<ArticleStory> stories = article.Stories.Count > 0 ? article.Stories : [new ArticleStory(0, article.Title, 0, text.Length)];
        foreach (var story in stories)
        {
            ExtractStory(work, story);
        }

        return EventMerger.Merge(work.Mentions, text, work.Reference, _backgroundDays);
    }

    private sealed class ArticleWork(string text, string folded, DateOnly? reference, int? referenceYear)
    {
        public string Text { get; } = text;
        public string Folded { get; } = folded;
        public DateOnly? Reference { get; } = reference;
        public int? ReferenceYear { get; } = referenceYear;
        public List<Mention> Mentions { get; } = [];
        public List<SentenceSpan> Sentences { get; } = [];
        public List<Trigger> Triggers { get; } = [];
        public List<DateExpression> Dates { get; } = [];
        public List<PhraseMatch<KnownPlace>> Places { get; } = [];
        public List<PhraseMatch<ActorEntry>> ActorMatches { get; } = [];

        /// <summary>The story has spoken of a ceasefire: "the agreement" it later mentions is that ceasefire.</summary>
        public bool CeasefireTold { get; set; }
    }

    private readonly record struct Trigger(EventType Type, int Start, int End, int VerbStart, int VerbEnd, TriggerForm Form)
    {
        public bool IsIncident => EventTypeInfo.Of(Type).IsIncident;
    }

    private void ExtractStory(ArticleWork work, ArticleStory story)
    {
        var text = work.Text;
        var sentences = work.Sentences;
        sentences.Clear();
        SentenceSplitter.Split(text, story.Start, Math.Min(text.Length, story.Start + story.Length), sentences);

        var storyPlaces = StoryPlaces.Discover(text, story.Start, Math.Min(text.Length, story.Start + story.Length), _gazetteer, _actors);
        work.CeasefireTold = false;
        var sentencePlaces = new KnownPlace?[sentences.Count];
        var dominant = DominantPlace(work, sentences, sentencePlaces, storyPlaces) ?? storyPlaces.Dateline;

        // Where the story's negotiations happen when a sentence names no place: its dateline, else its main town or region (not a base).
        var statusPlace = storyPlaces.Dateline ?? (dominant is { Specificity: <= 5 } ? dominant : null);
        KnownPlace? lastIncidentPlace = null;
        var lastIncidentSentence = -1;
        Mention? lastIncident = null;
        Mention? previousSentenceIncident = null;

        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            var span = text.AsSpan(sentence.Start, sentence.Length);
            var figures = span.ContainsAny(EventPatterns.CasualtyKeys) ? CasualtyCounts.Read(span, text, sentence.Start) : default;
            var claim = EventPatterns.ClaimMarker().Match(text, sentence.Start, sentence.Length);
            var triggers = work.Triggers;
            triggers.Clear();
            if (span.ContainsAny(EventPatterns.AnyTriggerKeys))
            {
                work.Dates.Clear();
                DateResolver.Find(text, sentence, work.Reference, work.ReferenceYear, _backgroundDays, work.Dates);
                FindTriggers(work, sentence, i, sentences);
            }

            work.CeasefireTold |= ContainsCeasefire(span);
            if (triggers.Count == 0)
            {
                var earlier = (figures.Any || claim.Success ? Antecedent(work, story, sentence) : null)
                    ?? (lastIncident is not null && i - lastIncident.SentenceIndex <= 3 ? lastIncident : null);
                if (earlier is not null)
                {
                    if (figures.Any)
                    {
                        earlier.AddFigures(figures.Killed, figures.Injured);
                    }

                    if (claim.Success)
                    {
                        foreach (var actor in ActorsAfter(work, sentence, claim.Index))
                        {
                            Mention.AddDistinct(earlier.Actors, actor);
                        }
                    }
                }

                previousSentenceIncident = null;
                continue;
            }

            work.Places.Clear();
            _gazetteer.FindAll(work.Folded, sentence.Start, sentence.End, work.Places);
            AddUnknownFacilities(work, sentence);
            storyPlaces.FindAll(work.Folded, sentence.Start, sentence.End, work.Places);


            var created = new List<Mention>(triggers.Count);
            foreach (var trigger in triggers)
            {
                var mention = new Mention
                {
                    Type = trigger.Type,
                    Story = story.Index,
                    SentenceIndex = i,
                    Sentence = sentence,
                    TriggerStart = trigger.Start,
                    Stem = Stem(text.AsSpan(trigger.VerbStart, trigger.VerbEnd - trigger.VerbStart)),
                    IsReference = !trigger.IsIncident && EventPatterns.ReferringClauseBefore().IsMatch(
                        text.AsSpan(Math.Max(sentence.Start, trigger.VerbStart - 40), trigger.VerbStart - Math.Max(sentence.Start, trigger.VerbStart - 40))),
                    IsAnaphoric = trigger.Form == TriggerForm.Noun && EventPatterns.DefiniteBefore().IsMatch(text.AsSpan(sentence.Start, trigger.Start - sentence.Start)),
                    Modality = ModalityOf(text, sentence, trigger),
                };
                created.Add(mention);
            }

            AssignDates(work, sentence, created);
            foreach (var mention in created)
            {
                if (mention.IsReference && mention.Date is null)
                {
                    mention.Confidence = -1; // "since it took effect", "where the talks were held": a reference, not a report
                }

                // The sentence's days went to other happenings ("resumed on Monday, nine days after the first round broke up"):
                // this one's day is unknown, not the publication day.
                mention.DateWithheld = mention.Date is null && !mention.IsIncident && mention.Type != EventType.StatementDenial && work.Dates.Any(d => d.Date is not null && d.Kind != DateKind.Vague && !d.IsBoundary);
                if (mention.IsIncident && mention.Date is null)
                {
                    DateEarlierIncident(work, sentence, mention);
                }

                if (mention.DateWithheld && mention.Type == EventType.TalksHeld)
                {
                    mention.Confidence = -1; // "the round was convened after the 7 March strike": talks mentioned, not reported
                }
            }
            AssignPlaces(work, created, lastIncidentPlace ?? dominant, RecentFacility(sentencePlaces, i), statusPlace, storyPlaces, sentences, i);
            AssignActorsAndWeapons(work, sentence, created, claim);
            ReferBack(work, story, created);
            PlaceByNoun(work, sentence, created, storyPlaces);

            if (figures.Any)
            {
                var nearest = Nearest(created.Where(m => m.IsIncident && m.Type != EventType.CeasefireBroken), figures.Position);
                if (nearest is not null)
                {
                    nearest.AddFigures(figures.Killed, figures.Injured);
                }
                else if (lastIncident is not null && i - lastIncident.SentenceIndex <= 3)
                {
                    lastIncident.AddFigures(figures.Killed, figures.Injured);
                }
            }

            foreach (var mention in created)
            {
                if (mention.Type == EventType.Casualties)
                {
                    mention.Killed ??= 1;
                }

                mention.Confidence = Confidence(mention, triggers);
                if (mention.Confidence < 0)
                {
                    continue; // vague-only date: a period, not a day (dropped below)
                }

                work.Mentions.Add(mention);
                if (mention.IsIncident && !mention.IsFlagged && mention.Type != EventType.Casualties)
                {
                    lastIncident = mention;
                    if (mention.OwnPlace && (mention.SentenceIndex != lastIncidentSentence || lastIncidentPlace is null || mention.Place!.Specificity >= lastIncidentPlace.Specificity))
                    {
                        lastIncidentPlace = mention.Place;
                        lastIncidentSentence = mention.SentenceIndex;
                    }
                }
            }

            // An undated incident in an undated article may borrow a full date from the neighbouring sentence about the same incident.
            if (work.Reference is null)
            {
                foreach (var mention in created.Where(m => m.IsIncident && m.Date is null))
                {
                    if (previousSentenceIncident is { Date: not null } previous && PlacesAgree(previous.Place, mention.Place))
                    {
                        mention.Date = previous.Date;
                        mention.Basis = DateBasis.Inferred;
                    }
                }
            }

            previousSentenceIncident = created.LastOrDefault(m => m.IsIncident && !m.IsFlagged && m.Date is not null) ?? created.LastOrDefault(m => m.IsIncident);
        }

    }

    /// <summary>
    /// "At least five fighters were killed in the strikes": a definite incident noun with no day or place of its own names the
    /// latest incident of the story told with the same word ("struck" … "the strikes"; "the attack" names any), not a new one.
    /// </summary>
    private static void ReferBack(ArticleWork work, ArticleStory story, List<Mention> created)
    {
        foreach (var mention in created)
        {
            if (!mention.IsAnaphoric || !mention.IsIncident || mention.Type == EventType.Casualties || mention.Date is not null || mention.OwnPlace)
            {
                continue;
            }

            if (LatestIncident(work, story, mention.Stem is "attack" or "assault" ? null : mention.Stem, dated: true) is { } earlier)
            {
                mention.Type = earlier.Type;
                mention.Place = earlier.Place;
                mention.Date = earlier.Date;
                mention.Basis = earlier.Basis;
            }
        }
    }

    /// <summary>The incident a sentence without triggers refers back to by its word ("killed in the strikes"), if any.</summary>
    private static Mention? Antecedent(ArticleWork work, ArticleStory story, SentenceSpan sentence)
    {
        var noun = EventPatterns.DefiniteIncidentNoun().Match(work.Text, sentence.Start, sentence.Length);
        if (!noun.Success)
        {
            return null;
        }

        return LatestIncident(work, story, Stem(noun.Groups["noun"].ValueSpan), dated: false);
    }

    /// <summary>The story's latest asserted incident told with the word <paramref name="stem"/> (any word when null).</summary>
    private static Mention? LatestIncident(ArticleWork work, ArticleStory story, string? stem, bool dated)
    {
        for (var k = work.Mentions.Count - 1; k >= 0; k--)
        {
            var m = work.Mentions[k];
            if (m.Story == story.Index && m.IsIncident && !m.IsFlagged && m.Type != EventType.Casualties && (!dated || m.Date is not null)
                && (stem is null || m.Stem == stem))
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>"a checkpoint in the town": an incident with no place of its own is in the town the story last named as such.</summary>
    private static void PlaceByNoun(ArticleWork work, SentenceSpan sentence, List<Mention> created, StoryPlaces storyPlaces)
    {
        var noun = EventPatterns.DefinitePlaceNoun().Match(work.Text, sentence.Start, sentence.Length);
        if (!noun.Success || storyPlaces.ByNoun(noun.Groups["noun"].Value.ToLowerInvariant(), noun.Index) is not { } place)
        {
            return;
        }

        foreach (var mention in created)
        {
            if (mention.IsIncident && !mention.OwnPlace)
            {
                mention.Place = place;
            }
        }
    }

    internal static string Stem(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[Math.Min(word.Length, 32)];
        word[..lower.Length].ToLowerInvariant(lower);
        return lower switch
        {
            _ when lower.Contains("strik", StringComparison.Ordinal) || lower.Contains("struck", StringComparison.Ordinal) => "strike",
            _ when lower.Contains("attack", StringComparison.Ordinal) => "attack",
            _ when lower.Contains("assault", StringComparison.Ordinal) => "assault",
            _ when lower.Contains("shell", StringComparison.Ordinal) => "shell",
            _ when lower.Contains("bomb", StringComparison.Ordinal) => "bomb",
            _ when lower.Contains("raid", StringComparison.Ordinal) => "raid",
            _ => lower.ToString(),
        };
    }

    private static bool PlacesAgree(KnownPlace? a, KnownPlace? b) => a is null || b is null || a.Place.Name == b.Place.Name;

    private void FindTriggers(ArticleWork work, SentenceSpan sentence, int index, List<SentenceSpan> sentences)
    {
        var text = work.Text;
        var span = text.AsSpan(sentence.Start, sentence.Length);
        var hasViolence = EventPatterns.ViolenceContext().IsMatch(span);
        var ceasefireNearby = ContainsCeasefire(span) || (index > 0 && ContainsCeasefire(text.AsSpan(sentences[index - 1].Start, sentences[index - 1].Length)));
        var triggers = work.Triggers;

        foreach (var pattern in EventPatterns.All)
        {
            if (!span.ContainsAny(pattern.Keys))
            {
                continue;
            }

            foreach (var m in pattern.Regex.EnumerateMatches(span))
            {
                var match = pattern.Regex.Match(text, sentence.Start + m.Index, sentence.Length - m.Index);
                var verb = match.Groups["v"];
                var (vStart, vEnd) = verb.Success ? (verb.Index, verb.Index + verb.Length) : (match.Index, match.Index + match.Length);
                var type = pattern.Type;
                var lookback = Math.Max(sentence.Start, match.Index - 50);
                var justBefore = text.AsSpan(lookback, vStart - lookback);

                if (type is EventType.TalksHeld or EventType.TalksSuspended or EventType.TalksPostponed or EventType.TalksResumed or EventType.TalksConcluded
                    && EventPatterns.OtherTalks().IsMatch(text.AsSpan(lookback, match.Index + match.Length - lookback)))
                {
                    continue; // "merger talks", "wage talks between the union and …", "trade negotiations": not a conflict's talks
                }

                if (type == EventType.Attack && EventPatterns.NaturalCause().IsMatch(justBefore))
                {
                    continue; // "a storm struck the coast": no attacker
                }

                if (type == EventType.Attack)
                {
                    if (!hasViolence)
                    {
                        continue;
                    }

                    if (pattern.Form == TriggerForm.Noun && !IsSpecificNoun(work, sentence, match, verb.Value))
                    {
                        continue;
                    }

                    if (verb.Value.EndsWith("strike", StringComparison.OrdinalIgnoreCase)
                        && EventPatterns.LabourBefore().IsMatch(text.AsSpan(Math.Max(sentence.Start, match.Index - 40), match.Index - Math.Max(sentence.Start, match.Index - 40))))
                    {
                        continue; // "the dock workers' strike": a labour strike
                    }

                    if (pattern.Form == TriggerForm.Verb && (IsFigurative(text, vEnd) || !EventPatterns.TargetContext().IsMatch(span)))
                    {
                        continue;
                    }

                    if (EventPatterns.AirContext().IsMatch(span))
                    {
                        type = EventType.Airstrike;
                    }
                }
                else if (type == EventType.Agreement && !ceasefireNearby && EventPatterns.LabourContext().IsMatch(span))
                {
                    continue; // a union and an employer settling a strike
                }
                else if (type == EventType.Agreement && (ceasefireNearby || (work.CeasefireTold && EventPatterns.DefiniteAgreement().IsMatch(match.ValueSpan))))
                {
                    type = EventType.Ceasefire;
                }
                else if (type == EventType.TalksPostponed && IsWithdrawalObject(match.ValueSpan))
                {
                    type = EventType.WithdrawalPostponed;
                }

                if (Overlaps(triggers, type, match.Index, match.Index + match.Length))
                {
                    continue;
                }

                triggers.Add(new Trigger(type, match.Index, match.Index + match.Length, vStart, vEnd, pattern.Form));
            }
        }
    }

    private static bool ContainsCeasefire(ReadOnlySpan<char> span) =>
        span.Contains("ceasefire", StringComparison.OrdinalIgnoreCase) || span.Contains("truce", StringComparison.OrdinalIgnoreCase) || span.Contains("cease-fire", StringComparison.OrdinalIgnoreCase);

    private static bool IsWithdrawalObject(ReadOnlySpan<char> match) =>
        match.Contains("withdraw", StringComparison.OrdinalIgnoreCase) || match.Contains("pullout", StringComparison.OrdinalIgnoreCase)
        || match.Contains("pull-out", StringComparison.OrdinalIgnoreCase) || match.Contains("departure", StringComparison.OrdinalIgnoreCase)
        || match.Contains("drawdown", StringComparison.OrdinalIgnoreCase);

    private static bool IsFigurative(string text, int verbEnd)
    {
        var after = text.AsSpan(verbEnd, Math.Min(16, text.Length - verbEnd)).TrimStart();
        return after.StartsWith("a deal", StringComparison.OrdinalIgnoreCase) || after.StartsWith("a balance", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("an agreement", StringComparison.OrdinalIgnoreCase) || after.StartsWith("a chord", StringComparison.OrdinalIgnoreCase)
            || after.StartsWith("a compromise", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A noun trigger names one happening when a determiner or possessive precedes it, or the sentence dates it.</summary>
    private static bool IsSpecificNoun(ArticleWork work, SentenceSpan sentence, Match match, string noun)
    {
        var text = work.Text;
        var from = Math.Max(sentence.Start, match.Index - 40);
        var before = text.AsSpan(from, match.Index - from);
        if (EventPatterns.GenericBefore().IsMatch(before))
        {
            return false;
        }

        if (!EventPatterns.PhysicalNoun().IsMatch(noun) && !EventPatterns.ViolenceContext().IsMatch(text.AsSpan(sentence.Start, sentence.Length)))
        {
            return false;
        }

        if (EventPatterns.DeterminerBefore().IsMatch(before))
        {
            return true;
        }

        return work.Dates.Any(d => d.Kind != DateKind.Vague);
    }

    private static bool Overlaps(List<Trigger> triggers, EventType type, int start, int end)
    {
        foreach (var t in triggers)
        {
            var sameFamily = t.Type == type || (t.IsIncident && EventTypeInfo.Of(type).IsIncident && t.Type is EventType.Attack or EventType.Airstrike && type is EventType.Attack or EventType.Airstrike);
            if (sameFamily && start < t.End && t.Start < end)
            {
                return true;
            }
        }

        return false;
    }

    private static Modality ModalityOf(string text, SentenceSpan sentence, Trigger trigger)
    {
        var preStart = Math.Max(sentence.Start, trigger.Start - (trigger.VerbStart > trigger.Start + 8 ? 25 : 60));
        for (var k = trigger.Start - 1; k >= preStart; k--)
        {
            if (text[k] is ';' or ':' or '|' or '\u2014')
            {
                preStart = k + 1;
                break;
            }
        }

        var before = text.AsSpan(preStart, trigger.Start - preStart);
        var predicateFrom = Math.Max(trigger.Start, trigger.VerbStart - 16);
        var predicateEnd = trigger.Form == TriggerForm.Noun ? Math.Min(sentence.End, trigger.End + 30) : trigger.VerbEnd;
        var predicate = text.AsSpan(predicateFrom, predicateEnd - predicateFrom);

        if (trigger.Type != EventType.StatementDenial)
        {
            var negStart = Math.Max(preStart, trigger.Start - 30);
            var negBefore = text.AsSpan(negStart, trigger.Start - negStart);
            // The scope reads a few words past the predicate so that "no" can see whether "casualties" follows it.
            var lookahead = text.AsSpan(predicateEnd, Math.Min(sentence.End, predicateEnd + 24) - predicateEnd);
            var scope = string.Concat(negBefore, " ".AsSpan(), predicate, lookahead);
            var scopeEnd = scope.Length - lookahead.Length;
            var responsibility = EventPatterns.ResponsibilityDenial().IsMatch(string.Concat(before, " ".AsSpan(), predicate));
            if (!responsibility)
            {
                var negation = EventPatterns.NegationMarker().Match(scope);
                while (negation.Success && negation.Index >= scopeEnd)
                {
                    negation = Match.Empty;
                }

                if (!negation.Success && EventPatterns.NegationMarker().Match(before.ToString()) is { Success: true } far && far.Groups["denied"].Success)
                {
                    negation = far;
                }

                if (negation.Success)
                {
                    return negation.Groups["denied"].Success ? Modality.Denied : Modality.Negated;
                }
            }
        }

        var hedge = EventPatterns.HedgeMarker().Match(string.Concat(before, " ".AsSpan(), predicate));
        if (!hedge.Success)
        {
            // "Rumours spread quickly on Sunday that fighters had struck Palma", "reports that … could not be verified": hearsay.
            return trigger.Type != EventType.StatementDenial && (EventPatterns.HearsayFrame().IsMatch(text.AsSpan(sentence.Start, trigger.Start - sentence.Start))
                    || EventPatterns.NotVerified().IsMatch(text.AsSpan(sentence.Start, sentence.Length)))
                ? Modality.Hedged
                : Modality.Asserted;
        }

        if (trigger.Type == EventType.StatementDenial && !hedge.Groups["conditional"].Success)
        {
            return Modality.Asserted;
        }

        return hedge.Groups["conditional"].Success ? Modality.Conditional : hedge.Groups["future"].Success ? Modality.Future : Modality.Hedged;
    }

    private void AssignDates(ArticleWork work, SentenceSpan sentence, List<Mention> mentions)
    {
        var triggers = work.Triggers;
        var dates = work.Dates;
        var assigned = new ulong[dates.Count];
        var hasStatus = false;
        foreach (var t in triggers)
        {
            hasStatus |= !t.IsIncident;
        }

        DateExpression? reportingFallback = null;
        for (var d = 0; d < dates.Count; d++)
        {
            var date = dates[d];
            assigned[d] = 0;
            if (date.IsBoundary)
            {
                continue;
            }

            if (date.IsReporting && !hasStatus)
            {
                reportingFallback ??= date;
                continue;
            }

            var bestDistance = int.MaxValue;
            for (var t = 0; t < triggers.Count && t < 64; t++)
            {
                if (date.IsReporting && triggers[t].IsIncident)
                {
                    continue;
                }

                var distance = DateDistance(triggers, t, date);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    assigned[d] = 1UL << t;
                }
                else if (distance == bestDistance)
                {
                    assigned[d] |= 1UL << t;
                }
            }
        }

        for (var t = 0; t < triggers.Count; t++)
        {
            var mention = mentions[t];
            DateExpression? chosen = null;
            var chosenDistance = int.MaxValue;
            for (var d = 0; d < dates.Count; d++)
            {
                if (t >= 64 || (assigned[d] & (1UL << t)) == 0 || (dates[d].IsFuture && !mention.IsFlagged))
                {
                    continue;
                }

                if (mention.Type == EventType.StatementDenial && IsPossessive(work.Text, dates[d].End))
                {
                    continue; // "no role in Sunday's operation": the day of what is denied, not of the denial
                }

                var distance = DateDistance(triggers, t, dates[d]);
                var preferReporting = !mention.IsIncident && mention.Type is not (EventType.TalksHeld or EventType.TalksConcluded);
                var better = chosen is null
                    || (chosen.Value.Kind == DateKind.Vague && dates[d].Kind != DateKind.Vague)
                    || (preferReporting && dates[d].IsReporting && !chosen.Value.IsReporting && dates[d].Kind != DateKind.Vague)
                    || ((chosen.Value.Kind == DateKind.Vague) == (dates[d].Kind == DateKind.Vague) && (!preferReporting || chosen.Value.IsReporting == dates[d].IsReporting) && distance < chosenDistance);
                if (better)
                {
                    chosen = dates[d];
                    chosenDistance = distance;
                }
            }

            if (chosen is { } c)
            {
                if (c.Kind == DateKind.Vague)
                {
                    if (!mention.IsFlagged)
                    {
                        mention.Confidence = -1; // a period, not a day: not an event the product can date
                    }

                    continue;
                }

                mention.Date = c.Date;
                mention.Basis = c.Date is null ? DateBasis.Unresolved : DateResolver.BasisOf(c.Kind);
            }
        }

        // Incidents without a day of their own: another incident's day in the sentence, else the statement's day when nothing else dates it.
        for (var t = 0; t < triggers.Count; t++)
        {
            var mention = mentions[t];
            if (!mention.IsIncident || mention.Date is not null || mention.Confidence < 0)
            {
                continue;
            }

            var sibling = mentions.FirstOrDefault(m => m != mention && m.IsIncident && m.Date is not null && m.Type != EventType.Casualties);
            if (sibling is not null && mention.Type != EventType.Casualties)
            {
                mention.Date = sibling.Date;
                mention.Basis = sibling.Basis;
            }
            else if (work.Reference is null && reportingFallback is { Date: not null } r)
            {
                mention.Date = r.Date;
                mention.Basis = DateBasis.Inferred;
            }
        }
    }

    /// <summary>
    /// "Talks were suspended on Wednesday, three days after a drone attack on the base": the attack is three days before the
    /// sentence's day; "after the raid" without a count is an earlier incident of unknown day, not one of the publication day.
    /// </summary>
    private static void DateEarlierIncident(ArticleWork work, SentenceSpan sentence, Mention mention)
    {
        var from = Math.Max(sentence.Start, mention.TriggerStart - 60);
        var before = EventPatterns.EarlierIncidentBefore().Match(work.Text, from, mention.TriggerStart - from);
        if (!before.Success)
        {
            return;
        }

        var anchor = work.Dates.FirstOrDefault(d => d.IsReporting && d.Date is not null).Date ?? work.Reference;
        if (before.Groups["n"].Success && anchor is { } day)
        {
            var count = before.Groups["n"].Value is "a" or "A" ? 1 : CasualtyCounts.Value(before.Groups["n"].Value) ?? 0;
            mention.Date = day.AddDays(-count * (before.Groups["unit"].Value.StartsWith("week", StringComparison.OrdinalIgnoreCase) ? 7 : 1));
            mention.Basis = DateBasis.Relative;
        }
        else
        {
            mention.DateWithheld = true;
        }
    }

    /// <summary>"Sunday's operation": a date expression (which may include its "'s") that modifies a noun.</summary>
    private static bool IsPossessive(string text, int end) =>
        (end >= 2 && text[end - 1] == 's' && text[end - 2] is '\'' or '’')
        || (end + 1 < text.Length && text[end] is '\'' or '’' && text[end + 1] == 's' && (end + 2 == text.Length || !char.IsLetter(text[end + 2])));

    /// <summary>
    /// How far a date is from a trigger: from its whole span ("Talks in Istanbul on 17 March ended" dates both the talks and their
    /// end), but from its verb alone when another trigger's verb stands between them ("talks that resumed on Monday, nine days
    /// after the first round broke up": Monday is when they resumed).
    /// </summary>
    private static int DateDistance(List<Trigger> triggers, int t, DateExpression date)
    {
        var trigger = triggers[t];
        foreach (var other in triggers)
        {
            if (other != trigger && other.VerbStart > trigger.Start && other.VerbEnd <= date.Start && other.VerbEnd <= trigger.VerbStart)
            {
                return Distance(date.Start, date.End, trigger.VerbStart, trigger.VerbEnd);
            }
        }

        return Distance(date.Start, date.End, trigger.Start, trigger.End);
    }

    private static int Distance(int aStart, int aEnd, int bStart, int bEnd) => aEnd <= bStart ? bStart - aEnd : bEnd <= aStart ? aStart - bEnd : 0;

    private static Mention? Nearest(IEnumerable<Mention> mentions, int position)
    {
        Mention? best = null;
        var bestDistance = int.MaxValue;
        foreach (var m in mentions)
        {
            var distance = Math.Abs(m.TriggerStart - position);
            if (distance < bestDistance)
            {
                best = m;
                bestDistance = distance;
            }
        }

        return best;
    }

    private void AddUnknownFacilities(ArticleWork work, SentenceSpan sentence)
    {
        foreach (Match match in EventPatterns.UnknownFacility().Matches(work.Text.Substring(sentence.Start, sentence.Length)))
        {
            var start = sentence.Start + match.Groups["name"].Index;
            var end = sentence.Start + match.Groups["kind"].Index + match.Groups["kind"].Length;
            if (work.Places.Any(p => p.Start < end && start < p.End))
            {
                continue;
            }

            var name = string.Concat(match.Groups["name"].Value, match.Groups["kind"].Value);
            var known = _gazetteer.Find(name);
            var place = known is not null ? new KnownPlace(known, Gazetteer.SpecificityOf(known.Kind)) : new KnownPlace(new Place(name, Kind: "base"), Gazetteer.SpecificityOf("base"));
            work.Places.Add(new PhraseMatch<KnownPlace>(start, end, place));
        }
    }

    private static KnownPlace? RecentFacility(KnownPlace?[] sentencePlaces, int index)
    {
        for (var k = index - 1; k >= Math.Max(0, index - 2); k--)
        {
            if (sentencePlaces[k] is { Specificity: >= 6 } place)
            {
                return place;
            }
        }

        return null;
    }

    private KnownPlace? DominantPlace(ArticleWork work, List<SentenceSpan> sentences, KnownPlace?[] sentencePlaces, StoryPlaces storyPlaces)
    {
        var counts = new Dictionary<string, (KnownPlace Place, int Count)>(StringComparer.Ordinal);
        var places = work.Places;
        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[s];
            places.Clear();
            _gazetteer.FindAll(work.Folded, sentence.Start, sentence.End, places);
            storyPlaces.FindAll(work.Folded, sentence.Start, sentence.End, places);
            foreach (var p in places)
            {
                if (sentencePlaces[s] is null || p.Value.Specificity > sentencePlaces[s]!.Specificity)
                {
                    sentencePlaces[s] = p.Value;
                }

                if (p.Value.Specificity >= 4)
                {
                    counts[p.Value.Place.Name] = counts.TryGetValue(p.Value.Place.Name, out var c) ? (c.Place, c.Count + 1) : (p.Value, 1);
                }
            }
        }

        return counts.Count == 0 ? null : counts.Values.OrderByDescending(c => c.Count).ThenByDescending(c => c.Place.Specificity).First().Place;
    }

    private void AssignPlaces(ArticleWork work, List<Mention> mentions, KnownPlace? storyPlace, KnownPlace? recentFacility, KnownPlace? statusPlace, StoryPlaces storyPlaces, List<SentenceSpan> sentences, int index)
    {
        var triggers = work.Triggers;
        var places = work.Places;
        var best = new (KnownPlace? Place, int Distance)[triggers.Count];
        var placeOwners = new int[places.Count]; // which trigger each place belongs to (-1: none)
        for (var p = 0; p < places.Count; p++)
        {
            var place = places[p];
            placeOwners[p] = -1;
            if (IsMetonym(work.Text, place.End))
            {
                continue; // "Washington said", "Baghdad decided": a government speaking, not a place where something happened
            }

            // "BEIRUT — Jets struck southern Lebanon": the dateline says where the reporter is (and where talks sit), not where a strike hit.
            var datelineOnly = places.Count > 1 && storyPlaces.InDateline(place.Start, place.End);
            var owner = -1;
            var ownerDistance = int.MaxValue;
            for (var t = 0; t < triggers.Count; t++)
            {
                if (datelineOnly && triggers[t].IsIncident)
                {
                    continue;
                }

                var distance = Distance(place.Start, place.End, triggers[t].Start, triggers[t].End);
                if (distance < ownerDistance || (distance == ownerDistance && triggers[t].IsIncident))
                {
                    owner = t;
                    ownerDistance = distance;
                }
            }

            if (owner < 0)
            {
                continue;
            }

            placeOwners[p] = owner;

            // Places near an incident belong to it; a talks sentence's places belong to its nearest trigger.
            var current = best[owner];
            if (current.Place is null || place.Value.Specificity > current.Place.Specificity
                || (place.Value.Specificity == current.Place.Specificity && ownerDistance < current.Distance))
            {
                best[owner] = (place.Value, ownerDistance);
            }
        }

        for (var t = 0; t < triggers.Count; t++)
        {
            if (best[t].Place is { } own)
            {
                mentions[t].Place = own;
                mentions[t].OwnPlace = true;
            }
        }

        for (var t = 0; t < triggers.Count; t++)
        {
            var mention = mentions[t];
            if (mention.OwnPlace)
            {
                if (mention.IsIncident && mention.Place!.Specificity <= 3)
                {
                    var finer = mentions.Where(m => m.IsIncident && m.OwnPlace && m.Place!.Specificity > mention.Place.Specificity && Within(m.Place.Place, mention.Place.Place)).Select(m => m.Place).FirstOrDefault();
                    mention.Place = finer ?? mention.Place;
                }

                continue;
            }

            // Any place of the sentence is better than none, except, for an incident, the dateline and a place a talks or
            // ceasefire trigger owns ("the blast violated the ceasefire agreed in Tunis": the blast was not in Tunis).
            var anyInSentence = places
                .Where((p, k) => !IsMetonym(work.Text, p.End) && !(mention.IsIncident && ((places.Count > 1 && storyPlaces.InDateline(p.Start, p.End))
                    || (placeOwners[k] >= 0 && !triggers[placeOwners[k]].IsIncident))))
                .Select(p => p.Value).MaxBy(p => p.Specificity);
            if (mention.Type == EventType.Casualties)
            {
                mention.Place = anyInSentence ?? CaptivityPlace(work, sentences, index);
            }
            else if (mention.IsIncident)
            {
                var sibling = mentions.Where(m => m.IsIncident && m.OwnPlace).Select(m => m.Place).MaxBy(p => p!.Specificity);
                mention.Place = sibling ?? (anyInSentence is { Specificity: >= 4 } ? anyInSentence : recentFacility ?? storyPlace ?? anyInSentence);
            }
            else
            {
                mention.Place = anyInSentence ?? statusPlace;
            }
        }
    }

    private static bool IsMetonym(string text, int placeEnd)
    {
        var after = text.AsSpan(placeEnd, Math.Min(14, text.Length - placeEnd));
        return after.StartsWith(" said", StringComparison.Ordinal) || after.StartsWith(" says", StringComparison.Ordinal) || after.StartsWith(" is ", StringComparison.Ordinal)
            || after.StartsWith(" has ", StringComparison.Ordinal) || after.StartsWith(" decided", StringComparison.Ordinal) || after.StartsWith(" announced", StringComparison.Ordinal)
            || after.StartsWith(" told", StringComparison.Ordinal) || after.StartsWith(" and Washington", StringComparison.Ordinal);
    }

    internal static bool Within(Place inner, Place outer) =>
        inner.Country == outer.Name || inner.Province == outer.Name || (outer.Country is not null && inner.Country == outer.Country && outer.Kind is "region" or "province");

    private KnownPlace? CaptivityPlace(ArticleWork work, List<SentenceSpan> sentences, int index)
    {
        var found = new List<PhraseMatch<KnownPlace>>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[(index + s) % sentences.Count];
            var context = EventPatterns.CaptivityContext().Match(work.Text, sentence.Start, sentence.Length);
            if (!context.Success)
            {
                continue;
            }

            found.Clear();
            _gazetteer.FindAll(work.Folded, context.Index, sentence.End, found);
            if (found.Count > 0)
            {
                return found[0].Value;
            }
        }

        return null;
    }

    private void AssignActorsAndWeapons(ArticleWork work, SentenceSpan sentence, List<Mention> mentions, Match claim)
    {
        var text = work.Text;
        var matches = work.ActorMatches;
        matches.Clear();
        _actors.FindAll(work.Folded, sentence.Start, sentence.End, matches);
        var parent = EventPatterns.ParentGroupMarker().Match(text, sentence.Start, sentence.Length);
        var named = EventPatterns.NamedGroup().Match(text, sentence.Start, sentence.Length);

        for (var t = 0; t < mentions.Count; t++)
        {
            var mention = mentions[t];
            var trigger = work.Triggers[t];
            foreach (var actor in matches)
            {
                if (parent.Success && actor.Start > parent.Index && (!claim.Success || claim.Index < parent.Index))
                {
                    continue; // "X, which is part of the broader Y": Y is not a perpetrator
                }

                if (!mention.IsIncident)
                {
                    if (mention.Type != EventType.StatementDenial || actor.End <= trigger.Start)
                    {
                        Mention.AddDistinct(mention.Actors, actor.Value.Name);
                    }

                    continue;
                }

                var before = text.AsSpan(Math.Max(sentence.Start, actor.Start - 14), actor.Start - Math.Max(sentence.Start, actor.Start - 14));
                var after = text.AsSpan(actor.End, Math.Min(28, sentence.End - actor.End));
                var targetPosition = before.Contains(" on ", StringComparison.OrdinalIgnoreCase) || before.Contains(" at ", StringComparison.OrdinalIgnoreCase)
                    || before.Contains("against", StringComparison.OrdinalIgnoreCase) || before.Contains("targeting", StringComparison.OrdinalIgnoreCase)
                    || before.EndsWith("on the ", StringComparison.OrdinalIgnoreCase) || before.EndsWith("on ", StringComparison.OrdinalIgnoreCase);
                var source = after.Contains("said", StringComparison.OrdinalIgnoreCase) || after.Contains("told", StringComparison.OrdinalIgnoreCase)
                    || after.Contains("official", StringComparison.OrdinalIgnoreCase) || after.Contains("spokes", StringComparison.OrdinalIgnoreCase)
                    || after.Contains("statement", StringComparison.OrdinalIgnoreCase);
                var byActor = before.Contains(" by ", StringComparison.OrdinalIgnoreCase);
                var person = EventPatterns.PersonRoleAfter().IsMatch(after);
                if ((targetPosition && actor.Start > trigger.Start) || EventPatterns.FacilityAfterActor().IsMatch(after))
                {
                    Mention.AddDistinct(mention.Targets, actor.Value.Name);
                }
                else if (byActor || (!source && !targetPosition && !person && actor.Start < trigger.End
                    && (actor.Value.Kind is "armed_group" or "force" || IsSubjectOf(text, actor, trigger))))
                {
                    // The perpetrator is the subject or a modifier of the trigger ("Kataib Hezbollah launched", "a PMF drone attack")
                    // or its agent ("claimed by"); a force named later in the sentence ("where US forces train Iraqi troops") is not.
                    Mention.AddDistinct(mention.Actors, actor.Value.Name);
                }
            }

            if (mention.IsIncident && named.Success && (!parent.Success || named.Index < parent.Index))
            {
                var name = named.Groups["name"].Value.Trim();
                Mention.AddDistinct(mention.Actors, _actors.Find(name) ?? name);
            }

            if (mention.IsIncident)
            {
                foreach (Match weapon in EventPatterns.WeaponMention().Matches(text.Substring(sentence.Start, sentence.Length)))
                {
                    Mention.AddDistinct(mention.Weapons, WeaponName(weapon));
                }
            }
        }
    }

    /// <summary>A state acts only as the subject right before the trigger ("Russia launched 40 missiles", "Israeli jets bombed").</summary>
    private static bool IsSubjectOf(string text, PhraseMatch<ActorEntry> actor, Trigger trigger)
    {
        var verbStart = trigger.VerbStart;
        if (actor.End > verbStart || verbStart - actor.End > 25)
        {
            return false;
        }

        var between = text.AsSpan(actor.End, verbStart - actor.End);
        return between.IndexOfAny(',', ';', ':') < 0 && !between.Contains("said", StringComparison.OrdinalIgnoreCase) && !between.Contains("accus", StringComparison.OrdinalIgnoreCase)
            && !between.Contains("blam", StringComparison.OrdinalIgnoreCase);
    }

    private IEnumerable<string> ActorsAfter(ArticleWork work, SentenceSpan sentence, int from)
    {
        var found = new List<PhraseMatch<ActorEntry>>();
        var parent = EventPatterns.ParentGroupMarker().Match(work.Text, from, sentence.End - from);
        _actors.FindAll(work.Folded, from, parent.Success ? parent.Index : sentence.End, found);
        foreach (var f in found)
        {
            if (f.Value.Kind is "armed_group" or "force")
            {
                yield return f.Value.Name;
            }
        }

        var named = EventPatterns.NamedGroup().Match(work.Text, sentence.Start, sentence.Length);
        if (named.Success)
        {
            var name = named.Groups["name"].Value.Trim();
            yield return _actors.Find(name) ?? name;
        }
    }

    private static string WeaponName(Match weapon) =>
        weapon.Groups["ballistic"].Success ? "ballistic missiles"
        : weapon.Groups["cruise"].Success ? "cruise missiles"
        : weapon.Groups["missile"].Success ? "missiles"
        : weapon.Groups["drone"].Success ? "drones"
        : weapon.Groups["rocket"].Success ? "rockets"
        : weapon.Groups["mortar"].Success ? "mortars"
        : weapon.Groups["artillery"].Success ? "artillery"
        : weapon.Groups["explosive"].Success ? "explosives"
        : "small arms";

    private static double Confidence(Mention mention, List<Trigger> triggers)
    {
        if (mention.Confidence < 0)
        {
            return -1;
        }

        var c = 0.55;
        c += mention.HasDate ? 0.2 : 0;
        c += mention.OwnPlace ? 0.1 : 0;
        c += mention.Actors.Count > 0 ? 0.05 : 0;
        c += triggers.Count == 1 ? 0.05 : 0;
        return Math.Min(0.95, c);
    }
}
