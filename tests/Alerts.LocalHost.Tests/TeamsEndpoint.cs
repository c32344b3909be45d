using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Alerts.Core;
using Alerts.Delivery;
using Alerts.Testing;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;

namespace Alerts.LocalHost.Tests;

/// <summary>
/// A Teams Workflows webhook on 127.0.0.1 (a real Kestrel listener) for a subscriber <c>ops-teams</c>: counts the alerts it
/// accepts by id, and answers with the status the test sets (200 by default).
/// </summary>
internal sealed class TeamsEndpoint : IAsyncDisposable
{
    private const string Setting = "Teams__Ops";

    private readonly LocalHttpListener _listener;

    private TeamsEndpoint(LocalHttpListener listener) => _listener = listener;

    /// <summary>What the endpoint answers; 200 records the alert as delivered.</summary>
    public int Status { get; set; } = 200;

    /// <summary>How long each answer takes; a request whose caller goes away meanwhile delivers nothing.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Alerts accepted (answered 200), by id, with how many times each was posted.</summary>
    public ConcurrentDictionary<string, int> Delivered { get; } = new(StringComparer.Ordinal);

    public int Requests => _listener.Requests.Count;

    /// <summary>The settings the local host needs to post here: the webhook URL and an allow-list of loopback over http.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [Setting] = new Uri(_listener.BaseAddress, "workflows/ops/triggers/manual/paths/invoke?api-version=1&sig=local").AbsoluteUri,
        ["Delivery__TeamsWebhookHosts__0"] = "127.0.0.1",
        ["Delivery__AllowLoopbackHttpWebhooks"] = "true",
    };

    public static async Task<TeamsEndpoint> StartAsync()
    {
        TeamsEndpoint? endpoint = null;
        var listener = await LocalHttpListener.StartAsync(async (context, request) =>
        {
            try
            {
                await Task.Delay(endpoint!.Latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the caller hung up (or died) before the answer: nothing was delivered
            }

            context.Response.StatusCode = endpoint.Status;
            if (endpoint.Status == 200)
            {
                endpoint.Delivered.AddOrUpdate(AlertIdOf(request.BodyText), 1, (_, n) => n + 1);
                await context.Response.WriteAsync("1");
            }
        });
        endpoint = new TeamsEndpoint(listener);
        return endpoint;
    }

    /// <summary>Makes <c>ops-teams</c> (this endpoint) the only subscriber, in the storage behind <paramref name="connectionString"/>.</summary>
    public static async Task SubscribeAsync(string connectionString)
    {
        var state = new BlobServiceClient(connectionString).GetBlobContainerClient(PipelineNames.StateContainer);
        await state.CreateIfNotExistsAsync();
        await state.GetBlobClient(SubscriptionCatalog.DocumentPath).UploadAsync(BinaryData.FromString(
            $$"""{"subscribers":[{"id":"ops-teams","name":"Ops","channel":"teams","webhookSetting":"{{Setting}}"}]}"""), overwrite: true);
    }

    public Task WaitForDeliveriesAsync(int count, TimeSpan timeout, Func<string> describe)
        => Eventually.TrueAsync(() => Task.FromResult(Delivered.Count >= count), timeout, () => $"{Delivered.Count} of {count} alerts reached Teams.\n{describe()}");

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private static string AlertIdOf(string payload)
    {
        var facts = JsonNode.Parse(payload)!["attachments"]![0]!["content"]!["body"]!.AsArray().Single(b => (string?)b!["type"] == "FactSet")!["facts"]!.AsArray();
        return AlertTextEncoding.UnescapeMarkdown(facts.Single(f => (string?)f!["title"] == "Alert id")!["value"]!.GetValue<string>());
    }
}
