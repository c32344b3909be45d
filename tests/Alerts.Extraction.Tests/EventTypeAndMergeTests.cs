using Alerts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Extraction.Tests;

public sealed class EventTypeAndMergeTests
{
    [Theory]
    [InlineData("The government said on Monday it was suspending its participation in the talks in Geneva.", EventType.TalksSuspended)]
    [InlineData("The fourth round of negotiations resumed in Doha on Monday.", EventType.TalksResumed)]
    [InlineData("Talks in Cairo ended on Monday without an agreement.", EventType.TalksConcluded)]
    [InlineData("The two sides signed a prisoner exchange agreement in Istanbul on Monday.", EventType.Agreement)]
    [InlineData("The army and the rebels agreed a ceasefire for Kharkiv on Monday.", EventType.Ceasefire)]
    [InlineData("The mission's withdrawal was postponed on Monday by three months.", EventType.WithdrawalPostponed)]
    [InlineData("Delegations held talks in Baghdad on Monday on the future of the mission.", EventType.TalksHeld)]
    [InlineData("Negotiators broke off the talks in Jeddah on Monday after a row over prisoner lists.", EventType.TalksSuspended)]
    [InlineData("The peace talks in Addis Ababa collapsed on Monday amid mutual accusations.", EventType.TalksSuspended)]
    [InlineData("The talks in Jeddah were adjourned on Monday until after the holiday.", EventType.TalksPostponed)]
    [InlineData("A truce between the army and the militia took effect in Kharkiv on Monday at noon.", EventType.Ceasefire)]
    [InlineData("A suicide bomber killed nine people at a bus station in Maiduguri on Monday.", EventType.Attack)]
    [InlineData("Gunmen opened fire on worshippers leaving a mosque in Kano on Monday, killing six.", EventType.Attack)]
    [InlineData("Warplanes bombed targets around Idlib on Monday, killing at least five people.", EventType.Airstrike)]
    [InlineData("A bomb tore through a bus station in Kaduna on Monday, killing 19 people.", EventType.Attack)]
    [InlineData("The group said on Monday it had nothing to do with the attack on the convoy.", EventType.StatementDenial)]
    [InlineData("Reports of a walkout were denied by the mission on Monday.", EventType.StatementDenial)]
    [InlineData("Defence ministers decided on Monday to withdraw the force from the region by June.", EventType.WithdrawalAnnounced)]
    [InlineData("The latest round of talks between the two militias closed in Misrata on Monday with a prisoner accord.", EventType.TalksConcluded)]
    [InlineData("The accord was initialled in Misrata on Monday by the heads of both delegations.", EventType.Agreement)]
    [InlineData("Militants overran an army post at Tessit on Monday, killing at least nine soldiers.", EventType.Attack)]
    [InlineData("A missile fired from the coast exploded in the sea 200 metres from a bulk carrier near Aden on Monday.", EventType.Attack)]
    [InlineData("A car bomb killed two people at a checkpoint in Kirkuk on Monday.", EventType.Attack)]
    [InlineData("Peace talks between the army and the rebels were put on hold on Monday after a deadly ambush.", EventType.TalksSuspended)]
    [InlineData("Negotiations in Doha were called off on Monday.", EventType.TalksSuspended)]
    [InlineData("The Harir base was hit by three rockets on Monday, the coalition said.", EventType.Attack)]
    [InlineData("An explosion at a crowded market in Kano killed 12 people on Monday, police said.", EventType.Attack)]
    [InlineData("An explosion ripped through a checkpoint in Kano on Monday, killing five people.", EventType.Attack)]
    [InlineData("Strikes on Gaza City killed at least 30 people on Monday, health officials said.", EventType.Airstrike)]
    [InlineData("Rebels said they had targeted a destroyer in the Red Sea with missiles on Monday.", EventType.Attack)]
    [InlineData("Heavy clashes erupted between the army and militants near Kismayo on Monday, leaving at least 15 dead.", EventType.Attack)]
    [InlineData("The interior ministry on Monday rejected the accusation that its police had fired on the crowd.", EventType.StatementDenial)]
    [InlineData("The monitoring force will leave the country by the end of June, its council of ministers decided on Monday.", EventType.WithdrawalAnnounced)]
    [InlineData("The council decided on Monday to pull the 1,200-strong force out of the country by June.", EventType.WithdrawalAnnounced)]
    [InlineData("The monitoring force will stay until December, six months longer than planned, its chair said on Monday.", EventType.WithdrawalPostponed)]
    public void Extract_TriggerSentence_YieldsItsTypeAssertedAndDated(string text, EventType type)
    {
        var e = TestArticles.Single(text, type);

        Assert.True(e.IsAsserted);
        Assert.Equal(new DateOnly(2026, 5, 4), e.Date);
        Assert.Equal(EventTypeInfo.Of(type).Cameo, e.Cameo);
    }

