using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Alerts.Core;

/// <summary>The one <see cref="ActivitySource"/> and <see cref="Meter"/> of the product, both named <c>Alerts</c>.</summary>
public static class AlertsTelemetry
{
    public const string Name = "Alerts";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> ArticlesReceived = Meter.CreateCounter<long>("alerts.articles.received", description: "Articles read from storage.");

    public static readonly Counter<long> ArticlesQuarantined = Meter.CreateCounter<long>("alerts.articles.quarantined", description: "Inputs refused and quarantined, by reason.");

    public static readonly Counter<long> EventsExtracted = Meter.CreateCounter<long>("alerts.events.extracted", description: "Events extracted, by type and modality.");

    public static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>("alerts.alerts.raised", description: "Alerts raised, by kind.");

    public static readonly Counter<long> DeliveriesRouted = Meter.CreateCounter<long>("alerts.deliveries.routed", description: "Delivery messages emitted (one per alert and subscriber).");
}
