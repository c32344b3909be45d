using System.Globalization;

namespace Alerts.Language.Tests;

public sealed class TextSplitterTests
{
    [Fact]
    public void Split_ShortText_ReturnsOneSpan()
    {
        Assert.Equal([(0, 11)], TextSplitter.Split("Short text.", 100));
    }

    [Fact]
    public void Split_LongText_CoversTextWithinLimitCuttingAtSentenceEnds()
    {
        var text = string.Concat(Enumerable.Range(1, 40).Select(i => $"Sentence number {i:D2} is here. "));

        var spans = TextSplitter.Split(text, 100);

        Assert.Equal(text, string.Concat(spans.Select(s => text.Substring(s.Start, s.Length))));
        Assert.All(spans, s => Assert.InRange(s.Length, 1, 100));
        Assert.All(spans.SkipLast(1), s => Assert.EndsWith(". ", text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void Split_SurrogatePairsAndCombiningMarks_NeverCutsATextElement()
    {
        // No spaces at all, so every cut is a hard cut at the limit.
        var text = string.Concat(Enumerable.Repeat("e\u0301\U0001F30Ax", 100));

        var spans = TextSplitter.Split(text, 7);

        Assert.Equal(text, string.Concat(spans.Select(s => text.Substring(s.Start, s.Length))));
        Assert.All(spans, s =>
        {
            var part = text.Substring(s.Start, s.Length);
            Assert.InRange(new StringInfo(part).LengthInTextElements, 1, 7);
            Assert.False(char.IsLowSurrogate(part[0]) || part[0] == '\u0301', $"span at {s.Start} starts inside a text element");
        });
    }
}