    [Fact]
    public void Extract_JetsStrike_IsAirstrikeAndAttackMentionOfSameStrikeMerges()
    {
        var text = "US jets struck a weapons depot near Mayadin on Sunday night. The attack on the depot killed three fighters, a monitor said.";
        var e = Assert.Single(TestArticles.Extract(text));

        Assert.Equal(EventType.Airstrike, e.Type);
        Assert.Equal("Mayadin", e.Place?.Name);
        Assert.Equal(3, e.Killed);
    }

    [Fact]
    public void Extract_JetsOverheadAsBorderClashesKill_ClashesStayAGroundAttackOnTheBorderOfTheStorysTwoCountries()
    {
        var text = "Armenian jets flew over the area on Tuesday as border clashes killed six soldiers. "
            + "Azerbaijan said Armenia had started the fighting. Armenia blamed Azerbaijan for the violence.";
        var e = Assert.Single(TestArticles.Extract(text), e => e.Type == EventType.Attack);

        Assert.Equal("Armenia-Azerbaijan border", e.Place?.Name);
        Assert.Equal(6, e.Killed);
    }

    [Fact]
    public void Extract_BombingToldOnTheDayOfAStatementAndDatedLater_IsOneIncidentOnItsOwnDay()
    {
        var text = "The governor said on Wednesday that the bombing in Herat had shaken the city. "
            + "The car bombing in Herat on Monday killed seven people, police said.";
        var e = Assert.Single(TestArticles.Extract(text), e => e.Type == EventType.Attack);

        Assert.Equal(new DateOnly(2026, 5, 4), e.Date);
        Assert.Equal(7, e.Killed);
    }

    [Fact]
    public void Extract_SigningRecalledInATimeClause_IsNotDatedByTheDayOfTheStatement()
    {
        var events = TestArticles.Extract("The rebels said on Friday they were leaving the grain deal, less than a month after signing the agreement.");

        Assert.DoesNotContain(events, e => e.Type == EventType.Agreement && e.Date == new DateOnly(2026, 5, 1));
    }

    [Fact]
    public void Extract_AttackInTheValley_CommonNounOfGeographyAloneIsNoPlace()
    {
        var e = Assert.Single(TestArticles.Extract("Gunmen opened fire on tourists in the Valley on Tuesday, killing four people."));

        Assert.Null(e.Place);
    }

    [Fact]
    public void Extract_RepeatedMentionsOfOneAttack_MergeWithHighestFigures()
    {
        var text = "Rockets hit the Shaddadi base on Sunday, injuring two soldiers. "
            + "By Monday the number of injured from Sunday's attack had risen to five, the coalition said. "
            + "It was the second attack on the base this month.";
        var e = Assert.Single(TestArticles.Extract(text));

        Assert.Equal(new DateOnly(2026, 5, 3), e.Date);
        Assert.Equal(5, e.Injured);
    }

    [Fact]
    public void Extract_AttacksOnDifferentDays_StayTwoEvents()
    {
        var text = "A drone struck the Al-Tanf garrison on Monday. On 20 April, rockets hit the same base.";
        var events = TestArticles.Extract(text);

        Assert.Equal(2, events.Count(e => e.Type == EventType.Attack));
    }

