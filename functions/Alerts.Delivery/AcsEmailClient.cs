using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Delivery;

/// <summary>Options of <see cref="AcsEmailClient"/>: the standard Azure.Core retry, transport and diagnostics settings.</summary>
public sealed class AcsEmailClientOptions : ClientOptions
{
    public const string DefaultApiVersion = "2023-03-31";

    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>Poll delay when the service sends no <c>retry-after</c>.</summary>
    public TimeSpan DefaultPollDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for the send operation to finish.</summary>
    public TimeSpan MaxPollDuration { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>An email for <see cref="AcsEmailClient.SendAsync"/>.</summary>
public sealed record AcsEmailMessage(string SenderAddress, IReadOnlyList<string> To, string Subject, string PlainText, string Html)
{
    public string? ReplyTo { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>The terminal state of a send operation.</summary>
public sealed record AcsEmailSendResult(string OperationId, string Status);

/// <summary>
/// A thin client of Azure Communication Services Email (REST <c>2023-03-31</c>): <c>POST /emails:send</c> with a caller-chosen
/// <c>Operation-Id</c> (idempotency), then polls the operation until it is terminal. HMAC-SHA256 or Entra ID authentication.
/// </summary>
public class AcsEmailClient
{
    public const string Scope = "https://communication.azure.com//.default";

    private static readonly ResponseClassifier Accepted = new StatusCodeClassifier(stackalloc ushort[] { 202 });
    private static readonly ResponseClassifier Ok = new StatusCodeClassifier(stackalloc ushort[] { 200 });

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly AcsEmailClientOptions _options;

    public AcsEmailClient(Uri endpoint, AzureKeyCredential credential, AcsEmailClientOptions? options = null)
        : this(endpoint, options ?? new AcsEmailClientOptions(), new AcsHmacAuthenticationPolicy(credential))
    {
    }

    public AcsEmailClient(Uri endpoint, TokenCredential credential, AcsEmailClientOptions? options = null)
        : this(endpoint, options ?? new AcsEmailClientOptions(), new BearerTokenAuthenticationPolicy(credential, Scope))
    {
    }

    /// <summary>For mocking.</summary>
    protected AcsEmailClient()
    {
        _endpoint = new Uri("https://localhost");
        _pipeline = HttpPipelineBuilder.Build(new AcsEmailClientOptions());
        _options = new AcsEmailClientOptions();
    }

    private AcsEmailClient(Uri endpoint, AcsEmailClientOptions options, HttpPipelinePolicy authentication)
    {
        _endpoint = endpoint;
        _options = options;
        _pipeline = HttpPipelineBuilder.Build(options, [], [authentication], null);
    }

    /// <summary>A UUID derived from a delivery id (name-based, SHA-1, RFC 9562 version 5), so a retried send reuses its Operation-Id.</summary>
    public static Guid OperationIdFor(string deliveryId)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes("alerts/acs-email/" + deliveryId), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Sends and waits until the operation is terminal.</summary>
    /// <exception cref="RequestFailedException">The service refused the message, or the operation failed or was canceled.</exception>
    public virtual async Task<AcsEmailSendResult> SendAsync(AcsEmailMessage message, Guid operationId, CancellationToken cancellationToken)
    {
        var id = operationId.ToString("D");
        using var send = _pipeline.CreateMessage();
        send.ResponseClassifier = Accepted;
        send.Request.Method = RequestMethod.Post;
        send.Request.Uri.Reset(At($"emails:send?api-version={_options.ApiVersion}"));
        send.Request.Headers.Add("Operation-Id", id);
        send.Request.Headers.Add("Content-Type", "application/json");
        send.Request.Content = RequestContent.Create(BinaryData.FromString(Body(message).ToJsonString()));
        await _pipeline.SendAsync(send, cancellationToken);
        var response = send.Response;
        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        var location = OperationLocation(response, id);
        var deadline = DateTimeOffset.UtcNow + _options.MaxPollDuration;
        var status = ReadStatus(response, out _);
        while (!IsTerminal(status))
        {
            var delay = RetryAfter(response) ?? _options.DefaultPollDelay;
            if (DateTimeOffset.UtcNow + delay > deadline)
            {
                throw new RequestFailedException(0, $"The ACS email operation {id} was still {status} after {_options.MaxPollDuration.TotalSeconds:0} s.", "OperationTimedOut", null);
            }

            await Task.Delay(delay, cancellationToken);
            using var poll = _pipeline.CreateMessage();
            poll.ResponseClassifier = Ok;
            poll.Request.Method = RequestMethod.Get;
            poll.Request.Uri.Reset(location);
            await _pipeline.SendAsync(poll, cancellationToken);
            response = poll.Response;
            if (response.IsError)
            {
                throw new RequestFailedException(response);
            }

            status = ReadStatus(response, out var error);
            if (status is "Failed" or "Canceled")
            {
                throw new RequestFailedException(response.Status, $"The ACS email operation {id} ended {status}: {error?["code"]} {error?["message"]}".TrimEnd(), error?["code"]?.GetValue<string>() ?? status, null);
            }
        }

        return new AcsEmailSendResult(id, status);
    }

    private static JsonObject Body(AcsEmailMessage message)
    {
        var body = new JsonObject
        {
            ["senderAddress"] = message.SenderAddress,
            ["content"] = new JsonObject { ["subject"] = message.Subject, ["plainText"] = message.PlainText, ["html"] = message.Html },
            ["recipients"] = new JsonObject { ["to"] = new JsonArray([.. message.To.Select(a => new JsonObject { ["address"] = a })]) },
            ["userEngagementTrackingDisabled"] = true,
        };
        if (message.ReplyTo is not null)
        {
            body["replyTo"] = new JsonArray(new JsonObject { ["address"] = message.ReplyTo });
        }

        if (message.Headers.Count > 0)
        {
            body["headers"] = new JsonObject([.. message.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))]);
        }

        return body;
    }

    /// <summary>The Operation-Location header as given, provided it points at the same host (so the signature never goes elsewhere).</summary>
    private Uri OperationLocation(Response response, string id)
    {
        if (response.Headers.TryGetValue("Operation-Location", out var value) && Uri.TryCreate(value, UriKind.Absolute, out var location)
            && string.Equals(location.Authority, _endpoint.Authority, StringComparison.OrdinalIgnoreCase) && location.Scheme == _endpoint.Scheme)
        {
            return location;
        }

        return At($"emails/operations/{id}?api-version={_options.ApiVersion}");
    }

    private Uri At(string relative) => new(_endpoint.AbsoluteUri.TrimEnd('/') + "/" + relative);

    private static string ReadStatus(Response response, out JsonNode? error)
    {
        error = null;
        try
        {
            var node = JsonNode.Parse(response.Content.ToString());
            error = node?["error"];
            return node?["status"]?.GetValue<string>() ?? "Running";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return "Running";
        }
    }

    private static bool IsTerminal(string status) => status is "Succeeded" or "Failed" or "Canceled";

    private static TimeSpan? RetryAfter(Response response)
        => response.Headers.TryGetValue("retry-after", out var value) && int.TryParse(value, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, 60))
            : null;
}

/// <summary>
/// The ACS HMAC-SHA256 request signature, per retry: <c>x-ms-date</c>, <c>x-ms-content-sha256</c> and
/// <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=…</c> over
/// <c>VERB\nPathAndQuery\ndate;host;hash</c>.
/// </summary>
public sealed class AcsHmacAuthenticationPolicy(AzureKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, message.CancellationToken);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body.ToArray()));
        var date = DateTimeOffset.UtcNow.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        var uri = request.Uri.ToUri();
        var signature = Sign(credential.Key, StringToSign(request.Method.Method, uri.PathAndQuery, date, uri.Authority, contentHash));
        request.Headers.SetValue("x-ms-date", date);
        request.Headers.SetValue("x-ms-content-sha256", contentHash);
        request.Headers.SetValue("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
    }

    public static string StringToSign(string verb, string pathAndQuery, string date, string host, string contentHash)
        => $"{verb.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";

    public static string Sign(string base64Key, string stringToSign)
        => Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(base64Key), Encoding.ASCII.GetBytes(stringToSign)));
}
