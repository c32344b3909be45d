using System.Text.Json;
using Alerts.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

public sealed class AlertDelivererTests
{
    private static readonly AlertDeliveryMessage ToOutbox = new() { AlertId = "a1f3c9", SubscriberId = "local-outbox" };

    private static AlertDeliverer Deliverer(IDocumentStore store, params IAlertChannel[] channels)
        => new(store, new SubscriptionCatalog(store), channels, TimeProvider.System, Options.Create(new DeliveryOptions()), NullLogger<AlertDeliverer>.Instance);

    [Fact]
    public async Task DeliverAsync_FirstDelivery_RecordsPendingBeforeSendingAndSentAfter()
    {
        var store = TestAlerts.StoreWith(TestAlerts.TalksSuspended());
        DeliveryRecord? duringSend = null;
        var channel = new FakeChannel(ChannelKind.Outbox, async _ => duringSend = await new AlertDeliverer(store, new SubscriptionCatalog(store), [], TimeProvider.System, Options.Create(new DeliveryOptions()), NullLogger<AlertDeliverer>.Instance).GetRecordAsync("a1f3c9", "local-outbox", default));
        var deliverer = Deliverer(store, channel);

        await deliverer.DeliverAsync(ToOutbox, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Pending, duringSend!.Status);
        Assert.Equal(1, duringSend.Attempts);
        var record = await deliverer.GetRecordAsync("a1f3c9", "local-outbox", CancellationToken.None);
        Assert.Equal(DeliveryStatus.Sent, record!.Status);
        Assert.Equal(ChannelKind.Outbox, record.Channel);
        Assert.NotNull(record.SentAt);
        Assert.Equal("a1f3c9", Assert.Single(channel.Sent).Alert.Id);
    }

