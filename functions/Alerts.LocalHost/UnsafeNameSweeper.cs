using Alerts.Core;
using Alerts.Storage;
using Microsoft.Extensions.Hosting;

namespace Alerts.LocalHost;

/// <summary>
/// Quarantines, as <c>unsafe_name</c>, the article names that every storage listing leaves out (<see cref="UnsafeNameListingPolicy"/>):
/// the trigger engine never sees them, so it writes no receipt for them, and the intake records them under an encoded key,
/// unread, with the name kept as data. Runs beside the engine's blob scan and counts as work in flight for <c>run --once</c>.
/// </summary>
public sealed class UnsafeNameSweeper(UnsafeBlobNames names, ArticleIntake intake, LocalWork work) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Unsafe article names seen in a listing and not quarantined yet.</summary>
    public bool HasPending => names.Unreported().Any(n => n.Container == PipelineNames.ArticlesContainer);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await SweepAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Quarantines every pending unsafe article name (again after a restart: quarantining overwrites, so that is harmless).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var (container, name) in names.Unreported().Where(n => n.Container == PipelineNames.ArticlesContainer))
        {
            using var _ = work.Begin();
            await intake.ProcessAsync(name, Stream.Null, cancellationToken);
            names.MarkReported(container, name);
        }
    }
}
