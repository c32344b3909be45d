using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Core;

namespace Alerts.Delivery;

/// <summary>
/// The subscribers, read from the <c>subscriptions.json</c> state document (editable without a redeploy). The parsed list (or
/// the problems of an invalid document) is kept until the document's ETag changes: every call is one conditional read
/// (<c>If-None-Match</c>) that downloads and parses the document only when it changed, so each alert sees the subscribers of
/// the moment. With no document, the only subscriber is <see cref="Subscriber.LocalOutbox"/>.
/// </summary>
public sealed partial class SubscriptionCatalog(IDocumentStore store)
{
    public const string DocumentPath = "subscriptions.json";

    private volatile Parsed? _cached;

    /// <exception cref="SubscriptionsInvalidException">The document is not valid; the message says which subscriber and field.</exception>
    public async Task<IReadOnlyList<Subscriber>> GetSubscribersAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        var document = await store.GetIfChangedAsync(DocumentPath, cached?.ETag, cancellationToken);
        if (document is null)
        {
            return [Subscriber.LocalOutbox];
        }

        if (cached is null || cached.ETag != document.ETag)
        {
            try
            {
                cached = new Parsed(document.ETag, Parse(document.Content.ToString()), null);
            }
            catch (SubscriptionsInvalidException invalid)
            {
                cached = new Parsed(document.ETag, [], invalid.Errors);
            }

            _cached = cached;
        }

        return cached.Errors is { } errors ? throw new SubscriptionsInvalidException(errors) : cached.Subscribers;
    }

    public async Task<Subscriber?> FindAsync(string subscriberId, CancellationToken cancellationToken)
        => (await GetSubscribersAsync(cancellationToken)).FirstOrDefault(s => s.Id == subscriberId);

    /// <summary>Parses and validates a subscriptions document.</summary>
    /// <exception cref="SubscriptionsInvalidException">Every problem found, one per line.</exception>
    public static IReadOnlyList<Subscriber> Parse(string json)
    {
        SubscriptionsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, DeliveryJsonContext.Default.SubscriptionsDocument);
        }
        catch (JsonException ex)
        {
            throw new SubscriptionsInvalidException([$"{DocumentPath} is not valid JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): {ex.Message.Split('.')[0]}."]);
        }

        if (document?.Subscribers is not { } entries)
        {
            throw new SubscriptionsInvalidException([$"{DocumentPath} needs a \"subscribers\" array."]);
        }

        var errors = new List<string>();
        var subscribers = new List<Subscriber>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var who = string.IsNullOrWhiteSpace(entry.Id) ? $"subscriber #{i + 1}" : $"subscriber '{entry.Id}' (#{i + 1})";
            void Fail(string field, string problem) => errors.Add($"{who}: {field}: {problem}");
            var before = errors.Count;

            if (string.IsNullOrWhiteSpace(entry.Id))
            {
                Fail("id", "is required.");
            }
            else if (!IdPattern().IsMatch(entry.Id))
            {
                Fail("id", "use 1-64 lowercase letters, digits, '-' or '_'.");
            }
            else if (!ids.Add(entry.Id))
            {
                Fail("id", "is used by an earlier subscriber.");
            }

            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                Fail("name", "is required.");
            }

            var channel = ParseEnum<SubscriberChannel>(entry.Channel, "channel", "email, teams or outbox", Fail);
            if (channel == SubscriberChannel.Email && !IsEmailAddress(entry.Email))
            {
                Fail("email", entry.Email is null ? "is required for channel 'email'." : $"'{entry.Email}' is not an email address.");
            }

            if (channel == SubscriberChannel.Teams)
            {
                if (string.IsNullOrWhiteSpace(entry.WebhookSetting))
                {
                    Fail("webhookSetting", "is required for channel 'teams': the NAME of the app setting that holds the webhook URL.");
                }
                else if (entry.WebhookSetting.Contains("://", StringComparison.Ordinal) || !SettingNamePattern().IsMatch(entry.WebhookSetting))
                {
                    Fail("webhookSetting", "must be the NAME of an app setting (for example Teams__OpsChannel), never the webhook URL itself.");
                }
            }

            var mode = entry.Mode is null ? DeliveryMode.Immediate : ParseEnum<DeliveryMode>(entry.Mode, "mode", "immediate or digest", Fail);
            TimeZoneInfo? zone = null; // Like digestHour, timeZone is ignored on an immediate subscriber.
            if (mode == DeliveryMode.Digest)
            {
                if (entry.DigestHour is not (>= 0 and <= 23))
                {
                    Fail("digestHour", "is required for mode 'digest': an hour from 0 to 23 (in timeZone, UTC when absent).");
                }

                if (entry.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(entry.TimeZone, out zone))
                {
                    Fail("timeZone", $"'{entry.TimeZone}' is not a known time zone: use an IANA id such as Europe/Berlin or America/Chicago, or leave it out for UTC.");
                }
            }

            var filter = ParseFilter(entry.Filters, Fail);
            if (errors.Count == before)
            {
                subscribers.Add(new Subscriber(entry.Id!, entry.Name!, channel, entry.Email, entry.WebhookSetting, filter, mode, mode == DeliveryMode.Digest ? entry.DigestHour : null, zone));
            }
        }

        return errors.Count == 0 ? subscribers : throw new SubscriptionsInvalidException(errors);
    }

    private static SubscriptionFilter ParseFilter(SubscriptionsDocument.FilterEntry? entry, Action<string, string> fail)
    {
        if (entry is null)
        {
            return new SubscriptionFilter();
        }

        var types = new List<EventType>();
        foreach (var name in entry.EventTypes ?? [])
        {
            if (EventTypeInfo.TryParse(name, out var type))
            {
                types.Add(type);
            }
            else
            {
                fail("filters.eventTypes", $"'{name}' is not an event type (one of {string.Join(", ", EventTypeInfo.Values.Select(v => v.WireName))}).");
            }
        }

        var severity = Severity.Low;
        if (entry.MinSeverity is not null && !Enum.TryParse(entry.MinSeverity, ignoreCase: true, out severity))
        {
            fail("filters.minSeverity", $"'{entry.MinSeverity}' is not low, medium, high or critical.");
        }

        return new SubscriptionFilter
        {
            Storylines = entry.Storylines ?? [],
            Keywords = [.. (entry.Keywords ?? []).Where(k => !string.IsNullOrWhiteSpace(k))],
            EventTypes = types,
            Places = entry.Places ?? [],
            Actors = entry.Actors ?? [],
            MinSeverity = severity,
        };
    }

    private static T ParseEnum<T>(string? value, string field, string allowed, Action<string, string> fail)
        where T : struct, Enum
    {
        if (value is not null && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        fail(field, value is null ? $"is required ({allowed})." : $"'{value}' is not {allowed}.");
        return default;
    }

    private static bool IsEmailAddress(string? value)
        => !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value, out var address) && address.Address == value && string.IsNullOrEmpty(address.DisplayName);

    private sealed record Parsed(string ETag, IReadOnlyList<Subscriber> Subscribers, IReadOnlyList<string>? Errors);

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,256}$")]
    private static partial Regex SettingNamePattern();
}

/// <summary>The subscriptions document is not valid. <see cref="Errors"/> says which subscriber and which field.</summary>
public sealed class SubscriptionsInvalidException(IReadOnlyList<string> errors)
    : Exception($"{SubscriptionCatalog.DocumentPath} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
