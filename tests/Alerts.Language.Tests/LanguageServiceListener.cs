using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Language.Tests;

/// <summary>One request the listener received.</summary>
internal sealed record ReceivedRequest(
    string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonObject Body, DateTimeOffset ReceivedAt)
{
    public string Kind => (string)Body["kind"]!;

    public IReadOnlyList<JsonObject> Documents => [.. Body["analysisInput"]!["documents"]!.AsArray().Select(d => d!.AsObject())];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What the listener answers.</summary>
internal sealed record CannedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static CannedResponse Json(JsonNode body) => new(200, body.ToJsonString());
}

/// <summary>A real HTTP listener (Kestrel on 127.0.0.1, port 0) standing in for the Language analyze-text endpoint.</summary>
internal sealed class LanguageServiceListener : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Func<ReceivedRequest, CannedResponse> respond;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    private LanguageServiceListener(WebApplication app, Func<ReceivedRequest, CannedResponse> respond)
    {
        this.app = app;
        this.respond = respond;
    }

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. received];

    public static async Task<LanguageServiceListener> StartAsync(Func<ReceivedRequest, CannedResponse> respond, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var listener = new LanguageServiceListener(app, respond);
        app.Run(listener.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var request = new ReceivedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            JsonNode.Parse(text)!.AsObject(),
            DateTimeOffset.UtcNow);
        received.Enqueue(request);

        var answer = respond(request);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(answer.Body);
    }
}
