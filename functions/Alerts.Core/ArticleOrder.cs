namespace Alerts.Core;

/// <summary>
/// When an article's events may be applied to storyline state. Change detection is order-sensitive (the first report of a toll
/// is a new incident, a higher one a rise), so hosts that extract articles in parallel agree on one order of application;
/// within it, ETags keep each storyline's writes serial.
/// </summary>
public interface IArticleOrder
{
    /// <summary>Returns once every article that comes before <paramref name="name"/> has been applied (or set aside).</summary>
    Task WaitTurnAsync(string name, CancellationToken cancellationToken);

    /// <summary>Records that the article named <paramref name="name"/> was applied or will never be (quarantined).</summary>
    Task CompleteAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Arrival order: each article is applied as it comes (the function app's default, where Event Grid decides the order).</summary>
public sealed class ArrivalOrder : IArticleOrder
{
    public Task WaitTurnAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CompleteAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
}
