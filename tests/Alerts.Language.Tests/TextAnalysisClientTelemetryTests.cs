using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Alerts.Core;
using Azure;
using Microsoft.Extensions.Logging;

namespace Alerts.Language.Tests;

public sealed class TextAnalysisClientTelemetryTests
{
    private const string Key = "secret-key-do-not-log-9f2";

    [Fact]
    public async Task RecognizeEntitiesAsync_TwoDocuments_RecordsCallsTextRecordsAndLatency()
    {
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r, []));
        var logs = new ListLogger();
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key), logger: logs);
        var measurements = new ConcurrentBag<(string Instrument, double Value)>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AlertsTelemetry.Name && instrument.Name.StartsWith("alerts.language.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.Add((instrument.Name, value)));
        meterListener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measurements.Add((instrument.Name, value)));
        meterListener.Start();

        // 2,500 characters bill 3 text records, 999 characters bill 1.
        await client.RecognizeEntitiesAsync([new TextDocument("1", new string('a', 2_500)), new TextDocument("2", new string('b', 999))]);

        double Sum(string name) => measurements.Where(m => m.Instrument == name).Sum(m => m.Value);
        Assert.Equal(1, Sum("alerts.language.calls"));
        Assert.Equal(2, Sum("alerts.language.documents"));
        Assert.Equal(3_499, Sum("alerts.language.characters"));
        Assert.Equal(4, Sum("alerts.language.text_records"));
        Assert.Single(measurements, m => m.Instrument == "alerts.language.latency");

        var call = Assert.Single(logs.Entries, e => e.EventId == 700);
        Assert.Equal(4, call.State["TextRecords"]);
        Assert.Equal(200, call.State["Status"]);
        Assert.True(call.State.ContainsKey("ElapsedMs"));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Key, StringComparison.Ordinal) || e.State.Values.Any(v => v?.ToString()?.Contains(Key) == true));
    }

    [Fact]
    public async Task RecognizeEntitiesAsync_ServiceDown_RecordsFailedCall()
    {
        await using var listener = await LanguageServiceListener.StartAsync(_ => new CannedResponse(401, """{"error":{"code":"401","message":"Access denied due to invalid subscription key."}}"""));
        var logs = new ListLogger();
        var client = new TextAnalysisClient(listener.Endpoint, new AzureKeyCredential(Key), logger: logs);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.RecognizeEntitiesAsync([new TextDocument("1", "text")]));

        Assert.Equal(401, ex.Status);
        var call = Assert.Single(logs.Entries, e => e.EventId == 700);
        Assert.Equal(401, call.State["Status"]);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Key, StringComparison.Ordinal));
    }

    private sealed class ListLogger : ILogger<TextAnalysisClient>
    {
        public ConcurrentQueue<(int EventId, string Message, IReadOnlyDictionary<string, object?> State)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            Entries.Enqueue((eventId.Id, formatter(state, exception), values.ToDictionary(kv => kv.Key, kv => kv.Value)));
        }
    }
}
