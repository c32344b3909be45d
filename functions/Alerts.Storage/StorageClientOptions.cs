using Azure.Core;

namespace Alerts.Storage;

/// <summary>Options of the blob and queue clients: Azure.Core's retry, diagnostics and transport settings, plus the service version.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The <c>x-ms-version</c> every request sends; old enough for every Azurite since 3.22 and every Azure region.</summary>
    public const string DefaultServiceVersion = "2021-12-02";

    public StorageClientOptions()
    {
        foreach (var header in new[] { "x-ms-version", "x-ms-error-code", "x-ms-request-id", "x-ms-blob-type", "x-ms-range", "x-ms-popreceipt", "x-ms-time-next-visible", "x-ms-approximate-messages-count", "Content-Range", "ETag", "Last-Modified", "If-Match", "If-None-Match" })
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }

        foreach (var parameter in new[] { "restype", "comp", "prefix", "marker", "maxresults", "include", "numofmessages", "visibilitytimeout", "messagettl", "peekonly" })
        {
            Diagnostics.LoggedQueryParameters.Add(parameter);
        }
    }

    public string ServiceVersion { get; set; } = DefaultServiceVersion;
}
