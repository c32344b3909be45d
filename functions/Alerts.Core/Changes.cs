namespace Alerts.Core;

/// <summary>Compares one article's events with stored storyline state and raises an alert for each real change.</summary>
public interface IChangeDetector
{
    /// <summary>
    /// Applies one article to state. Idempotent: applying the same article again (same <see cref="ArticleEventsMessage.ArticleId"/>)
    /// returns the alerts it raised the first time and changes nothing.
    /// </summary>
    Task<IReadOnlyList<Alert>> ApplyAsync(ArticleEventsMessage article, CancellationToken cancellationToken);
}

/// <summary>Picks the subscribers an alert goes to.</summary>
public interface IAlertRouter
{
    /// <returns>Subscriber ids.</returns>
    Task<IReadOnlyList<string>> RouteAsync(Alert alert, CancellationToken cancellationToken);
}

/// <summary>Delivers one stored alert to one subscriber, at most once per (alert, subscriber).</summary>
public interface IAlertDeliverer
{
    Task DeliverAsync(AlertDeliveryMessage delivery, CancellationToken cancellationToken);
}
