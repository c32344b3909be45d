using System.Net;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>Options of the Teams webhook pipeline (retries come from <see cref="DeliveryOptions"/>).</summary>
public sealed class TeamsWebhookClientOptions : ClientOptions;

/// <summary>
/// Posts the alert's Adaptive Card to a Teams Workflows webhook. The subscriber names the app setting holding the URL; the URL
/// must be https on an allowed host. The payload stays under the size limit by dropping evidence. 408, 429, 5xx and a 2xx whose
/// body reports "HTTP error 429" are retried with exponential backoff, honouring <c>Retry-After</c>. No URL ever reaches a log or
/// an exception message beyond its scheme and host.
/// </summary>
public sealed class TeamsWebhookChannel : IAlertChannel
{
    private readonly AlertComposer _composer;
    private readonly IConfiguration _configuration;
    private readonly DeliveryOptions _options;
    private readonly HttpPipeline _pipeline;

    public TeamsWebhookChannel(AlertComposer composer, IConfiguration configuration, IOptions<DeliveryOptions> options, TeamsWebhookClientOptions? clientOptions = null)
    {
        _composer = composer;
        _configuration = configuration;
        _options = options.Value;
        clientOptions ??= new TeamsWebhookClientOptions();
        clientOptions.Retry.MaxRetries = _options.MaxRetries;
        clientOptions.Retry.Delay = _options.RetryDelay;
        clientOptions.Retry.MaxDelay = _options.MaxRetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Diagnostics.IsLoggingEnabled = false;
        clientOptions.Diagnostics.IsDistributedTracingEnabled = false;
        clientOptions.Diagnostics.IsTelemetryEnabled = false;
        _pipeline = HttpPipelineBuilder.Build(clientOptions);
    }

    public ChannelKind Kind => ChannelKind.Teams;

    public Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken)
        => PostAsync(delivery.Subscriber, () => _composer.ComposeTeamsPayload(delivery.Alert, _options.MaxTeamsPayloadBytes).ToJsonString(), cancellationToken);

    public Task SendDigestAsync(DigestDeliveryContext digest, CancellationToken cancellationToken)
        => PostAsync(digest.Subscriber, () => _composer.ComposeDigestTeamsPayload(digest.Date, digest.Alerts, _options.MaxTeamsPayloadBytes).ToJsonString(), cancellationToken);

    private async Task PostAsync(Subscriber subscriber, Func<string> composePayload, CancellationToken cancellationToken)
    {
        var url = ResolveWebhook(subscriber);
        var where = AlertTextEncoding.SchemeAndHost(url);
        var payload = composePayload();

        var body = Encoding.UTF8.GetBytes(payload);
        for (var attempt = 0; ; attempt++)
        {
            using var message = _pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Post;
            message.Request.Uri.Reset(url);
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(body);
            try
            {
                // The pipeline retries 408, 429 and 5xx itself, honouring Retry-After.
                await _pipeline.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Transport failures (connection refused, reset, DNS) after the retries: say what, never the URL's path or query.
                throw new RequestFailedException(0, $"Teams webhook at {where} could not be reached after {_options.MaxRetries + 1} attempts: {Describe(ex)}", "WebhookUnreachable", null);
            }

            var response = message.Response;
            var throttled = !response.IsError && BodySaysThrottled(response);
            if (throttled && attempt < _options.MaxRetries)
            {
                // Classic connectors report throttling in a 2xx body, which the pipeline can't see before it buffers it.
                await Task.Delay(Backoff(attempt), cancellationToken);
                continue;
            }

            if (response.IsError || throttled)
            {
                throw new RequestFailedException(
                    response.Status,
                    $"Teams webhook at {where} answered {response.Status} {response.ReasonPhrase}{(throttled ? " (throttled: HTTP error 429 in the body)" : string.Empty)} after {_options.MaxRetries + 1} attempts.",
                    throttled ? "Throttled" : response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    null);
            }

            return;
        }
    }

    /// <summary>Reads the webhook URL from the named setting and checks it against the allow-list.</summary>
    /// <exception cref="InvalidOperationException">The setting is missing, or the URL is not an allowed https URL.</exception>
    public Uri ResolveWebhook(Subscriber subscriber)
    {
        var setting = subscriber.WebhookSetting ?? throw new InvalidOperationException($"Subscriber '{subscriber.Id}' names no webhookSetting.");
        var value = _configuration[setting] ?? _configuration[setting.Replace("__", ":", StringComparison.Ordinal)];
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"The app setting '{setting}' (webhook of subscriber '{subscriber.Id}') is not set.");
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url))
        {
            throw new InvalidOperationException($"The app setting '{setting}' does not hold an absolute URL.");
        }

        if (!IsAllowed(url, _options))
        {
            throw new InvalidOperationException(
                $"The webhook in '{setting}' ({AlertTextEncoding.SchemeAndHost(url)}) is not allowed: it must be https on one of {string.Join(", ", _options.EffectiveTeamsWebhookHosts)} (Delivery:TeamsWebhookHosts).");
        }

        return url;
    }

    public static bool IsAllowed(Uri url, DeliveryOptions options)
    {
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(options.AllowLoopbackHttpWebhooks && url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)))
        {
            return false;
        }

        var host = url.IdnHost.TrimEnd('.');
        return options.EffectiveTeamsWebhookHosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsLoopback(Uri url) => url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string Describe(Exception ex)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[^1] : ex;
        while (inner.InnerException is not null && inner is RequestFailedException { Status: 0 })
        {
            inner = inner.InnerException;
        }

        return AlertTextEncoding.Truncate(AlertTextEncoding.RedactUrls($"{inner.GetType().Name}: {inner.Message}"), 300);
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = _options.RetryDelay * Math.Pow(2, attempt);
        return delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    private static bool BodySaysThrottled(Response response)
    {
        try
        {
            var content = response.Content;
            return content.ToMemory().Length < 4_096 && content.ToString().Contains("HTTP error 429", StringComparison.OrdinalIgnoreCase);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
