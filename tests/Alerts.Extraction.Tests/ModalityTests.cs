using Alerts.Core;

namespace Alerts.Extraction.Tests;

public sealed class ModalityTests
{
    [Theory]
    [InlineData("The shelling could derail the talks in Geneva, diplomats said.", EventType.TalksSuspended)]
    [InlineData("Negotiators said the talks may resume in Doha next month.", EventType.TalksResumed)]
    [InlineData("A deal is expected to be signed in Cairo within days.", EventType.Agreement)]
    [InlineData("The group threatened to attack the Erbil air base with drones.", EventType.Attack)]
    public void Extract_Speculation_IsFlaggedNeverAsserted(string text, EventType type)
    {
        var events = TestArticles.Extract(text).Where(e => e.Type == type).ToList();

        Assert.All(events, e => Assert.False(e.IsAsserted));
    }

    [Fact]
    public void Extract_TalksHaveNotBeenSuspended_IsNegatedNotAsserted()
    {
        var e = TestArticles.Single("A spokesman said: the talks have not been suspended.", EventType.TalksSuspended);

        Assert.True(e.IsDenied);
    }

    [Fact]
    public void Extract_AtNoTimeDidWeDiscuss_IsAssertedStatementDenial()
    {
        var e = TestArticles.Single("\"At no time did we discuss a pullout of our trainers,\" the ministry spokesman said on Monday.", EventType.StatementDenial);

        Assert.True(e.IsAsserted);
        Assert.Equal(new DateOnly(2026, 5, 4), e.Date);
    }

    [Fact]
    public void Extract_DenialOfResponsibility_KeepsAttackAssertedAndAddsDenial()
    {
        var text = "Artillery shells hit the old town of Aleppo on Sunday, killing two people. The rebels denied any involvement in the shelling.";
        var events = TestArticles.Extract(text);

        Assert.True(Assert.Single(events, e => e.Type == EventType.Attack).IsAsserted);
        Assert.True(Assert.Single(events, e => e.Type == EventType.StatementDenial).IsAsserted);
    }

    [Fact]
    public void Extract_AnnouncedFutureWithdrawal_IsAsserted()
    {
        var e = TestArticles.Single("The alliance decided on Monday to withdraw its 400 trainers from Niger by 31 August.", EventType.WithdrawalAnnounced);

        Assert.True(e.IsAsserted);
        Assert.Equal(new DateOnly(2026, 5, 4), e.Date);
    }

    [Theory]
    [InlineData("The striker led a blistering attack down the left wing on Saturday.")]
    [InlineData("The mayor's budget is an attack on public libraries, critics said on Monday.")]
    [InlineData("He died of a heart attack on Sunday at his home in Amman.")]
    [InlineData("The firm launched a folding camera drone on Tuesday, promising to strike a balance between weight and battery life.")]
    public void Extract_FigurativeAttack_YieldsNoAssertedIncident(string text)
    {
        Assert.DoesNotContain(TestArticles.Extract(text), e => e.IsAsserted && EventTypeInfo.Of(e.Type).IsIncident);
    }

    [Theory]
    [InlineData("Rumours spread quickly on Sunday that a second band of fighters had struck the town of Palma.", EventType.Attack)]
    [InlineData("Analysts say splits of this kind are common once a ceasefire is signed.", EventType.Ceasefire)]
    [InlineData("Reports that drones hit the airport on Monday could not be independently verified.", EventType.Attack)]
    public void Extract_HearsayAndGenericClauses_AreNotAsserted(string text, EventType type)
    {
        var events = TestArticles.Extract(text);

        Assert.Contains(events, e => e.Type == type && !e.IsAsserted);
        Assert.DoesNotContain(events, e => e.Type == type && e.IsAsserted);
    }
}
