using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Alerts.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class QueueClientTests(AzuriteFixture azurite)
{
    private const string Text = "{\"storyline\":\"varnhold-talks\",\"note\":\"Gespräche über Waffenruhe — 停火\"}";

    [Fact]
    public async Task SendAsync_ThenReceiveAsync_RoundTripsTextAndStoresBase64OnTheWire()
    {
        var queue = await CreatedQueueAsync();

        var sent = await queue.SendAsync(Text);
        var rawText = await RawMessageTextAsync(queue);
        var received = Assert.Single(await queue.ReceiveAsync());

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text)), rawText);
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(Text, received.Text);
        Assert.Equal(1, received.DequeueCount);
        Assert.False(string.IsNullOrEmpty(received.PopReceipt));
        Assert.True(received.NextVisibleOn > received.InsertedOn);
        Assert.True(received.ExpiresOn > received.InsertedOn);
    }

    [Fact]
    public async Task ReceiveAsync_MessageNotBase64_ReturnsRawText()
    {
        var queue = await CreatedQueueAsync();
        await SendRawAsync(queue, "plain text, not base64!");

        var received = Assert.Single(await queue.ReceiveAsync());

        Assert.Equal("plain text, not base64!", received.Text);
    }

    [Fact]
    public async Task ReceiveAsync_VisibilityTimeout_HidesMessageThenItReturnsWithDequeueCountTwo()
    {
        var queue = await CreatedQueueAsync();
        var sent = await queue.SendAsync("retry me");

        var first = Assert.Single(await queue.ReceiveAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));
        var whileHidden = await queue.ReceiveAsync();
        var again = await ReceiveOneWithinAsync(queue, TimeSpan.FromSeconds(15));

        Assert.Equal(1, first.DequeueCount);
        Assert.Empty(whileHidden);
        Assert.Equal(sent.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        Assert.NotEqual(first.PopReceipt, again.PopReceipt);
    }

    [Fact]
    public async Task UpdateAsync_NewTextAndZeroVisibility_MessageReturnsWithNewText()
    {
        var queue = await CreatedQueueAsync();
        await queue.SendAsync("first draft");
        var received = Assert.Single(await queue.ReceiveAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));

        var updated = await queue.UpdateAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "second draft");
        var again = await ReceiveOneWithinAsync(queue, TimeSpan.FromSeconds(15));

        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.Equal("second draft", again.Text);
        Assert.Equal(received.MessageId, again.MessageId);
    }

    [Fact]
    public async Task DeleteAsync_StalePopReceipt_ThrowsThenCurrentReceiptDeletes()
    {
        var queue = await CreatedQueueAsync();
        await queue.SendAsync("delete me");
        var received = Assert.Single(await queue.ReceiveAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));
        var updated = await queue.UpdateAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(5));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteAsync(received.MessageId, received.PopReceipt));
        await queue.DeleteAsync(received.MessageId, updated.PopReceipt);

        Assert.Equal(400, exception.Status);
        Assert.Equal("PopReceiptMismatch", exception.ErrorCode);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task SendAsync_WithVisibilityDelay_IsCountedButNotVisible()
    {
        var queue = await CreatedQueueAsync();

        await queue.SendAsync("later", visibilityDelay: TimeSpan.FromHours(1), timeToLive: TimeSpan.FromDays(1));
        await queue.SendAsync("now", timeToLive: Timeout.InfiniteTimeSpan);
        await queue.SendAsync("now too");

        Assert.Equal(3, await queue.GetApproximateMessageCountAsync());
        var peeked = await queue.PeekAsync(32);
        Assert.Equal(["now", "now too"], peeked.Select(m => m.Text));
        Assert.True(peeked[0].ExpiresOn > DateTimeOffset.UtcNow.AddYears(100), "an infinite time-to-live never expires");
        Assert.True(peeked[1].ExpiresOn < DateTimeOffset.UtcNow.AddDays(8), "the default time-to-live is 7 days");
        Assert.Equal(2, (await queue.ReceiveAsync(32)).Count);
    }

    [Fact]
    public async Task SendAsync_TextOverLimitOnceEncoded_ThrowsClearError()
    {
        var queue = azurite.NewQueue();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendAsync(new string('x', 50 * 1024)));

        Assert.Contains("Base64", exception.Message);
        Assert.Contains("65,536", exception.Message);
    }

    [Fact]
    public async Task SendAsync_LargestTextThatFits_IsAccepted()
    {
        var queue = await CreatedQueueAsync();
        var text = new string('y', QueueClient.MaxEncodedMessageLength / 4 * 3);

        await queue.SendAsync(text);

        Assert.Equal(text, Assert.Single(await queue.ReceiveAsync()).Text);
    }

    [Theory]
    [InlineData("aGVsbG8gd29ybGQ=", "hello world")]
    [InlineData("", "")]
    [InlineData("test", "test")]
    [InlineData("not base64 at all", "not base64 at all")]
    [InlineData("{\"json\":true}", "{\"json\":true}")]
    public void Decode_MessageText_ReturnsUtf8OfBase64OrTheRawText(string messageText, string expected)
    {
        Assert.Equal(expected, QueueClient.Decode(messageText));
    }

    [Fact]
    public async Task ReceiveAsync_MissingQueue_ThrowsQueueNotFound()
    {
        var queue = azurite.Queues.GetQueue(AzuriteFixture.UniqueName("missing"));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => queue.ReceiveAsync());

        Assert.Equal(404, exception.Status);
        Assert.Equal("QueueNotFound", exception.ErrorCode);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_SecondCall_ReturnsFalse()
    {
        var queue = azurite.NewQueue();

        Assert.True(await queue.CreateIfNotExistsAsync());
        Assert.False(await queue.CreateIfNotExistsAsync());
    }

    private async Task<IQueueClient> CreatedQueueAsync()
    {
        var queue = azurite.NewQueue();
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private static async Task<ReceivedMessage> ReceiveOneWithinAsync(IQueueClient queue, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if ((await queue.ReceiveAsync()).SingleOrDefault() is { } message)
            {
                return message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No message became visible within {limit}.");
    }

    // Raw HTTP through the signed pipeline only, bypassing the client's encoding and decoding.
    private async Task<string> RawMessageTextAsync(IQueueClient queue)
    {
        var pipeline = new StoragePipeline(azurite.Connection, azurite.Connection.QueueEndpoint, azurite.Options);
        using var message = pipeline.CreateMessage(RequestMethod.Get, queue.Name + "/messages");
        message.Request.Uri.AppendQuery("peekonly", "true");
        var response = await pipeline.SendAsync(message, CancellationToken.None);
        Assert.Equal(200, response.Status);
        return XDocument.Parse(response.Content.ToString()).Descendants("MessageText").Single().Value;
    }

    private async Task SendRawAsync(IQueueClient queue, string messageText)
    {
        var pipeline = new StoragePipeline(azurite.Connection, azurite.Connection.QueueEndpoint, azurite.Options);
        using var message = pipeline.CreateMessage(RequestMethod.Post, queue.Name + "/messages");
        message.Request.Content = RequestContent.Create($"<QueueMessage><MessageText>{messageText}</MessageText></QueueMessage>");
        var response = await pipeline.SendAsync(message, CancellationToken.None);
        Assert.Equal(201, response.Status);
    }
}
