using System.ComponentModel.DataAnnotations;

namespace Alerts.Delivery;

/// <summary>Settings of alert delivery shared by every channel.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Hosts a Teams webhook URL may point at when <see cref="TeamsWebhookHosts"/> is not set. <c>*.</c> matches any subdomain.</summary>
    public static readonly IReadOnlyList<string> DefaultTeamsWebhookHosts =
        ["*.webhook.office.com", "*.logic.azure.com", "*.powerplatform.com", "*.environment.api.powerplatform.com"];

    /// <summary>Folder of the local outbox (<c>.eml</c> and <c>.card.json</c> files), relative to the current directory unless rooted.</summary>
    [Required]
    public string OutboxPath { get; set; } = Path.Combine(".alerts", "outbox");

    /// <summary>Sender address of email alerts; required when SMTP or ACS is configured.</summary>
    [EmailAddress]
    public string? From { get; set; }

    /// <summary>Display name of the sender.</summary>
    public string FromName { get; set; } = "Alerts";

    [EmailAddress]
    public string? ReplyTo { get; set; }

    /// <summary>Allowed Teams webhook hosts; empty means <see cref="DefaultTeamsWebhookHosts"/>.</summary>
    public string[] TeamsWebhookHosts { get; set; } = [];

    /// <summary>Also accept plain-http webhook URLs on loopback hosts (127.0.0.1, ::1, localhost). For local tests only.</summary>
    public bool AllowLoopbackHttpWebhooks { get; set; }

    /// <summary>Largest Teams payload sent; evidence is trimmed to fit. Teams refuses messages over about 28 KB.</summary>
    [Range(4_096, 28 * 1024)]
    public int MaxTeamsPayloadBytes { get; set; } = 27 * 1024;

    /// <summary>
    /// Retries inside one delivery attempt (Teams and ACS), after which the queue retries the message (host.json: every 10 s,
    /// 5 dequeues). With the defaults one attempt rides out about 30 s (2+4+8+16 s), so a 60-second outage ends in delivery.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; doubles per retry, and a longer <c>Retry-After</c> wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a send's claim on a delivery holds without renewal: the sender renews it every third of this while the channel
    /// works, another copy of the message waits for the outcome while it holds, and a claim not renewed for this long (its
    /// sender died) is taken over. The sender also retries recording its outcome (through a storage outage) for as long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan SendClaim { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> EffectiveTeamsWebhookHosts => TeamsWebhookHosts.Length > 0 ? TeamsWebhookHosts : DefaultTeamsWebhookHosts;
}

/// <summary>An SMTP relay for email alerts. Configured when <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Delivery:Smtp";

    public string? Host { get; set; }

    [Range(1, 65_535)]
    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS before anything else is sent; refuse a server that can't.</summary>
    public bool UseStartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Name sent in EHLO.</summary>
    public string ClientName { get; set; } = "alerts";

    /// <summary>Optional SHA-256 thumbprint (hex) of a self-signed relay certificate to accept; otherwise the certificate must chain to a trusted root.</summary>
    public string? ServerCertificateSha256 { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Azure Communication Services Email. Configured when <see cref="Endpoint"/> is set; without <see cref="AccessKey"/> it uses managed identity.</summary>
public sealed class AcsEmailOptions
{
    public const string SectionName = "Delivery:Acs";

    /// <summary>For example <c>https://my-resource.communication.azure.com</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Base64 access key of the resource (HMAC). Leave empty to use managed identity.</summary>
    public string? AccessKey { get; set; }

    /// <summary>A sender on a verified domain (<c>DoNotReply@…</c>); defaults to <see cref="DeliveryOptions.From"/>.</summary>
    [EmailAddress]
    public string? SenderAddress { get; set; }

    /// <summary>Longest wait for a send operation to reach a terminal status.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan MaxPollDuration { get; set; } = TimeSpan.FromMinutes(2);

    public bool IsConfigured => Endpoint is not null;
}
