using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Alerts.Storage;

/// <summary>
/// One storage queue, with message text Base64-encoded exactly as the Functions queue trigger and output binding expect.
/// Every method throws <see cref="RequestFailedException"/> (ErrorCode from <c>x-ms-error-code</c>, e.g. <c>QueueNotFound</c>,
/// <c>MessageNotFound</c>, <c>PopReceiptMismatch</c>) on an unexpected status.
/// </summary>
public interface IQueueClient
{
    string Name { get; }

    Uri Uri { get; }

    /// <returns>True when this call created the queue.</returns>
    Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <returns>True when this call deleted the queue.</returns>
    Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Put Message.</summary>
    /// <param name="visibilityDelay">Hidden this long before the first receive (0..7 days).</param>
    /// <param name="timeToLive">Defaults to 7 days; <see cref="Timeout.InfiniteTimeSpan"/> or <see cref="TimeSpan.MaxValue"/> never expire.</param>
    /// <exception cref="ArgumentException">The text is longer than 64 KiB once Base64-encoded (about 48 KiB of UTF-8).</exception>
    Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Get Messages: takes up to <paramref name="maxMessages"/> (1..32) and hides them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    /// <returns>Empty when no message is visible.</returns>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default);

    /// <summary>Peek Messages (1..32), without taking them.</summary>
    Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default);

    /// <summary>Update Message: hides it for <paramref name="visibilityTimeout"/> from now (0 makes it visible at once), optionally with new text.</summary>
    Task<UpdateReceipt> UpdateAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? text = null, CancellationToken cancellationToken = default);

    /// <summary>Delete Message; the pop receipt must be the latest one.</summary>
    Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>The service's approximate message count (<c>x-ms-approximate-messages-count</c>).</summary>
    Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default);
}

/// <summary>The Queue service of one account: hands out queue clients that share one pipeline.</summary>
public interface IQueueServiceClient
{
    Uri Uri { get; }

    IQueueClient GetQueue(string queueName);
}

/// <inheritdoc cref="IQueueServiceClient"/>
public sealed class QueueServiceClient : IQueueServiceClient
{
    private readonly StoragePipeline _pipeline;

    public QueueServiceClient(StorageConnection connection, StorageClientOptions? options = null)
        : this(connection, options, null)
    {
    }

    internal QueueServiceClient(StorageConnection connection, StorageClientOptions? options, TimeProvider? timeProvider)
        => _pipeline = new StoragePipeline(connection, connection.QueueEndpoint, options ?? new StorageClientOptions(), timeProvider);

    public Uri Uri => _pipeline.Endpoint;

    public IQueueClient GetQueue(string queueName) => new QueueClient(_pipeline, queueName);
}

/// <inheritdoc cref="IQueueClient"/>
public sealed class QueueClient : IQueueClient
{
    /// <summary>The service's limit on the (encoded) message text.</summary>
    public const int MaxEncodedMessageLength = 64 * 1024;

    private const int MaxVisibilitySeconds = 7 * 24 * 60 * 60;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly StoragePipeline _pipeline;

    internal QueueClient(StoragePipeline pipeline, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _pipeline = pipeline;
        Name = name;
    }

    public string Name { get; }

