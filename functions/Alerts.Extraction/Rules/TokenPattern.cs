using System.Collections.Frozen;
using Alerts.Extraction.Text;

namespace Alerts.Extraction.Rules;

/// <summary>What a shape element (<c>#num</c>, <c>#place</c> …) of a pattern asks the sentence.</summary>
internal enum Shape
{
    /// <summary><c>#any</c>: any one token.</summary>
    Any,

    /// <summary><c>#word</c>: any word (not punctuation).</summary>
    Word,

    /// <summary><c>#cap</c>: a capitalised word.</summary>
    Cap,

    /// <summary><c>#caps</c>: a word in capitals ("BEIRUT").</summary>
    Caps,

    /// <summary><c>#lower</c>: a word that starts in lower case.</summary>
    Lower,

    /// <summary><c>#ed</c>: a lower-case word ending in "ed" (a past tense or participle).</summary>
    Past,

    /// <summary><c>#num</c>: a number phrase ("13", "2,800", "twenty-five", "1.2 million").</summary>
    Number,

    /// <summary><c>#place</c>: a place the sentence names.</summary>
    Place,

    /// <summary><c>#actor</c>: an actor the sentence names.</summary>
    Actor,

    /// <summary><c>#date</c>: a date expression.</summary>
    Date,
}

/// <summary>What a sentence knows about spans that start at a token: where a number, place, actor or date mention ends.</summary>
internal interface ISentenceFacts
{
    /// <summary>The end (exclusive token index) of the mention of <paramref name="shape"/> starting at <paramref name="pos"/>, or -1.</summary>
    int EndOf(Shape shape, int pos);
}

/// <summary>One captured span of a match.</summary>
internal readonly record struct Capture(string Name, int Start, int End);

/// <summary>A match of a <see cref="TokenPattern"/>: the tokens it covers, the head (<c>[…]</c>) and the captures.</summary>
internal sealed record PatternMatch(int Start, int End, int HeadStart, int HeadEnd, IReadOnlyList<Capture> Captures)
{
    public Capture? Find(string name)
    {
        foreach (var c in Captures)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        return null;
    }
}

/// <summary>
/// A pattern over tokens, in the spirit of Duckling's and PETRARCH's rules. Syntax (elements separated by spaces):
/// <list type="bullet">
/// <item><c>word</c>: that word (folded: lower case, no diacritics); <c>a|b|c</c>: any one of them.</item>
/// <item><c>@class</c>: a word or phrase of a lexicon class; <c>~lemma</c>: any form of a lemma.</item>
/// <item><c>#num</c>, <c>#cap</c>, <c>#place</c>, <c>#actor</c>, <c>#date</c>, <c>#word</c>, <c>#any</c>: shapes and mentions.</item>
/// <item><c>( x y | z )</c>: a group of alternative sequences (" | " with spaces between sequences).</item>
/// <item><c>x?</c> optional, <c>x+</c> one or more, <c>x*</c> any number; <c>...</c> up to 3 tokens, <c>...5</c> up to 5
/// (a gap never crosses ; : or a quotation mark); <c>...3w</c> up to 3 words (no numbers or punctuation); <c>...16n</c> up to
/// 16 tokens but no comma.</item>
/// <item><c>!x</c>: the next token is not <c>x</c> (a single word, class or shape; consumes nothing).</item>
/// <item><c>^</c> and <c>$</c>: the start and the end of the sentence (closing punctuation may follow <c>$</c>).</item>
/// <item><c>[ … ]</c>: the head of the match (the trigger); <c>x=name</c>: capture what <c>x</c> matched.</item>
/// </list>
/// </summary>
internal sealed class TokenPattern
{
    /// <summary>The longest aside between commas a <c>...Nn</c> gap skips on top of its N words.</summary>
    private const int MaxAside = 16;

    private readonly Node[] _items;

    private TokenPattern(string source, Node[] items)
    {
        Source = source;
        _items = items;
        FirstKeys = First(items, 0);
    }

    public string Source { get; }

    /// <summary>The keys a token must have for a match to start on it: folded words, "#num", "#cap", "#place", "#actor", "#date"; "*" for any.</summary>
    public IReadOnlySet<string> FirstKeys { get; }

