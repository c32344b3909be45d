using System.Diagnostics;
using Alerts.Core;
using Alerts.Extraction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.LocalHost.Tests;

/// <summary>Extraction is bounded per article: a pathological file is set aside as <c>too_complex</c> and never holds up the next one.</summary>
public sealed class ExtractionTimeLimitTests(IsolatedAzurite azurite) : IClassFixture<IsolatedAzurite>
{
    private const string Marker = "PATHOLOGICAL-TEXT-MARKER";

    [Fact]
    public async Task Run_ExtractionOverTheConfiguredLimit_QuarantinesTooComplexAndTheNextArticleAlertsWithoutWaiting()
    {
        var settings = new Dictionary<string, string?>(LocalHostRun.FastRetries) { ["Articles:MaxExtractionTime"] = "00:00:01" };
        StallingExtractor? shared = null; // one extractor for every host of the test, warmed up below: the limit is for the article, not for loading rules
        using var run = new LocalHostRun(azurite, Directory.CreateTempSubdirectory("alerts-outbox-").FullName, settings, services =>
            services.Replace(ServiceDescriptor.Singleton<IEventExtractor>(sp => shared ??= new StallingExtractor(ActivatorUtilities.CreateInstance<EventExtractor>(sp)))));
        var sample = Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles", "05-analysis-talks-could-resume.txt");
        await using (var warmUp = File.OpenRead(sample))
        {
            Assert.NotNull(await run.Services.GetRequiredService<ArticleIntake>().ProcessAsync("warm-up.txt", warmUp, CancellationToken.None));
        }

        var work = Directory.CreateTempSubdirectory("alerts-drop-");
        var slow = new FileInfo(Path.Combine(work.FullName, "00-giant.txt"));
        await File.WriteAllTextAsync(slow.FullName, $"Title: Giant\n\nA drone hit a base near Erbil on Monday. {Marker}\n");
        await run.EnsureStorageAsync();
        await run.Uploader.UploadAsync(slow, CancellationToken.None);
        await run.Uploader.UploadAsync(new FileInfo(Path.Combine(IsolatedAzurite.RepoRoot, "samples", "articles", "01-drone-hits-erbil-air-base.txt")), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await run.RunOnceAsync();

        Assert.True(clock.Elapsed < StallingExtractor.Stall / 2, $"the run took {clock.Elapsed.TotalSeconds:F1} s: the stalled extraction held it up");
        var kept = (await run.Blobs.GetBlobContainerClient(PipelineNames.QuarantineContainer).GetBlobClient("00-giant.txt/content").GetPropertiesAsync()).Value;
        Assert.Equal("too_complex", kept.Metadata["reason"]);
        Assert.Contains("Articles:MaxExtractionTime", kept.Metadata["message"]);
        Assert.Equal(1, run.AlertsPrinted);
        Assert.Contains("new_incident", run.Console.ToString());
        await run.AssertNothingPoisonedAsync();
    }

    /// <summary>The real extractor, but an article with <see cref="Marker"/> stalls it for <see cref="Stall"/>, as a pathological text does.</summary>
    private sealed class StallingExtractor(IEventExtractor inner) : IEventExtractor
    {
        public static readonly TimeSpan Stall = TimeSpan.FromSeconds(180);

        public IReadOnlyList<ArticleEvent> Extract(Article article)
        {
            if (article.Text.Contains(Marker, StringComparison.Ordinal))
            {
                Thread.Sleep(Stall);
            }

            return inner.Extract(article);
        }
    }
}
