namespace Alerts.Extraction;

/// <summary>A sentence of <see cref="Alerts.Core.Article.Text"/> as a span.</summary>
internal readonly record struct SentenceSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>Splits article text into sentences: every line break ends one, and so does ., ! or ? before a capital, digit or quote (abbreviations excepted).</summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "lt", "col", "gen", "brig", "maj", "capt", "sgt", "cpl", "pvt", "adm", "cmdr", "rep", "sen", "gov", "prof",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "co", "corp", "ltd", "jr", "sr", "mt", "ft",
    };

    public static void Split(string text, int start, int end, List<SentenceSpan> sentences)
    {
        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                Add(text, sentenceStart, i, sentences);
                sentenceStart = i + 1;
                continue;
            }

            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            var j = i + 1;
            while (j < end && text[j] is '"' or '\'' or '\u201D' or '\u2019' or ')')
            {
                j++;
            }

            if (j >= end || text[j] != ' ')
            {
                continue;
            }

            var k = j;
            while (k < end && text[k] == ' ')
            {
                k++;
            }

            if (k >= end || !StartsSentence(text[k]) || (c == '.' && IsAbbreviation(text, i)))
            {
                continue;
            }

            Add(text, sentenceStart, j, sentences);
            sentenceStart = k;
            i = k - 1;
        }

        Add(text, sentenceStart, end, sentences);
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\u201C' or '\'' or '\u2018' or '(' or '-' or '\u2014' or '*';

    private static bool IsAbbreviation(string text, int dot)
    {
        var s = dot;
        while (s > 0 && char.IsLetter(text[s - 1]))
        {
            s--;
        }

        var length = dot - s;
        if (length == 0)
        {
            return false;
        }

        // Single capital letters ("U.S.", "F. Smith") and dotted initials never end a sentence.
        if (length == 1 && char.IsUpper(text[s]))
        {
            return true;
        }

        if (s > 0 && text[s - 1] == '.')
        {
            return true;
        }

        return Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(s, length));
    }

    private static void Add(string text, int start, int end, List<SentenceSpan> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new SentenceSpan(start, end - start));
        }
    }
}
