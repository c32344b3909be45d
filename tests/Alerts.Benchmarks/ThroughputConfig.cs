using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Alerts.Benchmarks;

/// <summary>Adds Articles/s and MB/s to <see cref="ExtractionBenchmarks"/>, whose operation is one article.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(new ThroughputColumn("Articles/s", megabytes: false));
        AddColumn(new ThroughputColumn("MB/s", megabytes: true));
    }

    /// <summary>A rate per second from the case's mean time per article: articles, or megabytes of text (10^6 bytes).</summary>
    private sealed class ThroughputColumn(string name, bool megabytes) : IColumn
    {
        private readonly Dictionary<int, double> _meanBytes = [];

        public string Id => nameof(ThroughputColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"{name} at the mean time per article";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics?.Mean is not { } nanoseconds || benchmarkCase.Parameters["ArticleBytes"] is not int bytes)
            {
                return "-";
            }

            if (!megabytes)
            {
                return (1e9 / nanoseconds).ToString("N0", CultureInfo.InvariantCulture);
            }

            if (!_meanBytes.TryGetValue(bytes, out var meanBytes))
            {
                meanBytes = _meanBytes[bytes] = NewsArticles.MeanBytes(NewsArticles.Build(ExtractionBenchmarks.Articles, bytes));
            }

            return (meanBytes / 1e6 * 1e9 / nanoseconds).ToString("N2", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
