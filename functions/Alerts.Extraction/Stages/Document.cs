using Alerts.Core;
using Alerts.Extraction.Rules;
using Alerts.Extraction.Text;

namespace Alerts.Extraction.Stages;

/// <summary>Where a paragraph sits in a news page, and whether it can carry news.</summary>
internal enum Zone
{
    /// <summary>The article's title.</summary>
    Headline,

    /// <summary>The first paragraph of the body: what is new.</summary>
    Lede,

    /// <summary>The rest of the body.</summary>
    Body,

    /// <summary>A short line without a full stop: a subhead, byline, section label or kicker. Carries no events.</summary>
    Subhead,

    /// <summary>Page furniture: captions, related links, share lines, newsletter boxes. Carries nothing.</summary>
    Junk,
}

/// <summary>A paragraph (one line of the body, or the title) and its zone.</summary>
internal sealed record Paragraph(int Index, int Start, int End, Zone Zone, int Story, string? ZoneRule);

/// <summary>A sentence: a token range of one paragraph, with the token indices where its clauses start.</summary>
internal sealed class Sentence(int index, int first, int end, Paragraph paragraph, int[] clauseStarts)
{
    public int Index { get; } = index;

    /// <summary>First token (index into <see cref="Document.Tokens"/>).</summary>
    public int First { get; } = first;

    /// <summary>Token after the last.</summary>
    public int End { get; } = end;

    public Paragraph Paragraph { get; } = paragraph;

    public Zone Zone => Paragraph.Zone;

    public int Story => Paragraph.Story;

    /// <summary>Token indices where clauses start (the first is <see cref="First"/>); a reporting frame adds the start of what it governs.</summary>
    public int[] ClauseStarts { get; private set; } = clauseStarts;

    public void AddClauseStart(int token)
    {
        if (token > First && token < End && !ClauseStarts.Contains(token))
        {
            ClauseStarts = [.. ClauseStarts.Append(token).Order()];
        }
    }

    public bool CarriesNews => Zone is Zone.Lede or Zone.Body or Zone.Headline;

    /// <summary>The clause holding token <paramref name="token"/>, as a token range.</summary>
    public (int Start, int End) ClauseOf(int token)
    {
        var start = First;
        var end = End;
        foreach (var c in ClauseStarts)
        {
            if (c <= token)
            {
                start = c;
            }
            else
            {
                end = c;
                break;
            }
        }

        return (start, end);
    }
}

/// <summary>
/// Stages 1 and 2: the article as the rules see it — the title and body lines as paragraphs with their news zones, tokens,
/// sentences and clauses, and per-token facts (numbers, places, actors, dates) that the later stages fill in and the
/// patterns ask about (<see cref="ISentenceFacts"/>).
/// </summary>
internal sealed class Document : ISentenceFacts
{
    private int[] _numberEnd = [];
    private int[] _wordIds = [];
    private double[] _numberValue = [];

    private Document(Article article, string source, int textOffset)
    {
        Article = article;
        Source = source;
        TextOffset = textOffset;
        Folded = TextFolding.Fold(source);
    }

    public Article Article { get; }

    /// <summary>The title, a blank line, then <see cref="Article.Text"/>: what the tokens' offsets point into.</summary>
    public string Source { get; }

    /// <summary><see cref="Source"/> folded char for char (<see cref="TextFolding.Fold"/>): the same offsets.</summary>
    public string Folded { get; }

    /// <summary>Where <see cref="Article.Text"/> starts in <see cref="Source"/>.</summary>
    public int TextOffset { get; }

    public List<Token> Tokens { get; } = [];

    public List<Paragraph> Paragraphs { get; } = [];

    public List<Sentence> Sentences { get; } = [];

    public DateOnly? Published => Article.PublishedDate;

    /// <summary>
    /// The day relative dates are read against: the publication date, or, for an article that carries none, the latest full
    /// date its own text gives (set by the dates stage). Null when neither exists.
    /// </summary>
    public DateOnly? Reference { get; set; }

    /// <summary>The latest year the page mentions: what tells history from news when the article has no date.</summary>
    public int? LatestYear { get; private set; }

