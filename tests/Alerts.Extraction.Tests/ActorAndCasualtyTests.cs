using Alerts.Core;

namespace Alerts.Extraction.Tests;

public sealed class ActorAndCasualtyTests
{
    [Fact]
    public void Extract_AliasOfArmedGroup_MapsToCanonicalActorAndWeapon()
    {
        var e = TestArticles.Single("On Sunday the Kata'ib Hizballah militia fired ballistic missiles at the Harir base.", EventType.Attack);

        Assert.Contains("Kataib Hezbollah", e.Actors);
        Assert.Contains("ballistic missiles", e.Weapons);
    }

    [Fact]
    public void Extract_GroupCallingItself_IsActorButBroaderUmbrellaIsNot()
    {
        var text = "Rockets hit the Union III base on Friday. The attack was claimed by a group calling itself the Sons of the River, which is part of the broader Islamic Resistance in Iraq.";
        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Contains("Sons of the River", e.Actors);
        Assert.DoesNotContain("Islamic Resistance in Iraq", e.Actors);
    }

    [Theory]
    [InlineData("Shelling hit a market in Kharkiv on Monday, killing at least four people and wounding dozens.", 4, 12)]
    [InlineData("A drone struck a bus in Sumy on Monday; two were killed and several were hurt.", 2, null)]
    [InlineData("Rockets hit the Conoco base on Monday but caused no casualties.", 0, 0)]
    [InlineData("A missile hit Dnipro on Monday. Eleven people were killed and 40 injured, officials said.", 11, 40)]
    [InlineData("Six crew members aboard the tanker Marisol Dawn were injured when a drone struck the vessel off Aden on Monday.", null, 6)]
    [InlineData("The death toll from Monday's assault on the army post at Tessit in northern Mali climbed to 23 soldiers, officials said.", 23, null)]
    [InlineData("The number of soldiers injured in Monday's drone attack on the Harir base has risen to five.", null, 5)]
    [InlineData("Gunmen attacked the Tessit post on Monday; the corporal was one of a handful of wounded men carried out by villagers.", null, null)]
    public void Extract_CasualtyFigures_ReadDigitsWordsAndAcledConventions(string text, int? killed, int? injured)
    {
        var e = Assert.Single(TestArticles.Extract(text), x => x.Type is EventType.Attack or EventType.Airstrike);

        Assert.Equal(killed, e.Killed);
        Assert.Equal(injured, e.Injured);
    }

    [Fact]
    public void Extract_HostageDeathInCaptivity_IsCasualtiesEventAtCaptivityPlace()
    {
        var text = "Five engineers have been held by gunmen in northern Mali since January. Officials confirmed on Monday that one of them died in captivity on 20 April.";
        var e = TestArticles.Single(text, EventType.Casualties);

        Assert.Equal(new DateOnly(2026, 4, 20), e.Date);
        Assert.Equal("northern Mali", e.Place?.Name);
        Assert.Equal(1, e.Killed);
    }

    [Fact]
    public void Extract_FiguresGivenLaterForTheStrikes_GoToTheStrikesNotTheLastAttackListed()
    {
        var text = "Warplanes struck two depots near Mosul on Thursday night, the army said on Friday.\n\n"
            + "The raids came after two attacks on the Harir base:\n\n"
            + "- a drone attack on 2 May that wounded three soldiers;\n"
            + "- a rocket attack on 4 May that caused no casualties.\n\n"
            + "A monitoring group said at least six fighters were killed in the strikes.";

        var events = TestArticles.Extract(text);

        Assert.Equal(6, Assert.Single(events, e => e.Type == EventType.Airstrike && e.Date == new DateOnly(2026, 4, 30)).Killed);
        var rockets = Assert.Single(events, e => e.Type == EventType.Attack && e.Date == new DateOnly(2026, 5, 4));
        Assert.Equal(0, rockets.Killed ?? 0);
        Assert.Equal(Modality.Asserted, rockets.Modality);
    }

    [Theory]
    [InlineData("A rocket attack on 4 May that caused no casualties was the second this month.")]
    [InlineData("Rockets hit the Harir base on Monday but there were no injuries.")]
    public void Extract_NoCasualtiesAfterTheTrigger_DoesNotNegateTheIncident(string text)
    {
        var e = Assert.Single(TestArticles.Extract(text), x => x.Type == EventType.Attack);

        Assert.Equal(Modality.Asserted, e.Modality);
    }

    [Fact]
    public void Extract_ForcesNamedInAClauseAfterTheTrigger_AreNotPerpetrators()
    {
        var text = "On Sunday Kataib Hezbollah fired ballistic missiles at the Harir base, where US forces have been training Iraqi security forces.";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal(["Kataib Hezbollah"], e.Actors);
    }

    [Fact]
    public void Extract_GroupNamingAPerson_IsNotAnActorOfTheAttack()
    {
        var text = "Rockets hit the Harir base on Sunday, days after the killing of a Hamas leader and a Hezbollah commander.";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Empty(e.Actors);
    }

    [Fact]
    public void Extract_ForceOwningTheFacilityHit_IsATargetNotAnActor()
    {
        var text = "The Iraqi military base was attacked by two missiles on Sunday, claimed by a group calling itself \u201cavengers.\u201d";

        var e = TestArticles.Single(text, EventType.Attack);

        Assert.Equal(["avengers"], e.Actors);
        Assert.Contains("Iraqi security forces", e.Targets);
    }
}
