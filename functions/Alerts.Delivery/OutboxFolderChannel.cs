using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>
/// The local default channel: writes <c>{outbox}/{alertId}.eml</c> (the email as it would be sent) and
/// <c>{outbox}/{alertId}.card.json</c> (the Teams payload). Other subscribers routed here get <c>{alertId}.{subscriberId}.*</c>.
/// </summary>
public sealed class OutboxFolderChannel(AlertComposer composer, IOptions<DeliveryOptions> options, TimeProvider time) : IAlertChannel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public ChannelKind Kind => ChannelKind.Outbox;

    /// <summary>The outbox folder, resolved against the current directory.</summary>
    public string Folder => Path.GetFullPath(options.Value.OutboxPath);

    public static string FileStem(AlertDeliveryContext delivery)
    {
        var alert = SafeFileName(delivery.Alert.Id);
        return delivery.Subscriber.Id == Subscriber.LocalOutbox.Id ? alert : $"{alert}.{SafeFileName(delivery.Subscriber.Id)}";
    }

    public async Task SendAsync(AlertDeliveryContext delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var from = settings.From ?? "alerts@alerts.local";
        var envelope = new EmailEnvelope(from, settings.FromName, delivery.Subscriber.Email ?? "outbox@alerts.local", settings.ReplyTo, delivery.Alert.Id, null, delivery.Alert.Id);
        var eml = AlertEmailMessage.ToEml(AlertEmailMessage.Create(composer.ComposeEmail(delivery.Alert), envelope, time.GetUtcNow()));
        var card = composer.ComposeTeamsPayload(delivery.Alert, settings.MaxTeamsPayloadBytes).ToJsonString(Indented);
        await WriteAsync(FileStem(delivery), eml, card, cancellationToken);
    }

    /// <summary>Writes <c>{outbox}/{digestId}.eml</c> and <c>{outbox}/{digestId}.card.json</c>.</summary>
    public async Task SendDigestAsync(DigestDeliveryContext digest, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var from = settings.From ?? "alerts@alerts.local";
        var envelope = new EmailEnvelope(from, settings.FromName, digest.Subscriber.Email ?? "outbox@alerts.local", settings.ReplyTo, digest.Id, null, null);
        var eml = AlertEmailMessage.ToEml(AlertEmailMessage.Create(composer.ComposeDigestEmail(digest.Date, digest.Alerts), envelope, time.GetUtcNow()));
        var card = composer.ComposeDigestTeamsPayload(digest.Date, digest.Alerts, settings.MaxTeamsPayloadBytes).ToJsonString(Indented);
        await WriteAsync(SafeFileName(digest.Id), eml, card, cancellationToken);
    }

    private async Task WriteAsync(string fileStem, string eml, string card, CancellationToken cancellationToken)
    {
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, fileStem);
        await WriteAtomicallyAsync(stem + ".eml", eml, cancellationToken);
        await WriteAtomicallyAsync(stem + ".card.json", card, cancellationToken);
    }

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static string SafeFileName(string value)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Concat(value.Select(c => invalid.Contains(c) || c is '/' or '\\' or ':' ? '_' : c));
    }
}
