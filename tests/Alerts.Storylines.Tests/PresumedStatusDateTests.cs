using Alerts.Core;

namespace Alerts.Storylines.Tests;

public sealed class PresumedStatusDateTests
{
    private static ArticleEvent Status(EventType type, DateOnly? date, DateBasis basis) => new()
    {
        Type = type,
        Date = date,
        DateBasis = basis,
        Evidence = new Evidence("The ministry said the round was off.", 0, 36),
    };

    [Fact]
    public void WithoutPresumedStatusDates_PublicationDatedStatusBesideATextDatedOne_LosesItsDate()
    {
        var events = new[]
        {
            Status(EventType.TalksSuspended, new DateOnly(2026, 5, 10), DateBasis.Relative),
            Status(EventType.TalksPostponed, new DateOnly(2026, 5, 11), DateBasis.Inferred),
        };

        var result = StorylineRules.WithoutPresumedStatusDates(events, windowDays: 1);

        Assert.Equal(new DateOnly(2026, 5, 10), result[0].Date);
        Assert.Null(result[1].Date);
        Assert.Equal(DateBasis.Unresolved, result[1].DateBasis);
    }

    [Fact]
    public void WithoutPresumedStatusDates_OnlyStatusOfTheArticle_KeepsItsPublicationDate()
    {
        var events = new[] { Status(EventType.Ceasefire, new DateOnly(2026, 5, 11), DateBasis.Inferred) };

        Assert.Equal(new DateOnly(2026, 5, 11), StorylineRules.WithoutPresumedStatusDates(events, windowDays: 1)[0].Date);
    }

    [Fact]
    public void WithoutPresumedStatusDates_TextDatedStatusWeeksEarlier_KeepsThePublicationDate()
    {
        var events = new[]
        {
            Status(EventType.TalksResumed, new DateOnly(2026, 4, 2), DateBasis.Explicit),
            Status(EventType.Ceasefire, new DateOnly(2026, 5, 11), DateBasis.Inferred),
        };

        Assert.Equal(new DateOnly(2026, 5, 11), StorylineRules.WithoutPresumedStatusDates(events, windowDays: 1)[1].Date);
    }
}
