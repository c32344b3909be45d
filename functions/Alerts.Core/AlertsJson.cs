using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Core;

/// <summary>Source-generated JSON for every record that crosses a queue or lands in state.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(Article))]
[JsonSerializable(typeof(ArticleEvent))]
[JsonSerializable(typeof(ArticleEventsMessage))]
[JsonSerializable(typeof(AlertDeliveryMessage))]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(IReadOnlyList<Alert>))]
[JsonSerializable(typeof(ArticleRejection))]
[JsonSerializable(typeof(Modality))]
[JsonSerializable(typeof(AlertKind))]
[JsonSerializable(typeof(Severity))]
[JsonSerializable(typeof(EventType))]
[JsonSerializable(typeof(RejectionReason))]
[JsonSerializable(typeof(DateBasis))]
public sealed partial class AlertsJsonContext : JsonSerializerContext;
