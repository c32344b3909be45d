using Alerts.Core;
using Azure;

namespace Alerts.Storage;

/// <summary>What an upload sends besides the bytes.</summary>
public sealed record BlobUploadOptions
{
    /// <summary>Defaults to <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Stored as <c>x-ms-meta-*</c>: names are C# identifiers, values printable ASCII.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary><see cref="WriteCondition.NotExists"/> sends <c>If-None-Match: *</c>; <see cref="WriteCondition.Matches"/> sends <c>If-Match</c>.</summary>
    public WriteCondition Condition { get; init; }
}

/// <param name="ETag">The new ETag, quoted as in HTTP headers.</param>
public sealed record BlobWriteResult(string ETag, DateTimeOffset LastModified);

/// <summary>A blob's properties, from Get Properties, Get Blob or List Blobs.</summary>
/// <param name="ETag">Quoted as in HTTP headers, e.g. <c>"0x8DC..."</c>; pass it back as <c>If-Match</c>.</param>
/// <param name="ContentLength">The blob's real length, even when a download was capped.</param>
/// <param name="Metadata">Case-insensitive names.</param>
public sealed record BlobProperties(
    string Name,
    string ETag,
    long ContentLength,
    DateTimeOffset LastModified,
    string ContentType,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>A downloaded blob; <see cref="Content"/> holds at most the requested number of bytes.</summary>
public sealed record BlobDownloadResult(BlobProperties Properties, BinaryData Content)
{
    /// <summary>True when the blob is longer than <see cref="Content"/> (the download was capped).</summary>
    public bool IsTruncated => Content.ToMemory().Length < Properties.ContentLength;
}

/// <summary>One page of List Blobs.</summary>
/// <param name="NextMarker">Pass to the next call; null when the listing is complete.</param>
public sealed record BlobPage(IReadOnlyList<BlobProperties> Blobs, string? NextMarker);

/// <summary>
/// A conditional write or delete lost: <c>If-Match</c> did not match (412 <c>ConditionNotMet</c>) or <c>If-None-Match: *</c>
/// found the blob (409 <c>BlobAlreadyExists</c>). <see cref="RequestFailedException.Status"/> and <c>ErrorCode</c> say which.
/// </summary>
public sealed class BlobConditionFailedException(Response response)
    : RequestFailedException(response, null, StoragePipeline.ErrorParser)
{
}