    /// <summary>The dateline's words ("BEIRUT", "Jammu/Srinagar"), when the lede opens with one.</summary>
    public (int Start, int End)? Dateline { get; private set; }

    /// <summary>Per-token end of a place / actor / date mention that starts there (-1 when none); filled by later stages.</summary>
    public int[] PlaceEnd { get; private set; } = [];

    public int[] ActorEnd { get; private set; } = [];

    public int[] DateEnd { get; private set; } = [];

    public string TextOf(int first, int end) => first >= end ? "" : Source[Tokens[first].Start..Tokens[end - 1].End];

    public string TextOf(Sentence s) => TextOf(s.First, s.End);

    /// <summary>
    /// The <see cref="TextFolding.Key"/> of the text of tokens <c>[first, end)</c>: a slice of <see cref="Folded"/> when its
    /// words are one space apart (a lookup that misses then allocates nothing).
    /// </summary>
    public ReadOnlySpan<char> KeyOf(int first, int end)
    {
        if (first >= end)
        {
            return [];
        }

        var key = Folded.AsSpan(Tokens[first].Start, Tokens[end - 1].End - Tokens[first].Start).Trim(' ');
        return key.Contains("  ", StringComparison.Ordinal) ? TextFolding.Key(key.ToString()) : key;
    }

    public double NumberValue(int token) => _numberValue[token];

    public int WordIdOf(int pos) => _wordIds[pos];

    public int EndOf(Shape shape, int pos) => shape switch
    {
        Shape.Number => _numberEnd[pos],
        Shape.Place => PlaceEnd[pos],
        Shape.Actor => ActorEnd[pos],
        Shape.Date => DateEnd[pos],
        _ => -1,
    };

    /// <summary>Builds the document: zones, tokens, numbers, sentences and clauses.</summary>
    public static Document Build(Article article, RuleBook rules)
    {
        var title = article.Title?.Trim();
        var source = string.IsNullOrEmpty(title) ? article.Text : title + "\n\n" + article.Text;
        var doc = new Document(article, source, string.IsNullOrEmpty(title) ? 0 : title.Length + 2);
        doc.Segment(rules);
        return doc;
    }

    private void Segment(RuleBook rules)
    {
        var lexicon = rules.Lexicon;
        var lines = new List<(int Start, int End, bool IsTitle)>();
        if (TextOffset > 0)
        {
            lines.Add((0, TextOffset - 2, true));
        }

        var i = TextOffset;
        while (i < Source.Length)
        {
            var nl = Source.IndexOf('\n', i);
            var end = nl < 0 ? Source.Length : nl;
            if (!Source.AsSpan(i, end - i).IsWhiteSpace())
            {
                lines.Add((i, end, false));
            }

            i = end + 1;
        }

        var lineTokens = new List<(int First, int End)>();
        foreach (var (start, end, _) in lines)
        {
            var first = Tokens.Count;
            lexicon.Tokenizer.Tokenize(Source, start, end, Tokens);
            lineTokens.Add((first, Tokens.Count));
        }

        ComputeNumbers(lexicon);
        _wordIds = [.. Tokens.Select(t => rules.Keys.IdOf(t.Norm))];
        foreach (var token in Tokens)
        {
            if (token.IsNumber && token.Length == 4 && token.Value is >= 1900 and <= 2100)
            {
                LatestYear = Math.Max(LatestYear ?? 0, (int)token.Value);
            }
        }

        PlaceEnd = Filled(Tokens.Count);
        ActorEnd = Filled(Tokens.Count);
        DateEnd = Filled(Tokens.Count);

        var ledeSeen = false;
        var junkRun = false;
        for (var p = 0; p < lines.Count; p++)
        {
            var (start, end, isTitle) = lines[p];
            var (first, last) = lineTokens[p];
            string? zoneRule = null;
            var zone = isTitle ? Zone.Headline : Classify(rules, first, last, out zoneRule, ref junkRun);

            if (zone == Zone.Body && !ledeSeen)
            {
                zone = Zone.Lede;
                ledeSeen = true;
            }

            var paragraph = new Paragraph(Paragraphs.Count, start, end, zone, StoryOf(start), zoneRule);
            Paragraphs.Add(paragraph);
            if (zone is Zone.Junk)
            {
                continue;
            }

            SplitSentences(paragraph, first, last, lexicon);
        }
    }