    [Fact]
    public async Task DeliverAsync_RedeliveredAfterSent_IsNoOp()
    {
        var store = TestAlerts.StoreWith(TestAlerts.TalksSuspended());
        var channel = new FakeChannel(ChannelKind.Outbox);
        var deliverer = Deliverer(store, channel);

        await deliverer.DeliverAsync(ToOutbox, CancellationToken.None);
        await deliverer.DeliverAsync(ToOutbox, CancellationToken.None);

        Assert.Single(channel.Sent);
        Assert.Equal(1, (await deliverer.GetRecordAsync("a1f3c9", "local-outbox", CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task DeliverAsync_ChannelFails_RecordsRedactedReasonThrowsAndSucceedsOnRetry()
    {
        var store = TestAlerts.StoreWith(TestAlerts.TalksSuspended());
        var failures = 1;
        var channel = new FakeChannel(ChannelKind.Outbox, _ => failures-- > 0
            ? throw new IOException("POST https://prod-9.westus.logic.azure.com/workflows/abc/invoke?sig=S3cr3tSig failed")
            : Task.CompletedTask);
        var deliverer = Deliverer(store, channel);

        var ex = await Assert.ThrowsAsync<DeliveryException>(() => deliverer.DeliverAsync(ToOutbox, CancellationToken.None));
        var failed = await deliverer.GetRecordAsync("a1f3c9", "local-outbox", CancellationToken.None);
        await deliverer.DeliverAsync(ToOutbox, CancellationToken.None);
        var sent = await deliverer.GetRecordAsync("a1f3c9", "local-outbox", CancellationToken.None);

        Assert.DoesNotContain("S3cr3tSig", ex.Message);
        Assert.DoesNotContain("/workflows", ex.Message);
        Assert.Contains("https://prod-9.westus.logic.azure.com/…", ex.Message);
        Assert.Equal(DeliveryStatus.Pending, failed!.Status);
        Assert.Contains("IOException", failed.LastError);
        Assert.DoesNotContain("S3cr3tSig", failed.LastError);
        Assert.Equal(DeliveryStatus.Sent, sent!.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task DeliverAsync_StorageFailsRecordingTheSendThatWorked_RecordsItOnceBackAndARedeliveryDoesNotSendAgain()
    {
        var store = new FailingWrites(TestAlerts.StoreWith(TestAlerts.TalksSuspended()), failSentWrites: 2);
        var channel = new FakeChannel(ChannelKind.Outbox);
        var deliverer = Deliverer(store, channel);

        await deliverer.DeliverAsync(ToOutbox, CancellationToken.None);
        await deliverer.DeliverAsync(ToOutbox, CancellationToken.None);

        Assert.Equal(2, store.Failed);
        Assert.Single(channel.Sent);
        Assert.Equal(DeliveryStatus.Sent, (await deliverer.GetRecordAsync("a1f3c9", "local-outbox", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task DeliverAsync_SameDeliveryTwiceAtOnce_TheSecondWaitsForTheFirstsSendAndSendsNothing()
    {
        var store = TestAlerts.StoreWith(TestAlerts.TalksSuspended());
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = new FakeChannel(ChannelKind.Outbox, async _ =>
        {
            sending.TrySetResult();
            await release.Task;
        });

        var first = Deliverer(store, channel).DeliverAsync(ToOutbox, CancellationToken.None);
        await sending.Task;
        var second = Deliverer(store, channel).DeliverAsync(ToOutbox, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(1_500));
        var secondFinishedBeforeTheFirst = second.IsCompleted;
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.False(secondFinishedBeforeTheFirst);
        Assert.Single(channel.Sent);
        Assert.Equal(1, (await Deliverer(store).GetRecordAsync("a1f3c9", "local-outbox", CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task DeliverAsync_SendLongerThanTheClaim_ClaimIsRenewedAndASecondCopyStillSendsNothing()
    {
        var store = TestAlerts.StoreWith(TestAlerts.TalksSuspended());
        var options = Options.Create(new DeliveryOptions { SendClaim = TimeSpan.FromSeconds(10) });
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = new FakeChannel(ChannelKind.Outbox, async _ =>
        {
            sending.TrySetResult();
            await release.Task;
        });
        AlertDeliverer Make() => new(store, new SubscriptionCatalog(store), [channel], TimeProvider.System, options, NullLogger<AlertDeliverer>.Instance);

        var first = Make().DeliverAsync(ToOutbox, CancellationToken.None);
        await sending.Task;
        var second = Make().DeliverAsync(ToOutbox, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(13)); // past the claim: only its renewals keep the second copy waiting
        var secondFinishedBeforeTheFirst = second.IsCompleted;
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.False(secondFinishedBeforeTheFirst);
        Assert.Single(channel.Sent);
    }

    [Fact]
    public async Task DeliverAsync_ClaimLeftByASenderThatIsGone_SentOnceTheClaimRunsOut()
    {
        var store = TestAlerts.StoreWith(TestAlerts.TalksSuspended());
        var stale = new DeliveryRecord
        {
            AlertId = "a1f3c9", SubscriberId = "local-outbox", Status = DeliveryStatus.Pending, Channel = ChannelKind.Outbox, Attempts = 1,
            LastAttemptAt = DateTimeOffset.UtcNow - new DeliveryOptions().SendClaim - TimeSpan.FromSeconds(1), ClaimId = "gone",
            ClaimedAt = DateTimeOffset.UtcNow - new DeliveryOptions().SendClaim - TimeSpan.FromSeconds(1),
        };
        await store.PutAsync(DeliveryRecord.PathFor("a1f3c9", "local-outbox"), BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(stale, DeliveryJsonContext.Default.DeliveryRecord)), WriteCondition.None, CancellationToken.None);
        var channel = new FakeChannel(ChannelKind.Outbox);

        await Deliverer(store, channel).DeliverAsync(ToOutbox, CancellationToken.None);

        Assert.Single(channel.Sent);
        Assert.Equal(2, (await Deliverer(store).GetRecordAsync("a1f3c9", "local-outbox", CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task DeliverAsync_OneSubscribersChannelFails_OtherSubscriberStillDelivered()
    {
        var store = TestAlerts.StoreWith(TestAlerts.Attack());
        await TestAlerts.PutSubscriptionsAsync(store, SubscriptionCatalogTests.ValidDocument);
        var teams = new FakeChannel(ChannelKind.Teams, _ => throw new InvalidOperationException("Teams is down"));
        var email = new FakeChannel(ChannelKind.Smtp);
        var deliverer = Deliverer(store, teams, email);

        await Assert.ThrowsAsync<DeliveryException>(() => deliverer.DeliverAsync(new AlertDeliveryMessage { AlertId = "b7d210", SubscriberId = "ops-teams" }, CancellationToken.None));
        await deliverer.DeliverAsync(new AlertDeliveryMessage { AlertId = "b7d210", SubscriberId = "ops-email" }, CancellationToken.None);

        Assert.Equal("ops-email", Assert.Single(email.Sent).Subscriber.Id);
        Assert.Equal(DeliveryStatus.Sent, (await deliverer.GetRecordAsync("b7d210", "ops-email", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task DeliverAsync_EmailSubscriberWithoutSmtpOrAcs_GoesToOutboxFolder()
    {
        var store = TestAlerts.StoreWith(TestAlerts.Attack());
        await TestAlerts.PutSubscriptionsAsync(store, SubscriptionCatalogTests.ValidDocument);
        var folder = Directory.CreateTempSubdirectory("alerts-outbox-");
        try
        {
            var outbox = new OutboxFolderChannel(new AlertComposer(), Options.Create(new DeliveryOptions { OutboxPath = folder.FullName }), TimeProvider.System);

            await Deliverer(store, outbox, new FakeChannel(ChannelKind.Teams)).DeliverAsync(new AlertDeliveryMessage { AlertId = "b7d210", SubscriberId = "ops-email" }, CancellationToken.None);

            var eml = ParsedEmail.Parse(await File.ReadAllTextAsync(Path.Combine(folder.FullName, "b7d210.ops-email.eml")));
            Assert.Equal("ops@example.org", Assert.Single(eml.Message.To.Mailboxes).Address);
            Assert.True(File.Exists(Path.Combine(folder.FullName, "b7d210.ops-email.card.json")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DeliverAsync_AlertNotStored_ThrowsInvalidData()
    {
        var store = new InMemoryDocumentStore();

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Deliverer(store, new FakeChannel(ChannelKind.Outbox)).DeliverAsync(ToOutbox, CancellationToken.None));

        Assert.Contains("alerts/a1f3c9.json", ex.Message);
    }

    [Fact]
    public async Task DeliverAsync_SubscriberRemoved_ThrowsNamingSubscriber()
    {
        var store = TestAlerts.StoreWith(TestAlerts.Attack());
        await TestAlerts.PutSubscriptionsAsync(store, SubscriptionCatalogTests.ValidDocument);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Deliverer(store, new FakeChannel(ChannelKind.Outbox)).DeliverAsync(new AlertDeliveryMessage { AlertId = "b7d210", SubscriberId = "gone" }, CancellationToken.None));

        Assert.Contains("'gone'", ex.Message);
    }

    [Fact]
    public async Task DeliveryRecord_Stored_HoldsNoChannelAddress()
    {
        var store = TestAlerts.StoreWith(TestAlerts.Attack());
        await TestAlerts.PutSubscriptionsAsync(store, SubscriptionCatalogTests.ValidDocument);

        await Deliverer(store, new FakeChannel(ChannelKind.Teams)).DeliverAsync(new AlertDeliveryMessage { AlertId = "b7d210", SubscriberId = "ops-teams" }, CancellationToken.None);

        var json = (await store.GetAsync(DeliveryRecord.PathFor("b7d210", "ops-teams"), CancellationToken.None))!.Content.ToString();
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["alertId", "subscriberId", "status", "channel", "attempts", "lastAttemptAt", "sentAt", "claimId", "claimedAt"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }
}

/// <summary>A hand-written channel that records what it was asked to send and can fail on demand.</summary>
internal sealed class FakeChannel(ChannelKind kind, Func<AlertDeliveryContext, Task>? onSend = null) : IAlertChannel
{
    public ChannelKind Kind => kind;

    public List<AlertDeliveryContext> Sent { get; } = [];

    public async Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken)
    {
        if (onSend is not null)
        {
            await onSend(delivery);
        }

        Sent.Add(delivery);
    }
}

/// <summary>A store whose first writes of a delivery as sent fail like an unreachable storage account (after the channel was called).</summary>
internal sealed class FailingWrites(IDocumentStore inner, int failSentWrites) : IDocumentStore
{
    private readonly int _failures = failSentWrites;
    private int _left = failSentWrites;

    public int Failed => _failures - Math.Max(_left, 0);

    public Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken) => inner.GetAsync(path, cancellationToken);

    public Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken)
        => path.StartsWith("deliveries/", StringComparison.Ordinal) && content.ToString().Contains("\"sent\"", StringComparison.Ordinal) && Interlocked.Decrement(ref _left) >= 0
            ? throw new Azure.RequestFailedException(0, "Connection refused (127.0.0.1:10000)")
            : inner.PutAsync(path, content, condition, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);
}