    public static TokenPattern Parse(string source, Lexicon lexicon)
    {
        var parser = new Parser(source, lexicon);
        var items = parser.ParseTop();
        if (items.Length == 0)
        {
            throw new FormatException($"Empty pattern '{source}'.");
        }

        return new TokenPattern(source, items);
    }

    /// <summary>Tries to match at <paramref name="start"/>, within <c>[start, end)</c> of <paramref name="tokens"/>.</summary>
    public PatternMatch? MatchAt(IReadOnlyList<Token> tokens, int start, int end, ISentenceFacts facts, int? rangeStart = null)
    {
        var run = new Run(tokens, rangeStart ?? start, end, facts);
        return run.Seq(_items, 0, start, null) ? new PatternMatch(start, run.MatchEnd, run.HeadStart < 0 ? start : run.HeadStart, run.HeadStart < 0 ? run.MatchEnd : run.HeadEnd, [.. run.Captures]) : null;
    }

    /// <summary>Every non-overlapping match in <c>[start, end)</c>, leftmost first.</summary>
    public IEnumerable<PatternMatch> Matches(IReadOnlyList<Token> tokens, int start, int end, ISentenceFacts facts)
    {
        for (var i = start; i < end; i++)
        {
            if (MatchAt(tokens, i, end, facts, start) is { } m)
            {
                yield return m;
                i = Math.Max(i, m.End - 1);
            }
        }
    }

    public override string ToString() => Source;

    // ------------------------------------------------------------------ nodes

    private abstract class Node;

    private sealed class WordsNode(FrozenSet<string> words) : Node
    {
        public FrozenSet<string> Words { get; } = words;
    }

    private sealed class ClassNode(WordClass wordClass) : Node
    {
        public WordClass Class { get; } = wordClass;
    }

    private sealed class ShapeNode(Shape shape) : Node
    {
        public Shape Shape { get; } = shape;
    }

    private sealed class AltNode(Node[][] options) : Node
    {
        public Node[][] Options { get; } = options;
    }

    private sealed class OptNode(Node[] inner) : Node
    {
        public Node[] Inner { get; } = inner;
    }

    private sealed class StarNode(Node[] inner) : Node
    {
        public Node[] Inner { get; } = inner;
    }

    /// <summary><c>^</c> (start of the range) or <c>$</c> (end of the range, closing punctuation allowed).</summary>
    private sealed class AnchorNode(bool atStart) : Node
    {
        public bool AtStart { get; } = atStart;
    }

    private sealed class GapNode(int max, bool wordsOnly, bool noComma) : Node
    {
        public int Max { get; } = max;

        /// <summary>Skips only words (no numbers, no punctuation): <c>...3w</c>.</summary>
        public bool WordsOnly { get; } = wordsOnly;

        /// <summary>Skips anything but a comma, or one pair of commas around an aside: <c>...16n</c>.</summary>
        public bool NoComma { get; } = noComma;
    }

    private sealed class NotNode(Node atom) : Node
    {
        public Node Atom { get; } = atom;
    }

    private sealed class CaptureNode(Node[] inner, string name) : Node
    {
        public Node[] Inner { get; } = inner;

        public string Name { get; } = name;
    }

    private sealed class HeadNode(Node[] inner) : Node
    {
        public Node[] Inner { get; } = inner;
    }

    /// <summary>Continuation marker: close a capture (or the head) opened at <see cref="Start"/>.</summary>
    private sealed class CloseNode(string? name, int start) : Node
    {
        public string? Name { get; } = name;

        public int Start { get; } = start;
    }

    // ------------------------------------------------------------------ first keys (for the rule index)