    private Zone Classify(RuleBook rules, int first, int end, out string? rule, ref bool junkRun)
    {
        rule = null;
        if (first >= end)
        {
            return Zone.Junk;
        }

        var words = 0;
        var separators = 0;
        for (var t = first; t < end; t++)
        {
            if (Tokens[t].IsWord)
            {
                words++;
            }
            else if (Tokens[t].Norm is "|" or "·" or "•")
            {
                separators++;
            }
        }

        var last = Tokens[end - 1];
        var closed = last.Norm is "." or "!" or "?" || (last.Is(TokenFlags.Quote) && end - 2 >= first && Tokens[end - 2].Norm is "." or "!" or "?" or ",");

        foreach (var m in rules.Zones.Matches(Tokens, first, end, this))
        {
            var data = m.Rule.Data;
            if (data.Zone == "junk" && (m.Match.Start == first || m.Match.End >= end - 1 || data.Anywhere))
            {
                rule = data.Name;
                junkRun = !closed;
                return Zone.Junk;
            }

            if (data.Zone == "subhead" && m.Match.Start == first)
            {
                rule = data.Name;
                junkRun = false;
                return Zone.Subhead;
            }
        }

        // "[Photo caption: …]": an embed or caption in brackets.
        if (Tokens[first].Norm == "[" && last.Norm == "]")
        {
            rule = "structure.bracketed";
            return Zone.Junk;
        }

        // Navigation and share rows: several separators and no full stop.
        if (separators >= 2 && !closed)
        {
            rule = "structure.separated";
            return Zone.Junk;
        }

        if (!closed)
        {
            // Under a "Related"/"Most read" heading, the headline list that follows is junk too.
            if (junkRun)
            {
                rule = "structure.link-list";
                return Zone.Junk;
            }

            rule = "structure.no-full-stop";
            return Zone.Subhead;
        }

        junkRun = false;
        return words < 3 ? Zone.Subhead : Zone.Body;
    }

    /// <summary>
    /// Finds the dateline ("BEIRUT (AP) –", "Doha, Feb 29:", a capitalised place on a line of its own above the lede) once
    /// places are known, and takes its words out of the lede's first sentence.
    /// </summary>
    public void DetectDateline(RuleBook rules)
    {
        if (Dateline is not null)
        {
            return;
        }

        var lede = Sentences.FindIndex(s => s.Zone == Zone.Lede);
        if (lede < 0)
        {
            return;
        }

        var sentence = Sentences[lede];
        foreach (var m in rules.Zones.Matches(Tokens, sentence.First, Math.Min(sentence.End, sentence.First + 12), this))
        {
            if (m.Rule.Data.Zone == "dateline" && m.Match.Start == sentence.First && m.Match.End < sentence.End)
            {
                Dateline = m.Match.Find("place") is { } place ? (place.Start, place.End) : (m.Match.Start, m.Match.Start);
                Sentences[lede] = new Sentence(sentence.Index, m.Match.End, sentence.End, sentence.Paragraph, [m.Match.End, .. sentence.ClauseStarts.Where(c => c > m.Match.End)]);
                return;
            }
        }

        // A place in capitals on its own line just above the lede.
        if (lede > 0 && Sentences[lede - 1] is { Zone: Zone.Subhead } above && above.End - above.First <= 3
            && Enumerable.Range(above.First, above.End - above.First).All(t => Tokens[t].Is(TokenFlags.AllCaps) || Tokens[t].IsPunct))
        {
            Dateline = (above.First, above.End);
        }
    }

