using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Alerts.Core;

/// <summary>An <see cref="IDocumentStore"/> in process memory, with the same ETag semantics as blob storage. For replays and tests.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private long _version;

    public Task<StoredDocument?> GetAsync(string path, CancellationToken cancellationToken)
        => Task.FromResult(_documents.TryGetValue(path, out var document) ? document : null);

    public Task<string> PutAsync(string path, BinaryData content, WriteCondition condition, CancellationToken cancellationToken)
    {
        var etag = $"\"0x{Interlocked.Increment(ref _version):X}\"";
        var next = new StoredDocument(BinaryData.FromBytes(content.ToArray()), etag);
        if (condition.IfNotExists)
        {
            if (!_documents.TryAdd(path, next))
            {
                throw new DocumentConflictException(path);
            }
        }
        else if (condition.IfMatch is { } ifMatch)
        {
            if (!_documents.TryGetValue(path, out var current) || current.ETag != ifMatch || !_documents.TryUpdate(path, next, current))
            {
                throw new DocumentConflictException(path);
            }
        }
        else
        {
            _documents[path] = next;
        }

        return Task.FromResult(etag);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var path in _documents.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return path;
        }
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken) => Task.FromResult(_documents.TryRemove(path, out _));
}
