using Alerts.Core;

namespace Alerts.Extraction.Tests;

// Publication date used throughout: Wednesday 6 May 2026 (local).
public sealed class DateResolverTests
{
    [Fact]
    public void Extract_OnWeekday_ResolvesToLatestSuchDayOnOrBeforePublication()
    {
        var e = TestArticles.Single("Rockets struck the Erbil air base on Monday, officials said.", EventType.Attack);

        Assert.Equal(new DateOnly(2026, 5, 4), e.Date);
        Assert.Equal(DateBasis.Relative, e.DateBasis);
    }

    [Fact]
    public void Extract_LastWeekdaySameAsPublicationDay_ResolvesToTheWeekBefore()
    {
        var e = TestArticles.Single("Last Wednesday's drone attack on Tower 22 injured three soldiers, the army said.", EventType.Attack);

        Assert.Equal(new DateOnly(2026, 4, 29), e.Date);
    }

    [Fact]
    public void Extract_Yesterday_UsesLocalPublicationDateNotUtc()
    {
        // 00:30 at +03:00 is still the previous day in UTC; "yesterday" must count from the local date (6 May).
        var e = TestArticles.Single("Drones hit the Harir base late yesterday, injuring two soldiers.", EventType.Attack, "2026-05-06T00:30:00+03:00");

        Assert.Equal(new DateOnly(2026, 5, 5), e.Date);
    }

    [Fact]
    public void Extract_ExplicitDateWithoutYear_TakesPublicationYear()
    {
        var e = TestArticles.Single("Mortar shells hit a market in Mosul on 2 May, killing four people.", EventType.Attack);

        Assert.Equal(new DateOnly(2026, 5, 2), e.Date);
        Assert.Equal(DateBasis.Explicit, e.DateBasis);
    }

    [Fact]
    public void Extract_IncidentYearsBeforeTheArticle_IsHistoryAndNotAnEvent()
    {
        var events = TestArticles.Extract("It was a Friday, 3 March 2017, when a car bomb exploded outside the Kirkuk governorate building. The bombing killed 12 people.");

        Assert.Empty(events);
    }

    [Fact]
    public void Extract_NoPublicationDate_RelativeDayStaysUnresolved()
    {
        var e = TestArticles.Single("Rockets struck the Erbil air base on Monday.", EventType.Attack, published: null);

        Assert.Null(e.Date);
        Assert.Equal(DateBasis.Unresolved, e.DateBasis);
    }

    [Fact]
    public void Extract_NoPublicationDate_UndatedStrikeBorrowsFullDateOfNeighbouringSentence()
    {
        var text = "The governor said on June 3, 2025, that coalition forces had carried out an attack on farms north of Hilla. "
            + "Two farmers were killed in an air strike on a vehicle in Babil province, a US official said on Tuesday.";
        var e = Assert.Single(TestArticles.Extract(text, published: null), x => x.Type == EventType.Airstrike);

        Assert.Equal(new DateOnly(2025, 6, 3), e.Date);
    }

    [Fact]
    public void Extract_FutureWeekdayInScheduledFrame_IsNextSuchDayAndHedged()
    {
        var e = Assert.Single(TestArticles.Extract("A new round of talks is scheduled to open in Cairo on Tuesday."), x => x.Type == EventType.TalksHeld);

        Assert.Equal(new DateOnly(2026, 5, 12), e.Date);
        Assert.True(e.IsHedged);
    }

    [Fact]
    public void Extract_StatusEvent_TakesDayOfAnnouncementNotOfTheScheduledSession()
    {
        var text = "The third round of talks, which had been due to open in Geneva on Thursday, has been postponed, the mediators announced on Monday.";
        var e = Assert.Single(TestArticles.Extract(text), x => x.Type == EventType.TalksPostponed);

        Assert.Equal(new DateOnly(2026, 5, 4), e.Date);
        Assert.False(e.IsHedged);
    }

    [Theory]
    [InlineData("The rebels suspended their part in the talks on 2 May, in protest at a car bomb that killed two people in Kirkuk the day before.", EventType.Attack, 1)]
    [InlineData("The accord was signed in Geneva the day before, officials said.", EventType.Agreement, 5)]
    public void Extract_TheDayBefore_CountsFromTheSentencesOtherDayElseFromPublication(string text, EventType type, int day)
    {
        var e = TestArticles.Single(text, type);

        Assert.Equal(new DateOnly(2026, 5, day), e.Date);
    }
}
