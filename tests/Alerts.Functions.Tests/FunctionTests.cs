using System.Text;
using System.Text.Json;
using Alerts.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Alerts.Functions.Tests;

public sealed class FunctionTests
{
    private static readonly Article SampleArticle = new()
    {
        Id = "a1",
        Name = "one.txt",
        Title = "A title",
        Published = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(3)),
        Format = ArticleFormat.Text,
        Text = "A drone struck the base.",
        Stories = [new ArticleStory(0, null, 0, 24)],
    };

    private static readonly ArticleEvent SampleEvent = new()
    {
        Type = EventType.Attack,
        Date = new DateOnly(2026, 11, 15),
        Place = new Place("Erbil Air Base"),
        Evidence = new Evidence("A drone struck the base.", 0, 24),
        Confidence = 0.9,
    };

    private readonly Mock<IArticleReader> _reader = new();
    private readonly Mock<IEventExtractor> _extractor = new();
    private readonly Mock<IQuarantine> _quarantine = new();
    private readonly InMemoryDocumentStore _store = new();
    private readonly FunctionContext _context = Mock.Of<FunctionContext>();

    private ArticleIntake Intake(int maxBytes = 1024) => new(
        _reader.Object,
        _extractor.Object,
        [],
        _quarantine.Object,
        new ArticleEventsCodec(_store, Options.Create(new PipelineOptions())),
        Options.Create(new ArticleLimits { MaxBytes = maxBytes }),
        NullLogger<ArticleIntake>.Instance);

    [Fact]
    public async Task ExtractArticleEvents_ReadableArticle_ReturnsArticleEventsMessage()
    {
        _reader.Setup(r => r.Read(It.IsAny<ArticleInput>())).Returns(ArticleReadResult.Ok(SampleArticle));
        _extractor.Setup(e => e.Extract(SampleArticle)).Returns([SampleEvent]);

        var text = await new ExtractArticleEvents(Intake()).Run(Stream("A drone struck the base."), "one.txt", _context);

        var message = JsonSerializer.Deserialize(text!, AlertsJsonContext.Default.ArticleEventsMessage)!;
        Assert.Equal(ArticleEventsMessage.WireName, message.Schema);
        Assert.Equal("a1", message.ArticleId);
        Assert.Equal("one.txt", message.Name);
        Assert.Equal(EventType.Attack, Assert.Single(message.Events).Type);
        Assert.Contains("\"type\":\"attack\"", text);
        _quarantine.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExtractArticleEvents_BlobOverTheLimit_IsQuarantinedUnread()
    {
        var text = await new ExtractArticleEvents(Intake(maxBytes: 10)).Run(Stream(new string('x', 11)), "big.txt", _context);

        Assert.Null(text);
        _reader.VerifyNoOtherCalls();
        _quarantine.Verify(q => q.QuarantineAsync(
            It.Is<ArticleInput>(i => i.Name == "big.txt"),
            It.Is<ArticleRejection>(r => r.Reason == RejectionReason.TooLarge),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExtractArticleEvents_RejectedInput_IsQuarantinedWithItsBytesAndReason()
    {
        _reader.Setup(r => r.Read(It.IsAny<ArticleInput>())).Returns(ArticleReadResult.Rejected(RejectionReason.Binary, "not text"));

        var text = await new ExtractArticleEvents(Intake()).Run(new MemoryStream([0, 1, 2, 255]), "noise.txt", _context);

        Assert.Null(text);
        _quarantine.Verify(q => q.QuarantineAsync(
            It.Is<ArticleInput>(i => i.Content.Length == 4),
            It.Is<ArticleRejection>(r => r.Reason == RejectionReason.Binary && r.Message == "not text"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExtractArticleEvents_ExtractorFails_IsQuarantinedAsProcessingFailed()
    {
        _reader.Setup(r => r.Read(It.IsAny<ArticleInput>())).Returns(ArticleReadResult.Ok(SampleArticle));
        _extractor.Setup(e => e.Extract(It.IsAny<Article>())).Throws(new IndexOutOfRangeException("rule bug"));

        var text = await new ExtractArticleEvents(Intake()).Run(Stream("x"), "one.txt", _context);

        Assert.Null(text);
        _quarantine.Verify(q => q.QuarantineAsync(
            It.IsAny<ArticleInput>(),
            It.Is<ArticleRejection>(r => r.Reason == RejectionReason.ProcessingFailed && r.Message.Contains("rule bug")),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ArticleEventsCodec_MessageOverTheQueueLimit_TravelsAsStateDocument()
    {
        var codec = new ArticleEventsCodec(_store, Options.Create(new PipelineOptions { MaxInlineMessageBytes = 2_000 }));
        var events = Enumerable.Range(0, 40).Select(i => SampleEvent with { Evidence = new Evidence(new string('e', 100), i, 100) }).ToArray();
        var message = new ArticleEventsMessage { ArticleId = "big", Name = "big.txt", Events = events };

        var text = await codec.EncodeAsync(message, CancellationToken.None);
        var decoded = await codec.DecodeAsync(text, CancellationToken.None);

        Assert.True(Encoding.UTF8.GetByteCount(text) < 2_000);
        Assert.Contains("payloads/big.json", text);
        Assert.Equal(40, decoded.Events.Count);
        Assert.NotNull(await _store.GetAsync("payloads/big.json", CancellationToken.None));
    }

    [Fact]
    public async Task ArticleEventsCodec_NotAnArticleEventsMessage_ThrowsInvalidData()
    {
        var codec = new ArticleEventsCodec(_store, Options.Create(new PipelineOptions()));

        await Assert.ThrowsAsync<InvalidDataException>(() => codec.DecodeAsync("{\"schema\":\"other.v9\"}", CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => codec.DecodeAsync("{not json", CancellationToken.None));
    }

    [Fact]
    public async Task DetectChanges_EachAlertGoesToEachRoutedSubscriberOnce()
    {
        var alert = new Alert
        {
            Id = "alert-1", Kind = AlertKind.NewIncident, StorylineId = "s", StorylineTitle = "S", EventType = EventType.Attack,
            EventKey = "attack|2026-11-15|Erbil Air Base", Headline = "Attack", Summary = "s", Change = new AlertChange(null, "attack"),
            Cameo = "190", Plover = "ASSAULT", ArticleName = "one.txt", ArticleId = "a1",
        };
        var detector = new Mock<IChangeDetector>();
        detector.Setup(d => d.ApplyAsync(It.Is<ArticleEventsMessage>(m => m.ArticleId == "a1"), It.IsAny<CancellationToken>())).ReturnsAsync([alert]);
        var router = new Mock<IAlertRouter>();
        router.Setup(r => r.RouteAsync(alert, It.IsAny<CancellationToken>())).ReturnsAsync(["ops", "desk"]);
        var codec = new ArticleEventsCodec(_store, Options.Create(new PipelineOptions()));
        var processor = new ChangeProcessor(codec, detector.Object, router.Object, _store, new ArrivalOrder(), NullLogger<ChangeProcessor>.Instance);
        var input = await codec.EncodeAsync(new ArticleEventsMessage { ArticleId = "a1", Name = "one.txt", Events = [SampleEvent] }, CancellationToken.None);

        var deliveries = await new DetectChanges(processor).Run(input, _context);

        var parsed = deliveries.Select(AlertDeliveryMessage.Parse).ToArray();
        Assert.Equal(["ops", "desk"], parsed.Select(d => d.SubscriberId));
        Assert.All(parsed, d => Assert.Equal("alert-1", d.AlertId));
        Assert.NotNull(await _store.GetAsync(ChangeProcessor.AlertPath("alert-1"), CancellationToken.None));
    }

    [Fact]
    public async Task DeliverAlert_PassesTheParsedDeliveryToTheDeliverer()
    {
        var deliverer = new Mock<IAlertDeliverer>();
        var text = JsonSerializer.Serialize(new AlertDeliveryMessage { AlertId = "alert-1", SubscriberId = "ops" }, AlertsJsonContext.Default.AlertDeliveryMessage);

        await new DeliverAlert(deliverer.Object).Run(text, _context);

        deliverer.Verify(d => d.DeliverAsync(It.Is<AlertDeliveryMessage>(m => m.AlertId == "alert-1" && m.SubscriberId == "ops"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DeliverAlert_MalformedMessage_ThrowsSoTheQueueRetriesAndPoisons()
    {
        var deliverer = new Mock<IAlertDeliverer>();

        await Assert.ThrowsAsync<InvalidDataException>(() => new DeliverAlert(deliverer.Object).Run("{\"alertId\":", _context));
        deliverer.VerifyNoOtherCalls();
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
