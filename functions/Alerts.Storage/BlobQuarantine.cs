using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace Alerts.Storage;

/// <summary>
/// <see cref="IQuarantine"/> over one blob container (default <see cref="PipelineNames.QuarantineContainer"/>). Each input gets a
/// folder of its own, named by <see cref="BlobNames.Key"/> of its name (one segment: no name can reach another folder or
/// collide with another input's files): <c>{key}/content</c> holds the original bytes with metadata <c>reason</c>,
/// <c>message</c> and <c>quarantinedAt</c>, and <c>{key}/reason.json</c> the full reason and the original name, as data.
/// Quarantining the same input again overwrites both, so retries are harmless.
/// </summary>
public sealed partial class BlobQuarantine(BlobContainerClient container, TimeProvider timeProvider, ILogger<BlobQuarantine> logger) : IQuarantine
{
    /// <summary>The blob of an input's folder that holds its bytes.</summary>
    public const string ContentBlob = "content";

    /// <summary>The blob of an input's folder that holds its reason.</summary>
    public const string ReasonBlob = "reason.json";

    /// <summary>The folder of the input named <paramref name="name"/>.</summary>
    public static string FolderOf(string name) => BlobNames.Key(name) + "/";

    private const int MaxMetadataMessageLength = 1024;
    private volatile bool _containerExists;

    public BlobContainerClient Container => container;

    public async Task QuarantineAsync(ArticleInput input, ArticleRejection rejection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rejection);
        if (!_containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _containerExists = true;
        }

        var reason = JsonSerializer.Serialize(rejection.Reason, AlertsJsonContext.Default.RejectionReason).Trim('"');
        var quarantinedAt = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>
        {
            ["reason"] = reason,
            ["message"] = MetadataText(rejection.Message),
            ["quarantinedAt"] = quarantinedAt,
        };
        await container.GetBlobClient(FolderOf(input.Name) + ContentBlob).UploadAsync(
            BinaryData.FromBytes(input.Content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = input.ContentType ?? "application/octet-stream" }, Metadata = metadata },
            cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(FolderOf(input.Name) + ReasonBlob).UploadAsync(
            ReasonDocument(input, reason, rejection.Message, quarantinedAt),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken).ConfigureAwait(false);
        LogQuarantined(input.Name, reason, input.Content.Length);
    }

    /// <summary>Metadata values must be printable ASCII: anything else becomes '?', and long messages are cut.</summary>
    internal static string MetadataText(string message)
    {
        var text = new StringBuilder(Math.Min(message.Length, MaxMetadataMessageLength));
        foreach (var c in message)
        {
            if (text.Length == MaxMetadataMessageLength)
            {
                break;
            }

            text.Append(c switch
            {
                >= ' ' and <= '~' => c,
                '\r' or '\n' or '\t' => ' ',
                _ => '?',
            });
        }

        return text.ToString().Trim();
    }

    private static BinaryData ReasonDocument(ArticleInput input, string reason, string message, string quarantinedAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", input.Name);
            json.WriteString("reason", reason);
            json.WriteString("message", message);
            json.WriteString("quarantinedAt", quarantinedAt);
            json.WriteNumber("length", input.Content.Length);
            if (input.ContentType is not null)
            {
                json.WriteString("contentType", input.ContentType);
            }

            json.WriteEndObject();
        }

        return BinaryData.FromBytes(buffer.ToArray());
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Quarantined {Name} ({Reason}, {Length} bytes)")]
    private partial void LogQuarantined(string name, string reason, int length);
}
