using System.Text;
using Alerts.Core;

namespace Alerts.Articles.Tests;

public sealed class ArticleReaderTests
{
    private const string HeaderArticle = """
        Title: Ferry workers in Lowmere end two-day strike
        Published: 2026-05-04T09:15:00+02:00
        Source: Harbour Gazette
        Url: https://example.org/harbour-gazette/2026/05/04/ferry-strike-ends

        LOWMERE — Ferry crews returned to work on Monday after a two-day strike over rosters, the union said.

        The port authority said the first sailing left at 06:40 and that   timetables would be
        back to normal by Tuesday.

        “We got what we came for,” said union steward Odile Brant.
        """;

    private readonly ArticleReader _reader = new();

    private Article ReadOk(string name, byte[] bytes, string? contentType = null)
    {
        var result = _reader.Read(new ArticleInput(name, bytes, contentType));
        Assert.True(result.Article is not null, $"rejected: {result.Rejection}");
        Assert.Null(result.Rejection);
        AssertStoriesSliceText(result.Article);
        return result.Article;
    }

    private Article ReadOk(string name, string text) => ReadOk(name, Encoding.UTF8.GetBytes(text));

    private ArticleRejection ReadRejected(string name, byte[] bytes)
    {
        var result = _reader.Read(new ArticleInput(name, bytes));
        Assert.Null(result.Article);
        Assert.NotNull(result.Rejection);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Message));
        return result.Rejection;
    }

    internal static void AssertStoriesSliceText(Article article)
    {
        Assert.NotEmpty(article.Stories);
        var position = 0;
        foreach (var story in article.Stories)
        {
            Assert.True(story.Start >= position && story.Length > 0 && story.Start + story.Length <= article.Text.Length, $"bad span {story}");
            var slice = article.Text.Substring(story.Start, story.Length);
            Assert.Equal(slice.Trim(), slice);
            position = story.Start + story.Length;
        }

        Assert.Equal(0, article.Stories[0].Start);
        Assert.Equal(article.Text.Length, position);
        Assert.DoesNotContain("\n\n\n", article.Text);
        Assert.DoesNotContain('\r', article.Text);
    }

    [Fact]
    public void Read_TextWithHeaders_ReadsMetadataAndBody()
    {
        var article = ReadOk("ferry.txt", HeaderArticle);

        Assert.Equal("Ferry workers in Lowmere end two-day strike", article.Title);
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 9, 15, 0, TimeSpan.FromHours(2)), article.Published);
        Assert.Equal(TimeSpan.FromHours(2), article.Published!.Value.Offset);
        Assert.Equal(PublishedSource.Header, article.PublishedSource);
        Assert.Equal("Harbour Gazette", article.Source);
        Assert.Equal("https://example.org/harbour-gazette/2026/05/04/ferry-strike-ends", article.Url);
        Assert.Equal(ArticleFormat.Text, article.Format);
        Assert.Equal(
            "LOWMERE — Ferry crews returned to work on Monday after a two-day strike over rosters, the union said.\n\n" +
            "The port authority said the first sailing left at 06:40 and that timetables would be back to normal by Tuesday.\n\n" +
            "“We got what we came for,” said union steward Odile Brant.",
            article.Text);
        Assert.Single(article.Stories);
        Assert.Matches("^[0-9a-f]{32}$", article.Id);
    }

    [Fact]
    public void Read_CrlfWithBomUnderAnotherName_SameTextAndId()
    {
        var plain = ReadOk("ferry.txt", HeaderArticle);
        var crlf = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(HeaderArticle.Replace("\n", "\r\n"))).ToArray();

        var windows = ReadOk("copy-of-ferry.txt", crlf);

        Assert.Equal(plain.Text, windows.Text);
        Assert.Equal(plain.Title, windows.Title);
        Assert.Equal(plain.Id, windows.Id);
        Assert.Equal("copy-of-ferry.txt", windows.Name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_Utf16WithBom_DecodesLikeUtf8(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(HeaderArticle)).ToArray();

        var article = ReadOk("ferry-utf16.txt", bytes);

        Assert.Equal(ReadOk("ferry.txt", HeaderArticle).Id, article.Id);
        Assert.Contains("“We got what we came for,”", article.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_Utf16WithoutBomAndClearText_DecodesLikeUtf8(bool bigEndian)
    {
        var bytes = new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes(HeaderArticle);

        var article = ReadOk("ferry-utf16-no-bom.txt", bytes);

        Assert.Equal(ReadOk("ferry.txt", HeaderArticle).Id, article.Id);
        Assert.Contains("“We got what we came for,”", article.Text);
    }

    [Fact]
    public void Read_Utf16WithoutBomThatDoesNotDecode_RejectedUtf16WithoutBomNotBinary()
    {
        // Every odd byte zero, as UTF-16 LE text has, but one code unit is a lone surrogate.
        var bytes = Encoding.Unicode.GetBytes("Talks resume in the capital after a week of delays, officials say.");
        bytes[10] = 0x00;
        bytes[11] = 0xD8; // a high surrogate with no low one after it

        var rejection = ReadRejected("utf16.txt", bytes);

        Assert.Equal(RejectionReason.Utf16WithoutBom, rejection.Reason);
        Assert.Contains("UTF-16 LE without a byte-order mark", rejection.Message);
    }

    [Theory]
    [InlineData("{\"title\": \"Numbers\", \"body\": 42}", "`body` must be a string", "a number")]
    [InlineData("{\"title\": \"Parts\", \"body\": [\"one\", \"two\"]}", "`body` must be a string", "an array")]
    [InlineData("{\"title\": \"Nested\", \"text\": {\"value\": \"x\"}}", "`text` must be a string", "an object")]
    public void Read_JsonTextFieldThatIsNotAString_RejectedSayingWhatWasFound(string json, string says, string found)
    {
        var rejection = ReadRejected("article.json", Encoding.UTF8.GetBytes(json));

        Assert.Equal(RejectionReason.MalformedJson, rejection.Reason);
        Assert.Contains(says, rejection.Message);
        Assert.Contains(found, rejection.Message);
        Assert.DoesNotContain("page furniture", rejection.Message);
    }

    [Fact]
    public void Read_Utf32WithBom_Decodes()
    {
        var encoding = new UTF32Encoding(bigEndian: false, byteOrderMark: true);
        var article = ReadOk("ferry.txt", encoding.GetPreamble().Concat(encoding.GetBytes(HeaderArticle)).ToArray());

        Assert.Equal("Ferry workers in Lowmere end two-day strike", article.Title);
    }

    [Fact]
    public void Read_DifferentText_DifferentId()
    {
        var a = ReadOk("a.txt", HeaderArticle);
        var b = ReadOk("b.txt", HeaderArticle.Replace("two-day strike over", "three-day strike over"));

        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public void Read_HtmlPage_KeepsArticleTextAndDropsPageJunk()
    {
        const string html = """
            <!DOCTYPE html>
            <html><head>
            <title>Quarry blast injures three near Fenwick | Upland Courier</title>
            <meta property="og:title" content="Quarry blast injures three">
            <meta property="article:published_time" content="2026-06-11T16:20:00-04:00">
            <link rel="canonical" href="https://example.org/upland-courier/2026/06/11/quarry-blast">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-06-11T20:20:00Z"}</script>
            <script>track("explosion", "attack", "strike");</script>
            <style>.x{color:red}</style>
            </head><body>
            <div class="cookie-banner">We use cookies &amp; more. <button>OK</button></div>
            <header><nav><a href="#">Home</a> <a href="#">Region</a></nav></header>
            <div class="ticker">Corn &#9650; 1.2%</div>
            <main><article>
            <h1>Quarry blast injures three near Fenwick</h1>
            <p class="byline">By Ana Ortiz &middot; <time datetime="2026-06-11T16:20:00-04:00">June 11</time></p>
            <p>FENWICK &mdash; Three workers were hurt on Thursday when a charge went off early at the Millrace quarry, the sheriff&#8217;s office said.</p>
            <p>The quarry&rsquo;s owner said   operations were
               suspended <em>pending</em> an inspection.</p>
            <ul><li>Two workers were treated and released.</li><li>One remains in hospital.</li></ul>
            <blockquote>&ldquo;We were lucky,&rdquo; a foreman said.</blockquote>
            </article>
            <aside class="related"><h3>Related</h3><ul><li>Old headline: bridge collapse kills nine</li></ul></aside>
            <section class="most-read"><h2>Most read</h2><ol><li>Another old headline about a fire</li></ol></section>
            </main>
            <footer><p>&copy; 2026 Upland Courier</p></footer>
            </body></html>
            """;

        var article = ReadOk("quarry.html", html);

        Assert.Equal(ArticleFormat.Html, article.Format);
        Assert.Equal("Quarry blast injures three near Fenwick", article.Title);
        Assert.Equal("Upland Courier", article.Source);
        Assert.Equal("https://example.org/upland-courier/2026/06/11/quarry-blast", article.Url);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 16, 20, 0, TimeSpan.FromHours(-4)), article.Published);
        Assert.Equal(PublishedSource.Meta, article.PublishedSource);
        Assert.Equal(
            "FENWICK — Three workers were hurt on Thursday when a charge went off early at the Millrace quarry, the sheriff’s office said.\n\n" +
            "The quarry’s owner said operations were suspended pending an inspection.\n\n" +
            "Two workers were treated and released.\n\n" +
            "One remains in hospital.\n\n" +
            "“We were lucky,” a foreman said.",
            article.Text);
    }

    [Fact]
    public void Read_HtmlWithJsonLdDateOnly_UsesDatePublished()
    {
        const string html = """
            <html><head><title>Bridge reopens - Valley Post</title>
            <script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2026-07-02T08:00:00+01:00"}]}</script>
            </head><body><div><p>The bridge over the Arle reopened on Wednesday after repairs.</p><p>Traffic was light.</p></div></body></html>
            """;

        var article = ReadOk("bridge.html", html);

        Assert.Equal(new DateTimeOffset(2026, 7, 2, 8, 0, 0, TimeSpan.FromHours(1)), article.Published);
        Assert.Equal(PublishedSource.Meta, article.PublishedSource);
        Assert.Equal("Bridge reopens", article.Title);
        Assert.Equal("The bridge over the Arle reopened on Wednesday after repairs.\n\nTraffic was light.", article.Text);
    }

    [Fact]
    public void Read_HtmlWithTimeElementOnly_UsesTimeAsByline()
    {
        const string html = """
            <html><head><title>Dam inspection finds cracks</title></head><body>
            <article><h1>Dam inspection finds cracks</h1><p><time datetime="2026-08-14">14 August</time></p>
            <p>Engineers found cracks in the spillway of the Orrin dam, the water board said on Friday.</p></article></body></html>
            """;

        var article = ReadOk("dam.html", html);

        Assert.Equal(new DateTimeOffset(2026, 8, 14, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(PublishedSource.Byline, article.PublishedSource);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><head><title>Nothing here</title></head><body><nav>Home</nav></body></html>")]
    [InlineData("<html><body><script>var a = 1;</script></body></html>")]
    public void Read_HtmlWithoutText_Rejected(string html)
    {
        var rejection = ReadRejected("page.html", Encoding.UTF8.GetBytes(html));

        Assert.Contains(rejection.Reason, new[] { RejectionReason.MalformedHtml, RejectionReason.Empty });
    }

    [Fact]
    public void Read_Json_ReadsFieldsAndBodyParagraphs()
    {
        const string json = """
            {
              "title": "Council approves flood wall for Sedge Row",
              "published": "2026-04-21T18:05:00Z",
              "source": "Marsh Weekly",
              "url": "https://example.org/marsh-weekly/2026/04/21/flood-wall",
              "body": "SEDGE ROW — The council voted 9-2 on Tuesday to build a flood wall.\n\nWork starts in \"late summer\", officials said.\n"
            }
            """;

        var article = ReadOk("flood.json", json);

        Assert.Equal(ArticleFormat.Json, article.Format);
        Assert.Equal("Council approves flood wall for Sedge Row", article.Title);
        Assert.Equal(new DateTimeOffset(2026, 4, 21, 18, 5, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(PublishedSource.Json, article.PublishedSource);
        Assert.Equal("Marsh Weekly", article.Source);
        Assert.Equal("SEDGE ROW — The council voted 9-2 on Tuesday to build a flood wall.\n\nWork starts in \"late summer\", officials said.", article.Text);
    }

    [Theory]
    [InlineData("{\"title\": \"Cut short\", \"body\": \"The text stops in the mid")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"title\": \"x\",, }")]
    public void Read_BrokenJson_RejectedMalformedJson(string json)
    {
        var rejection = ReadRejected("feed.json", Encoding.UTF8.GetBytes(json));

        Assert.Equal(RejectionReason.MalformedJson, rejection.Reason);
    }

    [Fact]
    public void Read_JsonWithoutBody_RejectedNoText()
    {
        var rejection = ReadRejected("feed.json", Encoding.UTF8.GetBytes("{\"title\": \"Headline only\"}"));

        Assert.Equal(RejectionReason.NoText, rejection.Reason);
    }

    [Fact]
    public void Read_MarkdownWithFrontMatter_StripsMarkupKeepsListsAndQuotes()
    {
        const string md = """
            ---
            title: "Rail strike called off after \"last-minute\" offer"
            published: 2026-09-03T07:30:00+01:00
            source: Northern Rail Review
            url: https://example.org/nrr/2026/09/03/strike-off
            author: Sam Reed
            ---

            # Rail strike called off after last-minute offer

            **What happened:** Unions *called off* Thursday's strike after a [new offer](https://example.org/offer).

            ## Key points

            - pay rises of `4%` this year;
            - a review of rosters.

            > "Trains will run as normal," the operator said.
            """;

        var article = ReadOk("rail.md", md);

        Assert.Equal(ArticleFormat.Markdown, article.Format);
        Assert.Equal("Rail strike called off after \"last-minute\" offer", article.Title);
        Assert.Equal(new DateTimeOffset(2026, 9, 3, 7, 30, 0, TimeSpan.FromHours(1)), article.Published);
        Assert.Equal(PublishedSource.FrontMatter, article.PublishedSource);
        Assert.Equal("Northern Rail Review", article.Source);
        Assert.Equal(
            "What happened: Unions called off Thursday's strike after a new offer.\n\n" +
            "Key points\n\n" +
            "pay rises of 4% this year;\n\n" +
            "a review of rosters.\n\n" +
            "\"Trains will run as normal,\" the operator said.",
            article.Text);
    }

    [Fact]
    public void Read_MarkdownWithUnclosedFrontMatter_RejectedMalformedMarkdown()
    {
        var rejection = ReadRejected("broken.md", Encoding.UTF8.GetBytes("---\ntitle: Never closed\n\nSome body text here.\n"));

        Assert.Equal(RejectionReason.MalformedMarkdown, rejection.Reason);
    }

    [Fact]
    public void Read_RandomBytes_RejectedBinary()
    {
        var bytes = new byte[2048];
        new Random(20260221).NextBytes(bytes);

        var rejection = ReadRejected("upload.txt", bytes);

        Assert.Equal(RejectionReason.Binary, rejection.Reason);
    }

    [Fact]
    public void Read_ValidUtf8WithNulBytes_RejectedBinary()
    {
        var rejection = ReadRejected("data.txt", [0x41, 0x00, 0x42, 0x00, 0x43, 0x00, 0x0A]);

        Assert.Equal(RejectionReason.Binary, rejection.Reason);
    }

    [Fact]
    public void Read_Latin1Text_RejectedUnknownEncoding()
    {
        var bytes = Encoding.Latin1.GetBytes("Title: Café owners in Sète protest\n\nThe café owners of Sète marched on Sunday, saying the new levy was unfair.\n");

        var rejection = ReadRejected("cafe.txt", bytes);

        Assert.Equal(RejectionReason.UnknownEncoding, rejection.Reason);
    }

    [Fact]
    public void Read_Utf16BomWithOddTail_RejectedUnknownEncoding()
    {
        var rejection = ReadRejected("odd.txt", [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]);

        Assert.Equal(RejectionReason.UnknownEncoding, rejection.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n  ")]
    public void Read_EmptyOrWhitespace_RejectedEmpty(string content)
    {
        var rejection = ReadRejected("blank.txt", Encoding.UTF8.GetBytes(content));

        Assert.Equal(RejectionReason.Empty, rejection.Reason);
    }

    [Fact]
    public void Read_OverMaxBytes_RejectedTooLarge()
    {
        var reader = new ArticleReader(Microsoft.Extensions.Options.Options.Create(new ArticleLimits { MaxBytes = 100 }));

        var result = reader.Read(new ArticleInput("big.txt", Encoding.UTF8.GetBytes(HeaderArticle)));

        Assert.Equal(RejectionReason.TooLarge, result.Rejection?.Reason);
        Assert.Null(result.Article);
    }

    [Fact]
    public void Read_OnlyPageFurniture_RejectedNoText()
    {
        var rejection = ReadRejected("junk.txt", Encoding.UTF8.GetBytes("logo\n\nTop\n\n0\n50\n"));

        Assert.Equal(RejectionReason.NoText, rejection.Reason);
    }

    [Fact]
    public void Read_CapturedPageWithCaptureDate_UsesBylineDate()
    {
        const string page = """
            • Tuesday, 9 December 2025
            logo

            Floodwaters cut road links to three villages in the Arlen valley

            Valley Wire June 3, 2025 News
            Floodwaters cut road links to three villages in the Arlen valley

            Floodwaters cut the only road into three villages in the Arlen valley on Monday, local officials said.

            Rescue teams reached the villages by boat in the evening, and no injuries were reported.

            Top
            """;

        var article = ReadOk("captured.txt", page);

        Assert.Equal("Floodwaters cut road links to three villages in the Arlen valley", article.Title);
        Assert.Equal(new DateOnly(2025, 6, 3), article.PublishedDate);
        Assert.Equal(PublishedSource.Byline, article.PublishedSource);
        Assert.Equal(
            "Floodwaters cut the only road into three villages in the Arlen valley on Monday, local officials said.\n\n" +
            "Rescue teams reached the villages by boat in the evening, and no injuries were reported.",
            article.Text);
    }

    [Fact]
    public void Read_CapturedPageWithIsoDateUnderHeadline_UsesIt()
    {
        const string page = """
            Mine collapse traps workers in Korvel

            Mine collapse traps workers in Korvel
            2025-11-02T06:45:10+00:00

            Eleven miners were trapped on Sunday when a gallery collapsed at the Korvel mine, the operator said.

            Korvel Radio
            Korvel Radio
            """;

        var article = ReadOk("mine.txt", page);

        Assert.Equal(new DateTimeOffset(2025, 11, 2, 6, 45, 10, TimeSpan.Zero), article.Published);
        Assert.Equal("Eleven miners were trapped on Sunday when a gallery collapsed at the Korvel mine, the operator said.", article.Text);
    }

    [Fact]
    public void Read_PageWithTwoStories_YieldsTwoSpansWithTitles()
    {
        const string page = """
            Harbour cranes idle as dock talks stall

            Cranes stand over the empty container quay in Brightmoor (archive photo)
            Cranes stand over the empty container quay in Brightmoor (archive photo)
            TT

            Harbour cranes idle as dock talks stall

            Talks between dock workers and the Brightmoor port company broke up on Friday without agreement, both sides said.

            The union said it would meet again next week.



            Orchard growers count frost losses

            A frosted apple blossom in the Tenley hills, April 2, 2025. File photo
            A frosted apple blossom in the Tenley hills, April 2, 2025. File photo

            Orchard growers count frost losses

            Growers in the Tenley hills said a late frost had destroyed up to half of this year's apple blossom.
            """;

        var article = ReadOk("two.txt", page);

        Assert.Equal(2, article.Stories.Count);
        Assert.Equal("Harbour cranes idle as dock talks stall", article.Stories[0].Title);
        Assert.Equal("Orchard growers count frost losses", article.Stories[1].Title);
        Assert.Equal(
            "Talks between dock workers and the Brightmoor port company broke up on Friday without agreement, both sides said.\n\nThe union said it would meet again next week.",
            article.Text.Substring(article.Stories[0].Start, article.Stories[0].Length));
        Assert.Equal(
            "Growers in the Tenley hills said a late frost had destroyed up to half of this year's apple blossom.",
            article.Text.Substring(article.Stories[1].Start, article.Stories[1].Length));
        Assert.DoesNotContain("photo", article.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(article.Published);
    }

    [Fact]
    public void Read_NoDateButDatedUrl_UsesUrlDate()
    {
        const string text = """
            Title: Ferry fares rise again
            Source: Harbour Gazette
            Url: https://example.org/harbour-gazette/2026/03/06/ferry-fares

            Ferry fares will rise by 4 percent from April, the operator said on Friday.
            """;

        var article = ReadOk("fares.txt", text);

        Assert.Equal(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(PublishedSource.Url, article.PublishedSource);
    }

    [Fact]
    public void Read_NoDateAnywhere_PublishedNull()
    {
        const string text = """
            Title: Ferry fares rise again
            Source: Harbour Gazette

            Ferry fares will rise by 4 percent from April, the operator said on Friday.
            """;

        var article = ReadOk("fares.txt", text);

        Assert.Null(article.Published);
        Assert.Equal(PublishedSource.None, article.PublishedSource);
    }

    [Fact]
    public void Read_HeaderlessPlainArticle_FirstLineIsTitle()
    {
        var article = ReadOk("plain.txt", "Wind farm approved off Carrow Point\n\nThe planning board approved the wind farm on Monday.\n");

        Assert.Equal("Wind farm approved off Carrow Point", article.Title);
        Assert.Equal("The planning board approved the wind farm on Monday.", article.Text);
    }

    [Theory]
    [InlineData("{\"title\":\"Sniffed\",\"body\":\"Body text of a sniffed article.\"}", ArticleFormat.Json)]
    [InlineData("<html><body><p>Body text of a sniffed article.</p></body></html>", ArticleFormat.Html)]
    [InlineData("---\ntitle: Sniffed\n---\nBody text of a sniffed article.\n", ArticleFormat.Markdown)]
    [InlineData("Title: Sniffed\n\nBody text of a sniffed article.\n", ArticleFormat.Text)]
    public void Read_UnknownExtension_SniffsFormat(string content, ArticleFormat expected)
    {
        var article = ReadOk("upload.bin", content);

        Assert.Equal(expected, article.Format);
        Assert.Equal("Body text of a sniffed article.", article.Text);
    }

    [Fact]
    public void Read_LiveBlogEntries_EachEntryIsOneParagraph()
    {
        const string text = """
            Title: LIVE: Lowmere regatta day
            Published: 2026-07-18T08:00:00+01:00

            Live coverage from the harbour. Newest first.

            16:05 | Winner crosses the line
            The Brant crew won the final by two lengths.
            Crowds cheered from the pier.

            15:40 | Final under way
            Six boats started the final in a light breeze.
            """;

        var article = ReadOk("live.txt", text);

        Assert.Equal(
            [
                "Live coverage from the harbour. Newest first.",
                "16:05 | Winner crosses the line\nThe Brant crew won the final by two lengths. Crowds cheered from the pier.",
                "15:40 | Final under way\nSix boats started the final in a light breeze.",
            ],
            article.Text.Split("\n\n"));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>Cut</title></head><body><article><p>The text stops in the mid")]
    [InlineData("<html><body><p>Whole paragraph here.</p><p>Then a tag that never en")]
    [InlineData("<html><body><p>Whole paragraph here.</p>")]
    public void Read_TruncatedHtml_RejectedMalformedHtml(string html)
    {
        var rejection = ReadRejected("cut.html", Encoding.UTF8.GetBytes(html));

        Assert.Equal(RejectionReason.MalformedHtml, rejection.Reason);
        Assert.Contains("truncated", rejection.Message);
    }

    [Fact]
    public void Read_HtmlFragmentWithLineBreaks_DoubleBreakSplitsParagraphs()
    {
        var article = ReadOk("fragment.html", "<div>The levee held overnight,<br>officials said.<br>\n<br>Evacuation orders were lifted at noon.</div>");

        Assert.Equal("The levee held overnight, officials said.\n\nEvacuation orders were lifted at noon.", article.Text);
    }

    [Fact]
    public void Read_HtmlPageSavedAsTxt_ReadAsHtml()
    {
        var article = ReadOk("saved-page.txt", "<!doctype html><html><head><title>Levee holds</title></head><body><p>The levee held overnight.</p></body></html>");

        Assert.Equal(ArticleFormat.Html, article.Format);
        Assert.Equal("Levee holds", article.Title);
        Assert.Equal("The levee held overnight.", article.Text);
    }

    [Fact]
    public void Read_HtmlDeclaringLegacyCharset_DecodedWithIt()
    {
        var html = "<html><head><meta charset=\"windows-1252\"><title>Café reopens</title></head><body><p>The café in Sète reopened on Monday \u2014 “finally”, owners said.</p></body></html>";
        var bytes = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(html);

        var article = ReadOk("cafe.html", bytes);

        Assert.Equal("The café in Sète reopened on Monday \u2014 “finally”, owners said.", article.Text);
    }

    [Fact]
    public void Read_HtmlDeclaringUnknownCharset_RejectedUnknownEncoding()
    {
        var bytes = Encoding.Latin1.GetBytes("<html><head><meta charset=\"x-made-up\"></head><body><p>Caf\u00e9 text here.</p></body></html>");

        var rejection = ReadRejected("cafe.html", bytes);

        Assert.Equal(RejectionReason.UnknownEncoding, rejection.Reason);
    }

    [Fact]
    public void Read_ManyThreadsAtOnce_SameResults()
    {
        const string html = "<html><head><title>Levee holds - Valley Post</title></head><body><article><p>The levee held overnight.</p><p>Crews stayed on site.</p></article></body></html>";
        var expected = ReadOk("levee.html", html);

        var results = new Article?[64];
        Parallel.For(0, results.Length, i => results[i] = _reader.Read(new ArticleInput($"levee-{i}.html", Encoding.UTF8.GetBytes(html))).Article);

        Assert.All(results, a => Assert.Equal((expected.Id, expected.Text), (a!.Id, a.Text)));
    }

    [Fact]
    public void Read_HeaderlessTextWithDatedSentences_KeepsThemAsText()
    {
        const string text = """
            Council sets date for harbour vote

            The vote is set for March 3, 2026.

            On 12 January 2026 the council first debated the plan, and members asked for a survey of the quay walls before any vote.
            """;

        var article = ReadOk("vote.txt", text);

        Assert.Equal("Council sets date for harbour vote", article.Title);
        Assert.Null(article.Published);
        Assert.StartsWith("The vote is set for March 3, 2026.\n\nOn 12 January 2026 the council", article.Text);
    }

    [Fact]
    public void Read_HtmlStoryInsideWrapperWithJunkWordInClass_KeepsStory()
    {
        const string html = """
            <html><head><title>Ferry timetable changes | Harbour Gazette</title></head><body>
            <div class="page-header-wrapper" id="more-content">
              <div class="story-text">
                <p>Ferry timetables change on Monday, with the first sailing moved to 06:10.</p>
                <p>The operator said the change follows a survey of commuters.</p>
              </div>
              <div class="related"><p>Older story: ferry fares rise again</p></div>
            </div>
            </body></html>
            """;

        var article = ReadOk("ferry.html", html);

        Assert.Equal("Ferry timetables change on Monday, with the first sailing moved to 06:10.\n\nThe operator said the change follows a survey of commuters.", article.Text);
    }

    [Fact]
    public void Read_JsonWithHtmlBody_BodyMarkupStrippedToParagraphs()
    {
        const string json = """{"title":"Pier reopens","published":"2026-05-01","body":"<p>The pier reopened on Friday &amp; crowds returned.</p><p>Repairs cost <b>£2m</b>.</p><script>x()</script>"}""";

        var article = ReadOk("pier.json", json);

        Assert.Equal("The pier reopened on Friday & crowds returned.\n\nRepairs cost £2m.", article.Text);
    }

    [Fact]
    public void Read_HtmlTimeInBylineAndInTeaser_UsesBylineTime()
    {
        const string html = """
            <html><head><title>Weir repaired</title></head><body>
            <aside class="related"><ul><li><a href="#">Older story</a> <time datetime="2025-01-09">9 Jan</time></li></ul></aside>
            <article><h1>Weir repaired</h1><p class="byline">By Lee Hart, <time datetime="2026-10-01T11:00:00+01:00">1 October</time></p>
            <p>The weir at Ashford was repaired on Thursday, the river trust said.</p></article></body></html>
            """;

        var article = ReadOk("weir.html", html);

        Assert.Equal(new DateTimeOffset(2026, 10, 1, 11, 0, 0, TimeSpan.FromHours(1)), article.Published);
        Assert.Equal(PublishedSource.Byline, article.PublishedSource);
        Assert.Equal("The weir at Ashford was repaired on Thursday, the river trust said.", article.Text);
    }
}