    public Uri Uri => new($"{_pipeline.Endpoint.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(Name)}");

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri.EscapeDataString(Name));
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => true,
            204 => false,
            409 when StoragePipeline.Header(response, "x-ms-error-code") == "QueueAlreadyExists" => false,
            _ => throw StoragePipeline.Failure(response),
        };
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Uri.EscapeDataString(Name));
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StoragePipeline.Failure(response),
        };
    }

    public async Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var body = MessageBody(text);
        using var message = MessagesMessage(RequestMethod.Post);
        if (visibilityDelay is { } delay)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay, 0, nameof(visibilityDelay)));
        }

        if (timeToLive is { } ttl)
        {
            var never = ttl == Timeout.InfiniteTimeSpan || ttl == TimeSpan.MaxValue;
            message.Request.Uri.AppendQuery("messagettl", never ? "-1" : Seconds(ttl, 1, nameof(timeToLive), int.MaxValue));
        }

        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw StoragePipeline.Failure(response);
        }

        var sent = Messages(response).Single();
        return new SendReceipt(
            Value(sent, "MessageId"),
            Value(sent, "PopReceipt"),
            Date(sent, "InsertionTime"),
            Date(sent, "ExpirationTime"),
            Date(sent, "TimeNextVisible"));
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = MessagesMessage(RequestMethod.Get);
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        if (visibilityTimeout is { } timeout)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(timeout, 1, nameof(visibilityTimeout)));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StoragePipeline.Failure(response);
        }

        return Messages(response).Select(m => new ReceivedMessage(
            Value(m, "MessageId"),
            Value(m, "PopReceipt"),
            long.Parse(Value(m, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"),
            Date(m, "ExpirationTime"),
            Date(m, "TimeNextVisible"),
            Decode(Value(m, "MessageText")))).ToList();
    }

    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = MessagesMessage(RequestMethod.Get);
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StoragePipeline.Failure(response);
        }

        return Messages(response).Select(m => new PeekedMessage(
            Value(m, "MessageId"),
            long.Parse(Value(m, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"),
            Date(m, "ExpirationTime"),
            Decode(Value(m, "MessageText")))).ToList();
    }

    public async Task<UpdateReceipt> UpdateAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? text = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = MessageMessage(RequestMethod.Put, messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, 0, nameof(visibilityTimeout)));
        if (text is not null)
        {
            message.Request.Content = RequestContent.Create(MessageBody(text));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StoragePipeline.Failure(response);
        }

        return new UpdateReceipt(
            StoragePipeline.Header(response, "x-ms-popreceipt") ?? "",
            StoragePipeline.ParseDate(StoragePipeline.Header(response, "x-ms-time-next-visible")));
    }

    public async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = MessageMessage(RequestMethod.Delete, messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StoragePipeline.Failure(response);
        }
    }

    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, Uri.EscapeDataString(Name));
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StoragePipeline.Failure(response);
        }

        return int.Parse(StoragePipeline.Header(response, "x-ms-approximate-messages-count") ?? "0", CultureInfo.InvariantCulture);
    }

    public override string ToString() => Uri.ToString();

    /// <summary>The text as the Functions queue binding writes it: Base64 of its UTF-8 bytes.</summary>
    internal static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Base64 of UTF-8 decoded; any other text is returned as it is.</summary>
    internal static string Decode(string messageText)
    {
        var buffer = new byte[(messageText.Length / 4 * 3) + 3];
        if (Convert.TryFromBase64String(messageText, buffer, out var written))
        {
            try
            {
                return StrictUtf8.GetString(buffer, 0, written);
            }
            catch (DecoderFallbackException)
            {
                // Base64-shaped but not UTF-8: take the text as it is.
            }
        }

        return messageText;
    }

    private static string MessageBody(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = Encode(text);
        if (encoded.Length > MaxEncodedMessageLength)
        {
            throw new ArgumentException(
                $"The queue message is {encoded.Length:N0} characters once Base64-encoded; a queue message holds at most {MaxEncodedMessageLength:N0} (about 48 KiB of UTF-8 text). Store large payloads in a blob and queue its name.",
                nameof(text));
        }

        return $"<QueueMessage><MessageText>{encoded}</MessageText></QueueMessage>";
    }

    private static string Seconds(TimeSpan value, int minimum, string name, int maximum = MaxVisibilitySeconds)
    {
        var seconds = Math.Ceiling(value.TotalSeconds);
        return seconds >= minimum && seconds <= maximum
            ? ((long)seconds).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(name, value, $"Must be {minimum} to {maximum} seconds.");
    }

    private static IEnumerable<XElement> Messages(Response response)
        => StoragePipeline.ReadXml(response).Root?.Elements("QueueMessage") ?? [];

    private static string Value(XElement message, string name) => message.Element(name)?.Value ?? "";

    private static DateTimeOffset Date(XElement message, string name) => StoragePipeline.ParseDate(message.Element(name)?.Value);

    private HttpMessage MessagesMessage(RequestMethod method) => _pipeline.CreateMessage(method, Uri.EscapeDataString(Name) + "/messages");

    private HttpMessage MessageMessage(RequestMethod method, string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return _pipeline.CreateMessage(method, Uri.EscapeDataString(Name) + "/messages/" + Uri.EscapeDataString(messageId));
    }
}
