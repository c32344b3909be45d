using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Alerts.Core;

/// <summary>A stored document and the ETag it was read with.</summary>
public sealed record StoredDocument(BinaryData Content, string ETag);

/// <summary>A condition on a write, for optimistic concurrency.</summary>
public readonly record struct WriteCondition
{
    private WriteCondition(string? ifMatch, bool ifNotExists)
    {
        IfMatch = ifMatch;
        IfNotExists = ifNotExists;
    }

    /// <summary>Write only if the stored ETag is this one.</summary>
    public string? IfMatch { get; }

    /// <summary>Write only if nothing is stored under the path yet.</summary>
    public bool IfNotExists { get; }

    public static WriteCondition None => default;

    public static WriteCondition NotExists => new(null, true);

    public static WriteCondition Matches(string etag) => new(etag ?? throw new ArgumentNullException(nameof(etag)), false);
}

/// <summary>Thrown when a conditional write loses: the document changed (or appeared) since it was read.</summary>
public sealed class DocumentConflictException(string path, Exception? inner = null)
    : Exception($"The document '{path}' was changed by someone else.", inner)
{
    public string Path { get; } = path;
}

/// <summary>
/// Small JSON documents addressed by path, with ETags: the product's state (storylines, applied articles, alerts,
/// deliveries, subscriptions). Blob storage in Azure and Azurite; in memory for replays and unit tests.
/// </summary>
public interface IDocumentStore
{
    /// <returns>The document, or null when nothing is stored under <paramref name="path"/>.</returns>
    Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// A conditional read (<c>If-None-Match</c>): when the stored ETag is still <paramref name="knownETag"/>, returns a document
    /// with that ETag and no content instead of downloading it again.
    /// </summary>
    /// <returns>The document, one with <paramref name="knownETag"/> and empty content when unchanged, or null when there is none.</returns>
    async Task<StoredDocument?> GetIfChangedAsync(string path, string? knownETag, CancellationToken cancellationToken)
    {
        var document = await GetAsync(path, cancellationToken);
        return document is not null && document.ETag == knownETag ? document with { Content = BinaryData.Empty } : document;
    }

    /// <returns>The new ETag.</returns>
    /// <exception cref="DocumentConflictException">The condition did not hold.</exception>
    Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken);

    /// <returns>Paths that start with <paramref name="prefix"/>, in ordinal order.</returns>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <returns>True when something was deleted.</returns>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken);
}

/// <summary>Keeps refused inputs with their reason; nothing dropped is ever lost.</summary>
public interface IQuarantine
{
    Task QuarantineAsync(ArticleInput input, ArticleRejection rejection, CancellationToken cancellationToken);
}

/// <summary>Read-modify-write of one JSON document under optimistic concurrency: the one way state is updated in place.</summary>
public static class DocumentStoreExtensions
{
    /// <summary>
    /// Reads the document at <paramref name="path"/>, lets <paramref name="mutate"/> decide what to write, and writes it on the
    /// ETag it was read with (<see cref="WriteCondition.NotExists"/> when there was none). When someone else wrote the document
    /// in between, reads it again and calls <paramref name="mutate"/> again, at most <paramref name="maxAttempts"/> times in all;
    /// after that the <see cref="DocumentConflictException"/> propagates, so the message is retried by its queue.
    /// </summary>
    /// <param name="mutate">
    /// Given the stored document (a fresh copy on every attempt, so it may be changed in place; null when there is none), returns
    /// the document to write, or null to write nothing.
    /// </param>
    /// <returns>The document written, or null when <paramref name="mutate"/> wrote nothing.</returns>
    public static async Task<T?> UpdateAsync<T>(
        this IDocumentStore store, string path, JsonTypeInfo<T> typeInfo, Func<T?, T?> mutate, int maxAttempts, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(path, cancellationToken);
            if (mutate(stored is null ? null : JsonSerializer.Deserialize(stored.Content, typeInfo)) is not { } next)
            {
                return null;
            }

            try
            {
                var condition = stored is null ? WriteCondition.NotExists : WriteCondition.Matches(stored.ETag);
                await store.PutAsync(path, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(next, typeInfo)), condition, cancellationToken);
                return next;
            }
            catch (DocumentConflictException) when (attempt < maxAttempts)
            {
                // Changed since it was read: read it again and re-apply.
            }
        }
    }
}
