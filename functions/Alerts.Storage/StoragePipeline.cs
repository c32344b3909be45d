using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Storage;

/// <summary>
/// The one <see cref="HttpPipeline"/> of a storage service endpoint: Azure.Core's retries and logging, then Shared Key
/// signing or a bearer token per attempt. Failures become <see cref="RequestFailedException"/> whose
/// <see cref="RequestFailedException.ErrorCode"/> is the <c>x-ms-error-code</c> header.
/// </summary>
internal sealed class StoragePipeline
{
    private readonly string _serviceVersion;

    public StoragePipeline(StorageConnection connection, Uri endpoint, StorageClientOptions options, TimeProvider? timeProvider = null)
    {
        Endpoint = endpoint;
        _serviceVersion = options.ServiceVersion;
        HttpPipelinePolicy authentication = connection.SharedKey is { } sharedKey
            ? new StorageSharedKeyPolicy(sharedKey, timeProvider ?? TimeProvider.System)
            : new BearerTokenAuthenticationPolicy(connection.TokenCredential!, StorageConnection.StorageScope);
        Pipeline = HttpPipelineBuilder.Build(new HttpPipelineOptions(options)
        {
            PerRetryPolicies = { authentication },
            RequestFailedDetailsParser = ErrorParser,
        });
    }

    public static StorageErrorParser ErrorParser { get; } = new();

    public Uri Endpoint { get; }

    public HttpPipeline Pipeline { get; }

    /// <summary>A message to <c>{endpoint}/{path}</c>; <paramref name="path"/> is already escaped.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Endpoint);
        if (path.Length > 0)
        {
            request.Uri.AppendPath("/" + path, escape: false);
        }

        request.Headers.SetValue("x-ms-version", _serviceVersion);
        return message;
    }

    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    public static RequestFailedException Failure(Response response) => new(response, null, ErrorParser);

    /// <summary>Escapes each segment of a blob name, keeping its slashes.</summary>
    public static string EscapePath(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    public static string? Header(Response response, string name) => response.Headers.TryGetValue(name, out var value) ? value : null;

    public static DateTimeOffset ParseDate(string? value)
        => value is null ? default : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static XDocument ReadXml(Response response)
    {
        using var stream = response.Content.ToStream();
        return XDocument.Load(stream);
    }

    /// <summary>Reads Storage's error: the code from <c>x-ms-error-code</c> (or the XML body), the message from the XML body.</summary>
    internal sealed class StorageErrorParser : RequestFailedDetailsParser
    {
        public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
        {
            data = null;
            string? code = Header(response, "x-ms-error-code");
            string? message = null;
            try
            {
                if (response.ContentStream is { CanSeek: true } && !response.Content.ToMemory().IsEmpty)
                {
                    var root = XDocument.Parse(response.Content.ToString()).Root;
                    code ??= root?.Element("Code")?.Value;
                    message = root?.Element("Message")?.Value.Split('\n')[0].Trim();
                }
            }
            catch (XmlException)
            {
                // Not an XML error body: the header alone is enough.
            }

            error = code is null && message is null ? null : new ResponseError(code, message ?? code);
            return error is not null;
        }
    }
}