    [Fact]
    public void Extract_ViolationThatIsAnAttack_IsBothAttackAndCeasefireBrokenOnTheIncidentDay()
    {
        var text = "Mortar shells hit Rafah late on Monday in a breach of the truce agreed on 28 April.";
        var events = TestArticles.Extract(text);

        Assert.Equal(new DateOnly(2026, 5, 4), Assert.Single(events, e => e.Type == EventType.Attack).Date);
        Assert.Equal(new DateOnly(2026, 5, 4), Assert.Single(events, e => e.Type == EventType.CeasefireBroken).Date);
        Assert.Equal(new DateOnly(2026, 4, 28), Assert.Single(events, e => e.Type == EventType.Ceasefire).Date);
    }

    [Fact]
    public void Extract_EveryEvent_KeepsEvidenceSentenceWithOffsets()
    {
        var text = "Officials met in Doha. Drones struck the Harir base on Monday, injuring one soldier.";
        var article = TestArticles.Create(text);
        var e = Assert.Single(TestArticles.Extractor.Extract(article), x => x.Type == EventType.Attack);

        Assert.Equal(e.Evidence.Sentence, text.Substring(e.Evidence.Start, e.Evidence.Length));
        Assert.StartsWith("Drones struck", e.Evidence.Sentence);
        Assert.InRange(e.Confidence, 0.01, 1.0);
    }

    [Fact]
    public void AddAlertsExtraction_BuildsExtractorFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Extraction:BackgroundDays"] = "45" })
            .Build();
        var services = new ServiceCollection().AddAlertsExtraction(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var extractor = provider.GetRequiredService<IEventExtractor>();

        Assert.IsType<EventExtractor>(extractor);
        Assert.NotEmpty(extractor.Extract(TestArticles.Create("Rockets struck the Erbil air base on Monday.")));
    }

    [Fact]
    public void Extract_SigningOfTheAgreementAfterACeasefireWasTold_IsThatCeasefire()
    {
        var text = "The two sides agreed a ceasefire for the valley on Wednesday evening.\n\nLater the envoys watched as both commanders signed the agreement in the town hall.";

        var events = TestArticles.Extract(text, "2026-05-06T22:00:00+03:00");

        Assert.Contains(events, e => e.Type == EventType.Ceasefire);
        Assert.DoesNotContain(events, e => e.Type == EventType.Agreement);
    }

    [Fact]
    public void Extract_OneLongSessionEnding_IsNotTheTalksConcluding()
    {
        var text = "Yesterday's session of the talks lasted 14 hours and only ended at about 3am, an official said.";

        Assert.DoesNotContain(TestArticles.Extract(text), e => e.Type == EventType.TalksConcluded);
    }

    [Fact]
    public void Extract_DenialOfSundaysAttack_IsDatedByTheStatementNotBySunday()
    {
        var text = "The group said on Tuesday it had played no part in Sunday's attack on the base. \"We had no role in Sunday's operation,\" the group said.";

        var denial = Assert.Single(TestArticles.Extract(text), e => e.Type == EventType.StatementDenial);

        Assert.Equal(new DateOnly(2026, 5, 5), denial.Date);
    }

    [Fact]
    public void Extract_StateNamedAsTheSubject_IsThePerpetratorOfTheStrike()
    {
        var e = TestArticles.Single("Russia launched dozens of drones at the Odesa port on Sunday, damaging grain silos.", EventType.Airstrike);

        Assert.Contains("Russia", e.Actors);
    }

    [Fact]
    public void Extract_StateThatSpeaksAboutAStrike_IsNotItsPerpetrator()
    {
        var e = TestArticles.Single("Iraq said on Sunday that drones struck the Harir base overnight.", EventType.Attack);

        Assert.DoesNotContain("Iraq", e.Actors);
    }

    [Fact]
    public void Extract_DatelineCityBesideTheStruckPlace_IsNotThePlaceOfTheStrike()
    {
        var e = TestArticles.Single("BEIRUT — Jets bombed several villages in southern Lebanon on Sunday, killing four people.", EventType.Airstrike);

        Assert.Equal("southern Lebanon", e.Place?.Name);
    }

