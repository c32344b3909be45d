using System.Net;

namespace Alerts.Storage.Tests;

/// <summary>An HTTP handler that records each request and answers with the next queued status (then the last one again).</summary>
internal sealed class RecordingHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
{
    private int _next;

    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var status = statuses.Length == 0 ? HttpStatusCode.OK : statuses[Math.Min(_next++, statuses.Length - 1)];
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"0x1\"");
        return Task.FromResult(response);
    }
}

/// <summary>A clock that advances one minute each time it is read.</summary>
internal sealed class SteppingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private int _reads;

    public override DateTimeOffset GetUtcNow() => start.AddMinutes(_reads++);
}