    private static FrozenSet<string> First(Node[] items, int index)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = index; i < items.Length; i++)
        {
            var (set, nullable) = FirstOf(items[i]);
            keys.UnionWith(set);
            if (!nullable)
            {
                return keys.ToFrozenSet(StringComparer.Ordinal);
            }
        }

        keys.Add("*");
        return keys.ToFrozenSet(StringComparer.Ordinal);
    }

    private static (IEnumerable<string> Keys, bool Nullable) FirstOf(Node node) => node switch
    {
        WordsNode w => (w.Words, false),
        ClassNode c => (c.Class.FirstWords, false),
        ShapeNode { Shape: Shape.Number } => (["#num"], false),
        ShapeNode { Shape: Shape.Cap or Shape.Caps } => (["#cap"], false),
        ShapeNode { Shape: Shape.Place } => (["#place"], false),
        ShapeNode { Shape: Shape.Actor } => (["#actor"], false),
        ShapeNode { Shape: Shape.Date } => (["#date"], false),
        ShapeNode => (["*"], false),
        AltNode a => (a.Options.SelectMany(o => First(o, 0)), a.Options.Any(o => First(o, 0).Contains("*") && o.All(Nullable))),
        OptNode o => (First(o.Inner, 0), true),
        StarNode s => (First(s.Inner, 0), true),
        CaptureNode c => (First(c.Inner, 0), c.Inner.All(Nullable)),
        HeadNode h => (First(h.Inner, 0), h.Inner.All(Nullable)),
        GapNode or NotNode => ([], true),
        AnchorNode => ([], true),
        _ => (["*"], false),
    };

    private static bool Nullable(Node node) => node switch
    {
        OptNode or StarNode or GapNode or NotNode or AnchorNode => true,
        AltNode a => a.Options.Any(o => o.All(Nullable)),
        CaptureNode c => c.Inner.All(Nullable),
        HeadNode h => h.Inner.All(Nullable),
        _ => false,
    };

    // ------------------------------------------------------------------ matching (backtracking with continuation frames)

    private sealed class Frame(Node[] items, int index, Frame? next)
    {
        public Node[] Items { get; } = items;

        public int Index { get; } = index;

        public Frame? Next { get; } = next;
    }

    private sealed class Run(IReadOnlyList<Token> tokens, int start, int end, ISentenceFacts facts)
    {
        public List<Capture> Captures { get; } = [];

        public int MatchEnd { get; private set; } = -1;

        public int HeadStart { get; private set; } = -1;

        public int HeadEnd { get; private set; } = -1;

        public bool Seq(Node[] items, int index, int pos, Frame? next)
        {
            if (index == items.Length)
            {
                if (next is null)
                {
                    MatchEnd = pos;
                    return true;
                }

                return Seq(next.Items, next.Index, pos, next.Next);
            }

            var node = items[index];
            switch (node)
            {
                case WordsNode w:
                    return pos < end && w.Words.Contains(tokens[pos].Norm) && Seq(items, index + 1, pos + 1, next);

                case ClassNode c:
                    foreach (var e in c.Class.EndsAt(tokens, pos, end))
                    {
                        if (Seq(items, index + 1, e, next))
                        {
                            return true;
                        }
                    }

                    return false;

                case ShapeNode s:
                    {
                        var e = ShapeEnd(s.Shape, pos);
                        return e > pos && Seq(items, index + 1, e, next);
                    }

                case AltNode a:
                    {
                        var after = new Frame(items, index + 1, next);
                        foreach (var option in a.Options)
                        {
                            if (Seq(option, 0, pos, after))
                            {
                                return true;
                            }
                        }

                        return false;
                    }

                case OptNode o:
                    return Seq(o.Inner, 0, pos, new Frame(items, index + 1, next)) || Seq(items, index + 1, pos, next);

                case StarNode s:
                    {
                        // Greedy: one more repetition (that consumed something), then the rest.
                        var again = new Frame([s], 0, new Frame(items, index + 1, next));
                        var before = pos;
                        if (pos < end && SeqConsuming(s.Inner, pos, before, again))
                        {
                            return true;
                        }

                        return Seq(items, index + 1, pos, next);
                    }

                case GapNode g:
                    var commas = 0;
                    var opened = 0;
                    var closed = 0;
                    for (var skip = 0; pos + skip <= end; skip++)
                    {
                        var skipped = tokens[pos + skip - 1 < 0 ? 0 : pos + skip - 1];
                        if (skip > 0 && skipped.Norm == ",")
                        {
                            commas++;
                            opened = commas == 1 ? skip : opened;
                            closed = commas == 2 && closed == 0 ? skip : closed;
                        }

                        // An aside between commas does not count towards the gap: "the round, which had been due to open in the city
                        // on Tuesday, was postponed".
                        var aside = !g.NoComma ? 0 : commas == 1 ? skip - opened : closed > 0 ? closed - opened : 0;
                        if (skip - aside > g.Max || aside > MaxAside)
                        {
                            break;
                        }

                        // After an aside the sentence goes on at once: "the round, due on Tuesday, was postponed".
                        if (skip > 0 && (IsBarrier(skipped) || (g.WordsOnly && (!skipped.IsWord || skipped.IsNumber)) || (g.NoComma && (commas > 2 || (closed > 0 && skip - closed > 3)))))
                        {
                            break;
                        }

                        // "...n" skips no comma, unless a pair of them sets an aside apart ("the round, due on Tuesday, was postponed").
                        if (g.NoComma && commas % 2 == 1 && !(skip >= 2 && tokens[pos + skip - 1].Norm is "which" or "who" && tokens[pos + skip - 2].Norm == ","))
                        {
                            continue;
                        }

                        if (Seq(items, index + 1, pos + skip, next))
                        {
                            return true;
                        }
                    }

                    return false;

                case NotNode n:
                    return !AtomMatches(n.Atom, pos) && Seq(items, index + 1, pos, next);

                case AnchorNode anchor:
                    if (anchor.AtStart)
                    {
                        return pos == start && Seq(items, index + 1, pos, next);
                    }

                    for (var k = pos; k < end; k++)
                    {
                        if (!tokens[k].IsPunct)
                        {
                            return false;
                        }
                    }

                    return Seq(items, index + 1, pos, next);

                case CaptureNode c:
                    return Seq(c.Inner, 0, pos, new Frame([new CloseNode(c.Name, pos)], 0, new Frame(items, index + 1, next)));

                case HeadNode h:
                    return Seq(h.Inner, 0, pos, new Frame([new CloseNode(null, pos)], 0, new Frame(items, index + 1, next)));

                case GuardNode guard:
                    return pos > guard.Before && Seq(items, index + 1, pos, next);

                case CloseNode close:
                    if (close.Name is null)
                    {
                        var (hs, he) = (HeadStart, HeadEnd);
                        (HeadStart, HeadEnd) = (close.Start, pos);
                        if (Seq(items, index + 1, pos, next))
                        {
                            return true;
                        }

                        (HeadStart, HeadEnd) = (hs, he);
                        return false;
                    }

                    Captures.Add(new Capture(close.Name, close.Start, pos));
                    if (Seq(items, index + 1, pos, next))
                    {
                        return true;
                    }

                    Captures.RemoveAt(Captures.Count - 1);
                    return false;

                default:
                    throw new InvalidOperationException($"Unknown pattern node {node.GetType().Name}.");
            }
        }

        /// <summary>Matches <paramref name="inner"/> and the continuation, requiring the repetition to consume at least one token.</summary>
        private bool SeqConsuming(Node[] inner, int pos, int before, Frame continuation)
            => Seq(inner, 0, pos, new Frame([new GuardNode(before)], 0, continuation));

        private int ShapeEnd(Shape shape, int pos)
        {
            if (pos >= end)
            {
                return -1;
            }

            return shape switch
            {
                Shape.Any => pos + 1,
                Shape.Word => tokens[pos].IsWord ? pos + 1 : -1,
                Shape.Cap => tokens[pos].IsCapitalized ? pos + 1 : -1,
                Shape.Caps => tokens[pos].Is(TokenFlags.AllCaps) ? pos + 1 : -1,
                Shape.Lower => tokens[pos].IsWord && !tokens[pos].IsCapitalized ? pos + 1 : -1,
                Shape.Past => tokens[pos].IsWord && !tokens[pos].IsCapitalized && tokens[pos].Norm.Length > 3 && tokens[pos].Norm.EndsWith("ed", StringComparison.Ordinal) ? pos + 1 : -1,
                _ => Math.Min(facts.EndOf(shape, pos), end),
            };
        }

        private bool AtomMatches(Node atom, int pos) => atom switch
        {
            WordsNode w => pos < end && w.Words.Contains(tokens[pos].Norm),
            ClassNode c => c.Class.EndsAt(tokens, pos, end).Any(),
            ShapeNode s => ShapeEnd(s.Shape, pos) > pos,
            _ => false,
        };

        private static bool IsBarrier(Token token) => token.IsPunct && token.Norm is ";" or ":" or "\"" or "[" or "]";
    }

    /// <summary>Fails a repetition that consumed nothing (so <c>x*</c> over a nullable <c>x</c> terminates).</summary>
    private sealed class GuardNode(int before) : Node
    {
        public int Before { get; } = before;
    }

    // ------------------------------------------------------------------ parsing

    private sealed class Parser(string source, Lexicon lexicon)
    {
        private readonly string[] _pieces = Split(source);
        private int _at;
        private bool _headSeen;

        /// <summary>The whole pattern: one sequence, or alternatives separated by " | ".</summary>
        public Node[] ParseTop()
        {
            var options = new List<Node[]> { ParseSequence(topLevel: false) };
            while (Peek() == "|")
            {
                _at++;
                _headSeen = false;
                options.Add(ParseSequence(topLevel: false));
            }

            if (_at < _pieces.Length)
            {
                throw Error($"unexpected '{_pieces[_at]}'");
            }

            return options.Count == 1 ? options[0] : [new AltNode([.. options])];
        }

        public Node[] ParseSequence(bool topLevel)
        {
            var items = new List<Node>();
            while (_at < _pieces.Length)
            {
                var piece = _pieces[_at];
                if (piece is ")" or "]" or "|")
                {
                    if (topLevel)
                    {
                        throw Error($"unexpected '{piece}'");
                    }

                    break;
                }

                _at++;
                Node node;
                if (piece == "(")
                {
                    var options = new List<Node[]> { ParseSequence(topLevel: false) };
                    while (Peek() == "|")
                    {
                        _at++;
                        options.Add(ParseSequence(topLevel: false));
                    }

                    Expect(")");
                    node = new AltNode([.. options]);
                }
                else if (piece == "[")
                {
                    if (_headSeen)
                    {
                        throw Error("a pattern has one head [ … ]");
                    }

                    _headSeen = true;
                    var options = new List<Node[]> { ParseSequence(topLevel: false) };
                    while (Peek() == "|")
                    {
                        _at++;
                        options.Add(ParseSequence(topLevel: false));
                    }

                    Expect("]");
                    node = new HeadNode(options.Count == 1 ? options[0] : [new AltNode([.. options])]);
                }
                else if (piece.StartsWith("...", StringComparison.Ordinal))
                {
                    var words = piece.EndsWith('w');
                    var noComma = piece.EndsWith('n');
                    var digits = piece.AsSpan(3, piece.Length - 3 - (words || noComma ? 1 : 0));
                    var max = digits.IsEmpty ? 3 : int.TryParse(digits, out var n) ? n : throw Error($"bad gap '{piece}'");
                    node = new GapNode(max, words, noComma);
                }
                else if (piece is "^" or "$")
                {
                    node = new AnchorNode(piece == "^");
                }
                else if (piece.StartsWith('!') && piece.Length > 1)
                {
                    node = new NotNode(Atom(piece[1..]));
                }
                else if (piece is "?" or "+" or "*" || piece.StartsWith('='))
                {
                    throw Error($"'{piece}' follows nothing");
                }
                else
                {
                    node = Atom(piece);
                }

                items.Add(Postfix(node));
            }

            return [.. items];
        }

        private Node Postfix(Node node)
        {
            while (_at < _pieces.Length)
            {
                var piece = _pieces[_at];
                if (piece == "?")
                {
                    node = new OptNode([node]);
                }
                else if (piece == "*")
                {
                    node = new StarNode([node]);
                }
                else if (piece == "+")
                {
                    node = new AltNode([[node, new StarNode([node])]]);
                }
                else if (piece.StartsWith('=') && piece.Length > 1)
                {
                    node = new CaptureNode([node], piece[1..]);
                }
                else
                {
                    break;
                }

                _at++;
            }

            return node;
        }

        /// <summary>A word, <c>@class</c>, <c>~lemma</c>, <c>#shape</c>, or <c>a|b|c</c> of those; a trailing ?, +, * or =name is split off.</summary>
        private Node Atom(string piece)
        {
            var suffix = SplitSuffix(ref piece);
            Node node;
            if (piece.Contains('|', StringComparison.Ordinal))
            {
                var words = new HashSet<string>(StringComparer.Ordinal);
                var others = new List<Node[]>();
                foreach (var part in piece.Split('|', StringSplitOptions.RemoveEmptyEntries))
                {
                    var atom = Single(part);
                    if (atom is WordsNode w)
                    {
                        words.UnionWith(w.Words);
                    }
                    else
                    {
                        others.Add([atom]);
                    }
                }

                if (words.Count > 0)
                {
                    others.Insert(0, [new WordsNode(words.ToFrozenSet(StringComparer.Ordinal))]);
                }

                node = others.Count == 1 ? others[0][0] : new AltNode([.. others]);
            }
            else
            {
                node = Single(piece);
            }

            foreach (var s in suffix)
            {
                node = s switch
                {
                    "?" => new OptNode([node]),
                    "*" => new StarNode([node]),
                    "+" => new AltNode([[node, new StarNode([node])]]),
                    _ => new CaptureNode([node], s[1..]),
                };
            }

            return node;
        }

        private Node Single(string part)
        {
            var escape = part.Length == 2 && part[0] == '\u0006' ? part[1] : part.Length == 1 ? part[0] : ' ';
            if (escape is >= '\u0001' and <= '\u0005')
            {
                var literal = escape switch { '\u0001' => "(", '\u0002' => ")", '\u0003' => "[", '\u0004' => "]", _ => "|" };
                return new WordsNode(FrozenSet.Create(StringComparer.Ordinal, literal));
            }

            if (part is "n't" || part.StartsWith('\''))
            {
                return new WordsNode(FrozenSet.Create(StringComparer.Ordinal, part));
            }

            if (part.StartsWith('@'))
            {
                return lexicon.TryGetClass(part[1..], out var wordClass) ? new ClassNode(wordClass) : throw Error($"unknown class '{part}'");
            }

            if (part.StartsWith('~'))
            {
                return lexicon.TryGetForms(part[1..], out var forms)
                    ? new WordsNode(forms.ToFrozenSet(StringComparer.Ordinal))
                    : throw Error($"no forms of '{part[1..]}' in the lexicon");
            }

            if (part.StartsWith('#') && part.Length > 1)
            {
                return new ShapeNode(part[1..] switch
                {
                    "any" => Shape.Any,
                    "word" => Shape.Word,
                    "cap" => Shape.Cap,
                    "caps" => Shape.Caps,
                    "lower" => Shape.Lower,
                    "ed" => Shape.Past,
                    "num" => Shape.Number,
                    "place" => Shape.Place,
                    "actor" => Shape.Actor,
                    "date" => Shape.Date,
                    var other => throw Error($"unknown shape '#{other}'"),
                });
            }

            var norms = lexicon.Phrase(part);
            return norms.Length switch
            {
                1 => new WordsNode(FrozenSet.Create(StringComparer.Ordinal, norms[0])),
                0 => new WordsNode(FrozenSet.Create(StringComparer.Ordinal, part)),
                _ => throw Error($"'{part}' is more than one token; write its words apart"),
            };
        }

        /// <summary>Splits "word?=name" into "word" and its postfixes in order.</summary>
        private static List<string> SplitSuffix(ref string piece)
        {
            var suffixes = new List<string>();
            var eq = piece.IndexOf('=', 1);
            string? capture = null;
            if (eq > 0)
            {
                capture = piece[eq..];
                piece = piece[..eq];
            }

            while (piece.Length > 1 && piece[^1] is '?' or '+' or '*')
            {
                suffixes.Insert(0, piece[^1].ToString());
                piece = piece[..^1];
            }

            if (capture is not null)
            {
                suffixes.Add(capture);
            }

            return suffixes;
        }

        private string? Peek() => _at < _pieces.Length ? _pieces[_at] : null;

        private void Expect(string piece)
        {
            if (Peek() != piece)
            {
                throw Error($"expected '{piece}'");
            }

            _at++;
        }

        private FormatException Error(string what) => new($"Pattern '{source}': {what}.");

        private static string[] Split(string source)
        {
            // \( \) \[ \] \| are literal tokens; bare ( ) [ ] are syntax.
            var escaped = source.Replace("\\(", "\u0001", StringComparison.Ordinal).Replace("\\)", "\u0002", StringComparison.Ordinal)
                .Replace("\\[", "\u0003", StringComparison.Ordinal).Replace("\\]", "\u0004", StringComparison.Ordinal).Replace("\\|", "\u0005", StringComparison.Ordinal);
            var padded = escaped.Replace("(", " ( ", StringComparison.Ordinal).Replace(")", " ) ", StringComparison.Ordinal)
                .Replace("[", " [ ", StringComparison.Ordinal).Replace("]", " ] ", StringComparison.Ordinal);
            return
            [
                .. padded.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Length == 1 && p[0] is '\u0001' or '\u0002' or '\u0003' or '\u0004' or '\u0005' ? "\u0006" + p : p),
            ];
        }
    }
}