    private void SplitSentences(Paragraph paragraph, int first, int end, Lexicon lexicon)
    {
        var start = first;
        for (var t = first; t < end; t++)
        {
            var token = Tokens[t];
            if (token.Norm is not ("." or "!" or "?"))
            {
                continue;
            }

            var after = t + 1;
            while (after < end && (Tokens[after].Is(TokenFlags.Quote) || Tokens[after].Norm == ")"))
            {
                after++;
            }

            if (after >= end)
            {
                break;
            }

            var next = Tokens[after];
            var bullet = next.Norm is "-" or "*" or "•" && after + 1 < end && (Tokens[after + 1].IsCapitalized || Tokens[after + 1].IsNumber);
            if (next.IsCapitalized || next.IsNumber || next.Is(TokenFlags.Quote) || next.Norm is "(" or "[" || bullet)
            {
                AddSentence(paragraph, start, after, lexicon);
                start = after;
                t = after - 1;
            }
        }

        if (start < end)
        {
            AddSentence(paragraph, start, end, lexicon);
        }
    }

    private void AddSentence(Paragraph paragraph, int first, int end, Lexicon lexicon)
    {
        var clauses = new List<int> { first };
        var openers = lexicon.Class("clause_opener");
        var units = lexicon.Class("time_unit");
        for (var t = first + 1; t < end; t++)
        {
            var norm = Tokens[t].Norm;
            if (norm is ";" or ":")
            {
                if (t + 1 < end)
                {
                    clauses.Add(t + 1);
                }
            }
            else if (openers.Contains(norm) && t > first + 1 && !(norm is "before" or "after" && units.Contains(Tokens[t - 1].Norm)))
            {
                clauses.Add(t);

                // "the talks, which opened on 2 February, had stalled": the aside ends at its closing comma.
                if (Tokens[t - 1].Norm == ",")
                {
                    for (var k = t + 1; k < end && Tokens[k].Norm is not (";" or ":"); k++)
                    {
                        if (Tokens[k].Norm == ",")
                        {
                            clauses.Add(k + 1);
                            break;
                        }
                    }
                }
            }
            else if (norm is "and" or "but" && Tokens[t - 1].Norm == "," && t + 1 < end)
            {
                clauses.Add(t + 1); // ", and Hezbollah fired …": a new subject, a new clause
            }
        }

        // "Since it began last week, the truce …": a clause that opens the sentence ends at its first comma.
        if (openers.Contains(Tokens[first].Norm) || (Tokens[first].Norm is "-" or "*" && first + 1 < end && openers.Contains(Tokens[first + 1].Norm)))
        {
            for (var t = first + 1; t < end; t++)
            {
                if (Tokens[t].Norm == ",")
                {
                    clauses.Add(t + 1);
                    break;
                }
            }
        }

        Sentences.Add(new Sentence(Sentences.Count, first, end, paragraph, [.. clauses.Distinct().Order()]));
    }

    private int StoryOf(int sourceOffset)
    {
        var textOffset = sourceOffset - TextOffset;
        if (textOffset < 0)
        {
            return 0;
        }

        foreach (var story in Article.Stories)
        {
            if (textOffset >= story.Start && textOffset < story.Start + story.Length)
            {
                return story.Index;
            }
        }

        return 0;
    }

    /// <summary>Number phrases: "13", "2,800", "twenty-five", "1.2 million", "two hundred", "a dozen".</summary>
    private void ComputeNumbers(Lexicon lexicon)
    {
        _numberEnd = Filled(Tokens.Count);
        _numberValue = new double[Tokens.Count];
        for (var t = 0; t < Tokens.Count; t++)
        {
            var token = Tokens[t];
            double value;
            int end;
            if (token.IsNumber && (!token.Is(TokenFlags.Ordinal) || char.IsDigit(token.Norm[0])))
            {
                value = token.Value;
                end = t + 1;
            }
            else if (token.Norm == "a" && t + 1 < Tokens.Count && lexicon.Numbers.TryGetValue(Tokens[t + 1].Norm, out var n) && Tokens[t + 1].Norm is "dozen" or "hundred" or "thousand")
            {
                value = n;
                end = t + 2;
            }
            else
            {
                continue;
            }

            while (end < Tokens.Count && lexicon.Multipliers.TryGetValue(Tokens[end].Norm, out var multiplier))
            {
                value *= multiplier;
                end++;
            }

            _numberEnd[t] = end;
            _numberValue[t] = value;
        }
    }

    private static int[] Filled(int count)
    {
        var array = new int[count];
        Array.Fill(array, -1);
        return array;
    }
}