    [Theory]
    [InlineData("Dockers in Mombasa ended a nine-day strike on Wednesday after the union reached an agreement with the port operator.")]
    [InlineData("Merger talks between the two banks collapsed on Tuesday after a row over valuation.")]
    [InlineData("Trade talks between the bloc and its neighbours resumed in Brussels on Monday.")]
    [InlineData("A powerful storm struck the coast on Sunday, killing three people.")]
    [InlineData("The striker led a blistering attack in the second half on Saturday, and the home side struck twice.")]
    [InlineData("A cyber attack on the hospital's systems on Monday forced staff to cancel operations.")]
    [InlineData("The ceasefire has largely held since it took effect, diplomats said.")]
    [InlineData("Both delegations left the hotel where the talks were held without speaking to reporters.")]
    public void Extract_LabourDisputesAndReferencesToPastHappenings_AreNotEvents(string text)
    {
        Assert.Empty(TestArticles.Extract(text));
    }

    [Fact]
    public void Extract_DayBesideTheVerbOfOneTrigger_DatesThatTriggerNotTheLongerOneAroundIt()
    {
        var text = "The deal came out of a second round of talks that resumed on Monday, nine days after the first round broke up without agreement.";

        var events = TestArticles.Extract(text);

        Assert.Equal(new DateOnly(2026, 5, 4), Assert.Single(events, e => e.Type == EventType.TalksResumed).Date);
        Assert.DoesNotContain(events, e => e.Type == EventType.TalksConcluded && e.Date == new DateOnly(2026, 5, 4));
    }

    [Fact]
    public void Extract_ArmyDrones_AreAnAirstrike()
    {
        Assert.Single(TestArticles.Extract("Army drones struck a column of fighters near Menaka on Monday, killing dozens."), e => e.Type == EventType.Airstrike);
    }

    [Fact]
    public void Extract_BlastThatBrokeACeasefireAgreedElsewhere_IsNotPlacedWhereTheCeasefireWasAgreed()
    {
        var text = "MENAKA — A blast killed four people at a checkpoint on Monday. Officials said the blast violated the ceasefire agreed in Algiers on 2 May.";

        var broken = Assert.Single(TestArticles.Extract(text), e => e.Type == EventType.CeasefireBroken);

        Assert.Equal("Menaka", broken.Place?.Name);
    }

    [Fact]
    public void Extract_TalksBrokeredByAUnion_AreStillTalks()
    {
        Assert.Single(TestArticles.Extract("The African Union talks between the two armies resumed in Addis Ababa on Monday."), e => e.Type == EventType.TalksResumed);
    }

    [Fact]
    public void Extract_GasExplosion_IsNotAnAttack()
    {
        Assert.Empty(TestArticles.Extract("A gas explosion at a restaurant in Lyon killed two people on Monday."));
    }
    [Fact]
    public void Extract_DealNamedAfterASea_IsPlacedAtTheCityWhereItWasSigned()
    {
        var text = "VALLETTA — Two shipping states said on Monday they had signed the Aegean ferry agreement, ending a long dispute over routes.";

        var deal = Assert.Single(TestArticles.Extract(text), e => e.Type == EventType.Agreement);

        Assert.Equal("Valletta", deal.Place?.Name);
    }

    [Fact]
    public void Extract_CountryThatSuspendsTalks_IsAPartyNotTheVenue()
    {
        var text = "NAIROBI — Ethiopia suspended its participation in the river talks on Monday, accusing its neighbours of bad faith.";

        var suspended = Assert.Single(TestArticles.Extract(text), e => e.Type == EventType.TalksSuspended);

        Assert.Equal("Nairobi", suspended.Place?.Name);
        Assert.Contains("Ethiopia", suspended.Actors);
    }

    [Fact]
    public void Extract_TwoCountriesAgreeingACeasefire_AreItsParties()
    {
        var ceasefire = TestArticles.Single("Ecuador and Peru agreed to a ceasefire on Monday after a week of border fighting.", EventType.Ceasefire);

        Assert.Contains("Ecuador", ceasefire.Actors);
        Assert.Contains("Peru", ceasefire.Actors);
    }
    [Fact]
    public void Extract_HeadlinePlaceInsideTheBodysCountry_IsWhereTheStrikeHit()
    {
        var article = TestArticles.Create("Government jets struck rebel depots in Colombia on Monday night, the air force said.") with { Title = "Jets pound depots near Colombia's Tumaco" };

        var strike = Assert.Single(TestArticles.Extractor.Extract(article), e => e.Type == EventType.Airstrike);

        Assert.Equal("Tumaco", strike.Place?.Name);
    }

