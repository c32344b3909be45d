using System.Collections.Concurrent;
using System.Text.Json;
using Alerts.Core;

namespace Alerts.LocalHost;

/// <summary>Prints each alert once, as its first delivery goes out.</summary>
public sealed class AlertConsole(IDocumentStore state, TextWriter output)
{
    private readonly ConcurrentDictionary<string, byte> _printed = new(StringComparer.Ordinal);

    public int Printed => _printed.Count;

    public async Task AnnounceAsync(AlertDeliveryMessage delivery, CancellationToken cancellationToken)
    {
        if (!_printed.TryAdd(delivery.AlertId, 0))
        {
            return;
        }

        var stored = await state.GetAsync(ChangeProcessor.AlertPath(delivery.AlertId), cancellationToken);
        if (stored is null)
        {
            return;
        }

        var alert = JsonSerializer.Deserialize(stored.Content.ToString(), AlertsJsonContext.Default.Alert)!;
        var kind = JsonSerializer.Serialize(alert.Kind, AlertsJsonContext.Default.AlertKind).Trim('"');
        var figures = string.Join(", ", new[] { alert.Killed is > 0 and var k ? $"{k} killed" : null, alert.Injured is > 0 and var i ? $"{i} injured" : null }.OfType<string>());
        lock (output)
        {
            output.WriteLine($"ALERT {kind,-17} {alert.Headline}{(figures.Length > 0 ? $" ({figures})" : "")}");
            output.WriteLine($"      after {alert.ArticleName} | {alert.EventKey} | severity {alert.Severity.ToString().ToLowerInvariant()} | sources {alert.SourceCount} | id {alert.Id}");
            output.Flush();
        }
    }
}
