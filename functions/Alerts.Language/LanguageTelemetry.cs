using System.Diagnostics.Metrics;
using Alerts.Core;

namespace Alerts.Language;

/// <summary>Cost and latency instruments of the Language service, on the product's <c>Alerts</c> meter.</summary>
internal static class LanguageTelemetry
{
    public static readonly Counter<long> Calls = AlertsTelemetry.Meter.CreateCounter<long>(
        "alerts.language.calls", description: "Requests sent to the Language analyze-text API, by kind and outcome.");

    public static readonly Counter<long> Documents = AlertsTelemetry.Meter.CreateCounter<long>(
        "alerts.language.documents", description: "Documents sent to the Language service.");

    public static readonly Counter<long> Characters = AlertsTelemetry.Meter.CreateCounter<long>(
        "alerts.language.characters", description: "Characters (text elements) sent to the Language service.");

    public static readonly Counter<long> TextRecords = AlertsTelemetry.Meter.CreateCounter<long>(
        "alerts.language.text_records", description: "Billed text records: one per started 1,000 characters of each document.");

    public static readonly Counter<long> DocumentErrors = AlertsTelemetry.Meter.CreateCounter<long>(
        "alerts.language.document_errors", description: "Documents the service answered with an error, by error code.");

    public static readonly Histogram<double> Latency = AlertsTelemetry.Meter.CreateHistogram<double>(
        "alerts.language.latency", unit: "ms", description: "Latency of analyze-text calls, retries included.");

    /// <summary>Billed text records of one document: 1 per started 1,000 characters.</summary>
    public static int TextRecordsOf(int characters) => (characters + 999) / 1000;
}
