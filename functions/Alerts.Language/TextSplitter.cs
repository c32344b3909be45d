using System.Globalization;

namespace Alerts.Language;

/// <summary>Splits a text into spans the service accepts: at most a given number of text elements (graphemes) each, cut at a paragraph, sentence or word end when one is near.</summary>
internal static class TextSplitter
{
    /// <summary>Counts text elements, the unit of the service's document-size limit and of billing.</summary>
    public static int CountTextElements(string text) => new StringInfo(text).LengthInTextElements;

    /// <returns>Spans (UTF-16 start and length) that cover <paramref name="text"/> in order, without gaps.</returns>
    public static IReadOnlyList<(int Start, int Length)> Split(string text, int maxTextElements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextElements, 1);
        var elementStarts = StringInfo.ParseCombiningCharacters(text);
        if (elementStarts.Length <= maxTextElements)
        {
            return [(0, text.Length)];
        }

        var spans = new List<(int Start, int Length)>();
        var element = 0;
        while (element < elementStarts.Length)
        {
            var start = elementStarts[element];
            var lastElement = element + maxTextElements;
            if (lastElement >= elementStarts.Length)
            {
                spans.Add((start, text.Length - start));
                break;
            }

            // Cut just after the last paragraph break, else sentence end, else whitespace, in the second half of the window.
            var hardEnd = elementStarts[lastElement];
            var floor = elementStarts[element + (maxTextElements / 2)];
            var end = FindCut(text, floor, hardEnd) ?? hardEnd;
            var next = Array.BinarySearch(elementStarts, end);
            if (next < 0)
            {
                // The cut fell inside a text element (a combining mark after the space): cut at the limit instead.
                (end, next) = (hardEnd, lastElement);
            }

            spans.Add((start, end - start));
            element = next;
        }

        return spans;
    }

    private static int? FindCut(string text, int floor, int hardEnd)
    {
        var window = text.AsSpan(floor, hardEnd - floor);
        var at = window.LastIndexOf('\n');
        if (at < 0)
        {
            at = Math.Max(window.LastIndexOf(". "), Math.Max(window.LastIndexOf("! "), window.LastIndexOf("? ")));
            at = at < 0 ? -1 : at + 1;
        }

        if (at < 0)
        {
            at = window.LastIndexOfAny(' ', '\t');
        }

        return at < 0 ? null : floor + at + 1;
    }
}