    [Fact]
    public void Extract_GroupVowingToAnswerWithAttacks_IsNotAnAttack()
    {
        var events = TestArticles.Extract("The militia said on Monday it would answer with attacks on Western ships wherever they sail.");

        Assert.DoesNotContain(events, e => e.Type == EventType.Attack && e.Modality == Modality.Asserted);
        Assert.DoesNotContain(events, e => e.Place is not null);
    }
    [Fact]
    public void Extract_AttackOnAnArmyPost_KeepsThePlaceAfterThePost()
    {
        // "post" is a noun here, not a verb of saying that would open a reported clause.
        var e = TestArticles.Single("Gunmen attacked an army post at Korvanu on Saturday, 40 km from Djibo.", EventType.Attack);

        Assert.Equal("Korvanu", e.Place?.Name);
    }
    [Fact]
    public void Extract_KnownWordInsideALongerUnknownName_IsNotThatWordsPlace()
    {
        var e = TestArticles.Single("On Thursday a car bomb blew up beside the market of Qasr Velina, killing two people.", EventType.Attack);

        Assert.Equal("Qasr Velina", e.Place?.Name);
    }

    [Fact]
    public void Extract_UnknownTownInAStoryAboutOneRegion_LiesInThatRegion()
    {
        var text = "Jets struck the town of Mek Daro on Tuesday, killing 30 people. Aid groups in Tigray said the toll could rise as fighting in Tigray spread.";

        var e = TestArticles.Single(text, EventType.Airstrike);

        Assert.Equal("Mek Daro", e.Place?.Name);
        Assert.Contains("Tigray", e.Place!.Within ?? []);
    }
    [Fact]
    public void Extract_CaptureRecalledInASinceClause_IsNotDatedByTheMeetingsDay()
    {
        var text = "Delegations met on Monday for the first time since the rebels overran the northern half of the city, opening talks mediated by the UN.";

        Assert.DoesNotContain(TestArticles.Extract(text), e => e.Type == EventType.Attack && e.Date == new DateOnly(2026, 5, 4));
    }
    [Fact]
    public void Extract_PauseToldInAWhenClauseOfSaying_IsDatedByTheDayTheClauseDescribes()
    {
        var text = "The hostage talks have gone nowhere since 28 April, when Norway said it was pausing its mediation.";

        Assert.Contains(TestArticles.Extract(text), e => e.Type == EventType.TalksSuspended && e.Date == new DateOnly(2026, 4, 28));
    }
    [Fact]
    public void Extract_PartyRejoiningForThatRound_TakesTheDayTheRoundBegan()
    {
        var text = "The last round of negotiations began in Nairobi on 20 April. Kenya, which had paused its mediation in March, rejoined for that round.";

        Assert.Contains(TestArticles.Extract(text), e => e.Type == EventType.TalksResumed && e.Date == new DateOnly(2026, 4, 20));
    }
    [Fact]
    public void Extract_TroopsInjuredInADroneAttack_AreNotItsPerpetrators()
    {
        var article = TestArticles.Create("Three Italian soldiers were hurt on Monday when a drone hit the Camp Loma base, hours after the strike on a depot nearby, the ministry said.")
            with { Title = "Three Italian troops injured in drone attack on Camp Loma base" };

        var attack = Assert.Single(TestArticles.Extractor.Extract(article), e => e.Injured == 3);

        Assert.DoesNotContain("Italy", attack.Actors);
        Assert.Equal(EventType.Attack, attack.Type);
    }
    [Fact]
    public void Extract_CityNamedOnlyInAQuotedCondemnation_IsNotWhereTheBombsFell()
    {
        var text = "Shelling hit Tumbes on Sunday. The defence ministry said the jets dropped two bombs on a road, and that it \"condemns the cowards who sit in Lima\".";

        var strike = Assert.Single(TestArticles.Extract(text), e => e.Type == EventType.Airstrike);

        Assert.NotEqual("Lima", strike.Place?.Name);
    }
}
