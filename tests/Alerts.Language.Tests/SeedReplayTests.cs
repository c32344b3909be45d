using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Articles;
using Alerts.Core;
using Alerts.Extraction;
using Alerts.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Alerts.Language.Tests;

public sealed partial class SeedReplayTests(ITestOutputHelper output)
{
    [SharedCorpusFact(NeedsScorer = true)]
    public async Task Replay_WithCannedLanguageService_IsAtLeastAsGoodAsWithout()
    {
        await using var listener = await LanguageServiceListener.StartAsync(r => CannedLanguageService.Respond(r, CannedLanguageService.SeedEntities));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Extraction:Language:Endpoint"] = listener.Endpoint.ToString(),
            ["Extraction:Language:ApiKey"] = "replay-test-key",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAlertsArticles(configuration).AddAlertsExtraction(configuration).AddAlertsLanguage(configuration);
        await using var provider = services.BuildServiceProvider();
        var reader = provider.GetRequiredService<IArticleReader>();
        var extractor = provider.GetRequiredService<IEventExtractor>();
        var enricher = Assert.IsType<LanguageEventEnricher>(Assert.Single(provider.GetServices<IEventEnricher>()));

        var plain = new List<string>();
        var enriched = new List<string>();
        var changed = 0;
        var extracting = TimeSpan.Zero;
        var enriching = TimeSpan.Zero;
        foreach (var file in Directory.GetFiles(SharedCorpus.Articles("seeds")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (reader.Read(new ArticleInput(name, await File.ReadAllBytesAsync(file))).Article is not { } article)
            {
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var events = extractor.Extract(article);
            extracting += Stopwatch.GetElapsedTime(started);
            started = Stopwatch.GetTimestamp();
            var sharpened = await enricher.EnrichAsync(article, events, CancellationToken.None);
            enriching += Stopwatch.GetElapsedTime(started);

            // The local rules stay the judge: same events, same types, modalities and dates.
            Assert.Equal(events.Select(e => (e.Type, e.Modality, e.Date, e.Evidence)), sharpened.Select(e => (e.Type, e.Modality, e.Date, e.Evidence)));
            changed += events.Zip(sharpened).Count(pair => !Equals(pair.First, pair.Second));
            plain.AddRange(events.Select(e => ReplayRecords.ForEvent(name, e)));
            enriched.AddRange(sharpened.Select(e => ReplayRecords.ForEvent(name, e)));
        }

        var gold = SharedCorpus.Gold("seeds");
        var without = Score(gold, plain);
        var with = Score(gold, enriched);
        output.WriteLine($"without Language: {without.Line}");
        output.WriteLine($"with Language:    {with.Line}");
        output.WriteLine($"extraction {extracting.TotalMilliseconds:F0} ms, enrichment {enriching.TotalMilliseconds:F0} ms (informative only)");
        output.WriteLine($"events sharpened {changed}, requests {listener.Requests.Count}, documents {listener.Requests.Sum(r => r.Documents.Count)}, text records {listener.Requests.SelectMany(r => r.Documents).Sum(d => (((string)d["text"]!).Length + 999) / 1000)}, learned places: {string.Join(", ", enricher.LearnedPlaces.All.Select(p => $"{p.Place.Name} ({p.Confidence:F2})"))}");

        Assert.NotEmpty(listener.Requests);
        Assert.All(listener.Requests, r => Assert.Equal("/language/:analyze-text", r.Path));
        Assert.True(with.F1 >= without.F1, $"events F1 fell from {without.F1} to {with.F1}");
        Assert.True(with.Speculation <= without.Speculation, $"speculation taken as fact rose from {without.Speculation} to {with.Speculation}");
    }

    /// <summary>The events F1 and speculation taken as fact as the scorer prints them (F1 to three decimals).</summary>
    private static (double F1, int Speculation, string Line) Score(string gold, IReadOnlyList<string> records)
    {
        var line = SharedCorpus.Score(gold, records).Line("events");
        var match = EventsLine().Match(line);
        Assert.True(match.Success, $"unexpected score line: {line}");
        return (double.Parse(match.Groups["f1"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["spec"].Value, CultureInfo.InvariantCulture), line);
    }

    [GeneratedRegex(@"F1=(?<f1>[0-9.]+) .*speculation as fact=(?<spec>\d+)")]
    private static partial Regex EventsLine();
}
