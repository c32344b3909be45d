using System.Collections.Concurrent;
using System.Xml.Linq;
using Alerts.Core;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Storage;

/// <summary>
/// Blob names that <see cref="BlobNames.Problem"/> refuses, seen in a container listing. A storage client turns a name with
/// <c>..</c> segments into a URL of another container (the SDK normalises the path), so such a name is taken out of every
/// listing (<see cref="UnsafeNameListingPolicy"/>) before any code, the trigger engine's receipts included, can use it as a
/// path; it is recorded here so the pipeline can quarantine it by name, as data.
/// </summary>
public sealed class UnsafeBlobNames
{
    private readonly ConcurrentDictionary<(string Container, string Name), bool> _seen = new();

    /// <summary>Records a refused name; true the first time it is seen.</summary>
    public bool Add(string container, string name) => _seen.TryAdd((container, name), false);

    /// <summary>The names seen and not yet reported with <see cref="MarkReported"/>.</summary>
    public IReadOnlyList<(string Container, string Name)> Unreported() => [.. _seen.Where(p => !p.Value).Select(p => p.Key)];

    public void MarkReported(string container, string name) => _seen[(container, name)] = true;
}

/// <summary>
/// A pipeline policy on every storage client (the WebJobs engine's included): drops from each blob listing the entries whose
/// names are unsafe and records them in <see cref="UnsafeBlobNames"/>.
/// </summary>
public sealed class UnsafeNameListingPolicy(UnsafeBlobNames names) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Filter(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Filter(message);
    }

    private void Filter(HttpMessage message)
    {
        var query = message.Request.Uri.Query;
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200 || message.Response.ContentStream is not { } content
            || !query.Contains("comp=list", StringComparison.Ordinal) || !query.Contains("restype=container", StringComparison.Ordinal))
        {
            return;
        }

        var document = XDocument.Load(content);
        var container = document.Root?.Attribute("ContainerName")?.Value ?? message.Request.Uri.Path.Trim('/').Split('/')[^1];
        var removed = false;
        foreach (var blob in document.Descendants("Blob").ToList())
        {
            if (blob.Element("Name")?.Value is { } name && BlobNames.Problem(name) is not null)
            {
                names.Add(container, name);
                blob.Remove();
                removed = true;
            }
        }

        if (!removed && content.CanSeek)
        {
            content.Position = 0;
            return;
        }

        content.Dispose();
        var buffer = new MemoryStream();
        document.Save(buffer, SaveOptions.DisableFormatting);
        buffer.Position = 0;
        message.Response.ContentStream = buffer;
    }
}
