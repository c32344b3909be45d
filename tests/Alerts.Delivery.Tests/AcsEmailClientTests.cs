using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery.Tests;

/// <summary>Against a real Kestrel listener that checks the HMAC signature the way ACS does and answers like the Email REST API.</summary>
public sealed class AcsEmailClientTests
{
    private static readonly string Key = Convert.ToBase64String(Encoding.UTF8.GetBytes("test-only-acs-access-key-0123456789"));

    private static AcsEmailClient Client(LocalHttpListener listener, string key)
    {
        var options = new AcsEmailClientOptions { DefaultPollDelay = TimeSpan.FromMilliseconds(50), MaxPollDuration = TimeSpan.FromSeconds(30) };
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        options.Retry.Mode = RetryMode.Fixed;
        return new AcsEmailClient(listener.BaseAddress, new AzureKeyCredential(key), options);
    }

    /// <summary>Recomputes the signature from what arrived, exactly as the service does; false when anything differs.</summary>
    private static bool SignatureValid(HttpContext context, RecordedRequest request)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(request.Body));
        var date = request.Header("x-ms-date");
        if (date is null || request.Header("x-ms-content-sha256") != hash)
        {
            return false;
        }

        var stringToSign = $"{request.Method}\n{request.RawTarget}\n{date};{context.Request.Host.Value};{hash}";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key), Encoding.ASCII.GetBytes(stringToSign)));
        return request.Header("Authorization") == $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={expected}";
    }

    /// <summary>An ACS stand-in: optional 429s on send, 202 + Operation-Location, then Running once and a final status.</summary>
    private static Task<LocalHttpListener> StartAcsAsync(int throttledSends = 0, string finalStatus = "Succeeded")
    {
        var sends = 0;
        var polls = 0;
        return LocalHttpListener.StartAsync(async (context, request) =>
        {
            context.Response.ContentType = "application/json";
            if (!SignatureValid(context, request))
            {
                context.Response.StatusCode = 401;
                context.Response.Headers["x-ms-error-code"] = "Denied";
                await context.Response.WriteAsync("{\"error\":{\"code\":\"Denied\",\"message\":\"Denied by the resource provider.\"}}");
                return;
            }

            var opId = request.Header("Operation-Id") ?? "none";
            if (request.Method == "POST" && request.RawTarget == "/emails:send?api-version=2023-03-31")
            {
                if (Interlocked.Increment(ref sends) <= throttledSends)
                {
                    context.Response.StatusCode = 429;
                    context.Response.Headers["Retry-After"] = "1";
                    await context.Response.WriteAsync("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}");
                    return;
                }

                context.Response.StatusCode = 202;
                context.Response.Headers["Operation-Location"] = $"http://{context.Request.Host.Value}/emails/operations/{opId}?api-version=2023-03-31";
                context.Response.Headers["retry-after"] = "1";
                await context.Response.WriteAsync($"{{\"id\":\"{opId}\",\"status\":\"Running\"}}");
                return;
            }

            if (request.Method == "GET" && request.RawTarget.StartsWith("/emails/operations/", StringComparison.Ordinal))
            {
                var id = request.RawTarget["/emails/operations/".Length..request.RawTarget.IndexOf('?', StringComparison.Ordinal)];
                if (Interlocked.Increment(ref polls) == 1)
                {
                    context.Response.Headers["retry-after"] = "1";
                    await context.Response.WriteAsync($"{{\"id\":\"{id}\",\"status\":\"Running\"}}");
                    return;
                }

                var error = finalStatus == "Failed" ? ",\"error\":{\"code\":\"RecipientRejected\",\"message\":\"The mailbox does not exist.\"}" : string.Empty;
                await context.Response.WriteAsync($"{{\"id\":\"{id}\",\"status\":\"{finalStatus}\"{error}}}");
                return;
            }

            context.Response.StatusCode = 404;
        });
    }

    [Fact]
    public async Task SendAsync_ThroughChannel_SignedSendThenPollsHonouringRetryAfterUntilSucceeded()
    {
        await using var listener = await StartAcsAsync();
        var subscriber = new Subscriber("ops", "Ops", SubscriberChannel.Email, "ops@example.org", null, new SubscriptionFilter());
        var channel = new AcsEmailChannel(
            Client(listener, Key),
            new AlertComposer(),
            Options.Create(new AcsEmailOptions { Endpoint = listener.BaseAddress, SenderAddress = "DoNotReply@alerts.example.net" }),
            Options.Create(new DeliveryOptions { ReplyTo = "desk@example.org" }));
        var delivery = new AlertDeliveryContext(TestAlerts.TalksSuspended(), subscriber);

        await channel.SendAsync(delivery, CancellationToken.None);

        var requests = listener.Requests.ToArray();
        Assert.Equal(["POST", "GET", "GET"], requests.Select(r => r.Method));
        Assert.Equal(AcsEmailClient.OperationIdFor(delivery.Id).ToString(), requests[0].Header("Operation-Id"));
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.9), "the first poll waits for retry-after");
        Assert.True(requests[2].ReceivedAt - requests[1].ReceivedAt >= TimeSpan.FromSeconds(0.9), "the second poll waits for retry-after");
        var body = JsonNode.Parse(requests[0].BodyText)!;
        Assert.Equal("DoNotReply@alerts.example.net", (string?)body["senderAddress"]);
        Assert.Equal("Talks suspended: Varnia–Ostrel border talks", (string?)body["content"]!["subject"]);
        Assert.Contains("held → suspended", (string?)body["content"]!["plainText"]);
        Assert.Contains("<blockquote", (string?)body["content"]!["html"]);
        Assert.Equal("ops@example.org", (string?)body["recipients"]!["to"]![0]!["address"]);
        Assert.Equal("desk@example.org", (string?)body["replyTo"]![0]!["address"]);
    }

    [Fact]
    public async Task SendAsync_ThrottledWithRetryAfter_RetriesSameOperationIdAfterTheDelay()
    {
        await using var listener = await StartAcsAsync(throttledSends: 1);
        var operationId = AcsEmailClient.OperationIdFor("b7d210/ops");

        var result = await Client(listener, Key).SendAsync(Message(), operationId, CancellationToken.None);

        Assert.Equal("Succeeded", result.Status);
        var sends = listener.Requests.Where(r => r.Method == "POST").ToArray();
        Assert.Equal(2, sends.Length);
        Assert.All(sends, s => Assert.Equal(operationId.ToString(), s.Header("Operation-Id")));
        Assert.True(sends[1].ReceivedAt - sends[0].ReceivedAt >= TimeSpan.FromSeconds(0.9), "the retry waits for Retry-After: 1");
    }

    [Fact]
    public async Task SendAsync_OperationFails_ThrowsRequestFailedExceptionWithServiceErrorCode()
    {
        await using var listener = await StartAcsAsync(finalStatus: "Failed");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Client(listener, Key).SendAsync(Message(), Guid.NewGuid(), CancellationToken.None));

        Assert.Equal("RecipientRejected", ex.ErrorCode);
        Assert.Contains("Failed", ex.Message);
    }

    [Fact]
    public async Task SendAsync_WrongKey_ServerRejectsSignatureWith401()
    {
        await using var listener = await StartAcsAsync();
        var otherKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("some-other-key-that-is-not-valid"));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Client(listener, otherKey).SendAsync(Message(), Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(401, ex.Status);
        Assert.Equal("Denied", ex.ErrorCode);
        Assert.DoesNotContain(otherKey, ex.Message);
    }

    [Fact]
    public void OperationIdFor_SameDelivery_SameVersion5Uuid()
    {
        var first = AcsEmailClient.OperationIdFor("a1f3c9/ops");

        Assert.Equal(first, AcsEmailClient.OperationIdFor("a1f3c9/ops"));
        Assert.NotEqual(first, AcsEmailClient.OperationIdFor("a1f3c9/desk"));
        Assert.Equal('5', first.ToString()[14]);
    }

    [Fact]
    public void StringToSign_DocumentedLayout()
    {
        var text = AcsHmacAuthenticationPolicy.StringToSign("post", "/emails:send?api-version=2023-03-31", "Sat, 21 Nov 2026 16:00:00 GMT", "res.communication.azure.com", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");

        Assert.Equal("POST\n/emails:send?api-version=2023-03-31\nSat, 21 Nov 2026 16:00:00 GMT;res.communication.azure.com;47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", text);
    }

    private static AcsEmailMessage Message() => new("DoNotReply@alerts.example.net", ["ops@example.org"], "Attack: drones hit Drossel Depot", "text", "<p>html</p>");
}
