using System.Buffers;
using System.Text.RegularExpressions;
using Alerts.Core;

namespace Alerts.Extraction;

/// <summary>How a trigger pattern reads: a verb phrase, or a noun that names the event.</summary>
internal enum TriggerForm
{
    Verb,
    Noun,
}

/// <summary>One trigger pattern: the event type it signals and the regular expression (group <c>v</c> marks the predicate for modality scope).</summary>
/// <param name="Keys">Words one of which the sentence must contain before the regular expression runs (a cheap vectorised pre-filter).</param>
internal sealed record TriggerPattern(EventType Type, Regex Regex, TriggerForm Form, string[] KeyWords)
{
    public SearchValues<string> Keys { get; } = SearchValues.Create(KeyWords, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The linguistic patterns of the extractor, all source-generated and free of nested unbounded repetition.</summary>
internal static partial class EventPatterns
{
    private const string Weapon = @"drones?|rockets?|missiles?|mortars?|shells?|artillery|rounds|projectiles?|bombs?|explosives?|grenades?|gunmen|munitions";
    private const string TalkNoun = @"talks|negotiations|negotiation|round|session|meeting|discussions|mediation|dialogue";
    private const string Gap = @"(?:[\w’'.,-]+\s+){0,5}?";

    public static readonly TriggerPattern[] All =
    [
        new(EventType.Attack, WeaponVerb(), TriggerForm.Verb, ["drone", "rocket", "missile", "mortar", "shell", "artillery", "round", "projectile", "bomb", "explosive", "grenade", "gunmen", "munition"]),
        new(EventType.Attack, LaunchWeapon(), TriggerForm.Verb, ["fire", "firing", "launch", "lobbed"]),
        new(EventType.Attack, AttackVerb(), TriggerForm.Verb, ["attacked", "shelled", "bombed", "bombarded", "struck", "targeted", "raided", "stormed", "overran", "overrun"]),
        new(EventType.Attack, PerpetratorVerb(), TriggerForm.Verb, ["gunm", "bomber", "assailant", "attacker", "militant", "insurgent", "fighters", "rebels", "jihadist"]),
        new(EventType.Attack, HitByWeapon(), TriggerForm.Verb, ["hit by", "struck by", "targeted by", "attacked by", "shelled by", "bombed by"]),
        new(EventType.Attack, BlastKilled(), TriggerForm.Verb, ["explosion", "blast"]),
        new(EventType.Attack, StrikesKilled(), TriggerForm.Verb, ["strikes", "raids", "attacks", "shelling", "bombardment"]),
        new(EventType.Attack, ClashesBroke(), TriggerForm.Verb, ["clashes", "fighting", "firefight", "gunbattle", "gun battle"]),
        new(EventType.Attack, AttackNoun(), TriggerForm.Noun, ["attack", "assault", "shelling", "bombing", "bombardment", "strike", "barrage", "raid", "ambush"]),
        new(EventType.TalksHeld, HeldVerbFirst(), TriggerForm.Verb, ["talks", "negotiations"]),
        new(EventType.TalksHeld, HeldNounFirst(), TriggerForm.Verb, ["talks", "negotiations", "round", "session"]),
        new(EventType.TalksHeld, HeldMet(), TriggerForm.Verb, [" met "]),
        new(EventType.TalksHeld, HeldDaysOf(), TriggerForm.Noun, ["talks", "negotiations"]),
        new(EventType.TalksSuspended, SuspendVerbFirst(), TriggerForm.Verb, ["suspend", "paus", "halt", "froze", "freez", "broke off", "break off", "breaking off", "called off"]),
        new(EventType.TalksSuspended, SuspendNounFirst(), TriggerForm.Verb, ["suspended", "paused", "halted", "frozen", "collapsed", "broke down", "broken down", "called off", "on hold"]),
        new(EventType.TalksSuspended, SuspendWalkOut(), TriggerForm.Verb, ["leaving", "left", "quit", "walk", "pull", "withdr"]),
        new(EventType.TalksPostponed, PostponeVerbFirst(), TriggerForm.Verb, ["postpon", "delay", "push", "put off", "defer"]),
        new(EventType.TalksPostponed, PostponeNounFirst(), TriggerForm.Verb, ["postponed", "delayed", "pushed back", "put off", "deferred", "adjourned"]),
        new(EventType.TalksPostponed, PostponementAnnounced(), TriggerForm.Verb, ["postponement"]),
        new(EventType.TalksResumed, ResumeVerbFirst(), TriggerForm.Verb, ["resum", "restart", "return", "came back"]),
        new(EventType.TalksResumed, ResumeNounFirst(), TriggerForm.Verb, ["resum", "restart"]),
        new(EventType.TalksConcluded, ConcludedNounFirst(), TriggerForm.Verb, ["ended", "concluded", "broke up", "wrapped up", "closed", "came to an end"]),
        new(EventType.Agreement, AgreementVerbFirst(), TriggerForm.Verb, ["agreement", "deal", "accord", "memorandum", "treaty", "pact"]),
        new(EventType.Agreement, AgreementNounFirst(), TriggerForm.Verb, ["agreement", "deal", "accord", "memorandum", "treaty", "pact"]),
        new(EventType.Agreement, AgreedToReturn(), TriggerForm.Verb, ["agreed"]),
        new(EventType.Ceasefire, CeasefireVerbFirst(), TriggerForm.Verb, ["ceasefire", "cease-fire", "truce"]),
        new(EventType.Ceasefire, CeasefireNounFirst(), TriggerForm.Verb, ["ceasefire", "cease-fire", "truce"]),
        new(EventType.CeasefireBroken, CeasefireBrokenNounFirst(), TriggerForm.Verb, ["ceasefire", "cease-fire", "truce"]),
        new(EventType.CeasefireBroken, CeasefireBreach(), TriggerForm.Verb, ["ceasefire", "cease-fire", "truce"]),
        new(EventType.WithdrawalAnnounced, WithdrawalDecided(), TriggerForm.Verb, ["decid", "decision", "announc", "order", "approv"]),
        new(EventType.WithdrawalAnnounced, WithdrawalDecidedAfter(), TriggerForm.Verb, ["pull out", "withdraw", "leave", "end its", "end their"]),
        new(EventType.WithdrawalPostponed, WithdrawalExtended(), TriggerForm.Verb, ["longer than"]),
        new(EventType.WithdrawalPostponed, WithdrawalPostponedNounFirst(), TriggerForm.Verb, ["withdrawal", "pullout", "pull-out", "departure", "drawdown"]),
        new(EventType.StatementDenial, DenialVerb(), TriggerForm.Verb, ["denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed", "dismisses", "refuted", "refutes"]),
        new(EventType.StatementDenial, DenialNoun(), TriggerForm.Verb, ["denial"]),
        new(EventType.StatementDenial, DenialNoRole(), TriggerForm.Verb, ["no part", "no role", "at no time", "nothing to do with"]),
        new(EventType.StatementDenial, DenialFalse(), TriggerForm.Verb, ["false", "untrue", "baseless", "fabricated", "unfounded"]),
        new(EventType.Casualties, DeathInCaptivity(), TriggerForm.Verb, ["captivity"]),
        new(EventType.Casualties, HostageDied(), TriggerForm.Verb, ["hostage", "captive"]),
    ];

    /// <summary>Cheap vectorised pre-filter: a sentence without any key word of any pattern holds no trigger.</summary>
    public static readonly SearchValues<string> AnyTriggerKeys = SearchValues.Create(All.SelectMany(p => p.KeyWords).Distinct().ToArray(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Sentences that may carry casualty figures.</summary>
    public static readonly SearchValues<string> CasualtyKeys = SearchValues.Create(["kill", "dead", "died", "death", "injur", "wound", "hurt", "casualt", "toll"], StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(?:" + Weapon + @")\b[^.;:]{0,60}?\b(?<v>struck|strikes?|hit|hits|slammed\s+into|crashed\s+into|landed\s+(?:inside|in|on|near|beside|next\s+to|close\s+to|alongside)|(?:were|was)\s+(?:fired|launched)|fired|targeted|exploded|blew\s+up|rained\s+down|tore\s+through|ripped\s+through|went\s+off|detonated|(?<!\b(?:were|was|been)\s)killed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeaponVerb();

    [GeneratedRegex(@"\b(?<v>fired|fires|firing|launched|launches|launching|lobbed)\s+(?:[\w’'-]+\s+){0,3}?(?:" + Weapon + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LaunchWeapon();

    [GeneratedRegex(@"\b(?<v>attacked|shelled|bombed|bombarded|struck|targeted|raided|stormed|overran|overrun)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttackVerb();

    /// <summary>"The base was hit by three rockets": the attack told in the passive.</summary>
    [GeneratedRegex(@"\b(?<v>(?:was|were|been|being)\s+(?:hit|struck|targeted|attacked|shelled|bombed))\s+by\s+(?:[\w’'-]+\s+){0,3}?(?:" + Weapon + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HitByWeapon();

    /// <summary>"An explosion at a market killed 12": a blast that killed or wounded (not a gas or boiler explosion).</summary>
    [GeneratedRegex(@"(?<!\b(?:gas|boiler|industrial|factory|mine|accidental)\s)\b(?:explosion|blast)\b[^.;:]{0,60}?\b(?<v>killed|wounded|injured|ripped\s+through|tore\s+through)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlastKilled();

    /// <summary>"Strikes on Gaza City killed at least 30": several strikes told together, with their toll.</summary>
    [GeneratedRegex(@"\b(?:air\s*strikes|airstrikes|strikes|raids|attacks|shelling|bombardment)\s+(?:on|in|near|against)\b[^.;:]{0,60}?\b(?<v>killed|wounded|injured)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrikesKilled();

    /// <summary>"Heavy clashes erupted between the army and militants", "fighting broke out near …": armed clashes.</summary>
    [GeneratedRegex(@"\b(?:clashes|fighting|firefights?|gunbattles?|gun\s+battles?)\b[^.;:]{0,30}?\b(?<v>erupted|broke\s+out|raged|flared)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClashesBroke();

    /// <summary>"A suicide bomber killed 12 people", "gunmen opened fire": the attackers named as the subject.</summary>
    [GeneratedRegex(@"\b(?:gunm[ae]n|suicide\s+bombers?|bombers?|assailants|attackers|militants|insurgents|fighters|rebels|jihadists)\b[^.;:]{0,40}?(?<!\b(?:were|was|been|being|are|is)\s)\b(?<v>killed|opened\s+fire|stormed|ambushed|attacked|shot\s+dead|overran|blew\s+(?:himself|herself|themselves)\s+up)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerpetratorVerb();

    [GeneratedRegex(@"(?<!\bheart\s)(?<!counter-)(?<!on\sthe\s)\b(?<v>attack|assault|shelling|bombing|bombardment|airstrike|air\s+strike|strike|barrage|raid|ambush)\b(?!s\b|\s+(?:drones?|helicopters?|dogs?|a\s+balance))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttackNoun();

    [GeneratedRegex(@"\b(?<v>held|opened|opening|began|convened|hosted|hosting|started|sat\s+down\s+(?:for|to)|sit\s+down\s+(?:for|to))\s+" + Gap + @"(?:talks|negotiations)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldVerbFirst();

    [GeneratedRegex(@"\b(?:talks|negotiations|round|session)\b[^.;:]{0,90}?\b(?<v>began|begun|begins|started|starts|opened|opens|got\s+under\s+way|(?:was|were|been|being)\s+held|,\s*held\s+on|took\s+place|convened|(?:to|will)\s+(?:now\s+)?(?:open|begin|start|take\s+place|be\s+held|convene))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldNounFirst();

    [GeneratedRegex(@"\b(?:negotiators|delegations|delegates|envoys|mediators|officials)\b[^.;:]{0,90}?\b(?<v>met)\s+(?:face\s+to\s+face|separately|directly|for\s+talks|with)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldMet();

    [GeneratedRegex(@"\b(?:days?|rounds?)\s+of\s+(?:[\w-]+\s+)?(?<v>talks|negotiations)\b|\b(?<v>talks)\s+(?:in|at)\s+\p{Lu}[\w-]+\s+on\s+\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldDaysOf();

    [GeneratedRegex(@"\b(?<v>suspend|suspends|suspended|suspending|pause|pauses|paused|pausing|halt|halts|halted|halting|freeze|freezes|froze|frozen|freezing|broke\s+off|break\s+off|breaks\s+off|breaking\s+off|called\s+off)\s+(?:[\w’'-]+\s+){0,4}?(?:talks|negotiations|participation|mediation|role|discussions|dialogue)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SuspendVerbFirst();

    [GeneratedRegex(@"\b(?:talks|negotiations|discussions|mediation|dialogue|participation)\b[^.;:]{0,60}?\b(?<v>(?:been|be|was|were|is|are)\s+(?:indefinitely\s+|temporarily\s+)?(?:suspended|paused|halted|frozen|called\s+off|put\s+on\s+hold|placed\s+on\s+hold)|suspended|frozen|collapsed|broke\s+down|broken\s+down)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SuspendNounFirst();

    [GeneratedRegex(@"\b(?<v>leaving|left|quit|quitting|walked\s+out\s+of|walking\s+out\s+of|pulled\s+out\s+of|pulling\s+out\s+of|withdrew\s+from|withdrawing\s+from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:talks|negotiations)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SuspendWalkOut();

    [GeneratedRegex(@"\b(?<v>postpone|postpones|postponed|postponing|delay|delays|delayed|delaying|push(?:es|ed)?\s+back|put\s+off|defer(?:s|red)?)\s+(?:[\w’'-]+\s+){0,5}?(?:talks|negotiations|round|session|meeting|announcement|signing|date|vote|summit|withdrawal|pullout|pull-out|departure|drawdown)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostponeVerbFirst();

    [GeneratedRegex(@"\b(?:talks|negotiations|round|session|meeting|announcement|signing|summit)\b[^.;:]{0,150}?\b(?<v>(?:(?:been|be|was|were|is|are)\s+)?(?:postponed|delayed|pushed\s+back|put\s+off|deferred|adjourned(?=[^.;:]{0,30}?\b(?:until|till)\b)))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostponeNounFirst();

    [GeneratedRegex(@"\b(?<v>announc\w*|confirm\w*|declar\w*)\s+(?:the\s+|a\s+)?postponement\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostponementAnnounced();

    [GeneratedRegex(@"\b(?<v>resume|resumes|resumed|resuming|restart|restarted|restarting)\s+(?:[\w’'-]+\s+){0,4}?(?:talks|negotiations|mediation|efforts|dialogue|discussions|participation|role)\b|\b(?<v>return(?:ed|s)?|came\s+back)\s+to\s+the\s+(?:negotiating\s+)?(?:table|talks)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResumeVerbFirst();

    [GeneratedRegex(@"\b(?:talks|negotiations|discussions|dialogue|mediation)\b[^.;:]{0,90}?\b(?<v>resumed|resume|resumes|restarted|restart)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResumeNounFirst();

    [GeneratedRegex(@"(?<!\b(?:session|sitting|meeting|day)\s+of\s+(?:the\s+)?)\b(?:talks|negotiations|round|discussions)\b[^.;:]{0,90}?\b(?<v>ended|concluded|broke\s+up|wrapped\s+up|closed(?=\s+(?:in|on|at|late|early|without|after)\b)|came\s+to\s+an\s+end)\b(?!\s+with\b|\s+(?:at\s+)?(?:about\s+|around\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|h\b))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConcludedNounFirst();

    [GeneratedRegex(@"\b(?<v>signed|sign|signs|signing|reached|reach|struck|sealed|clinched|finalised|finalized|brokered|initialled|initialed|initialling)\s+(?:[\w’',-]+\s+){0,4}?(?:agreements?|deal|accord|memorandum|treaty|pact)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgreementVerbFirst();

    [GeneratedRegex(@"\b(?:agreements?|deal|accord|memorandum|treaty|pact)\b[^.;:]{0,60}?\b(?<v>(?:was|were|been|is|be)\s+(?:signed|reached|agreed|concluded|announced|struck|sealed|initialled|initialed|finalised|finalized)|signed|initialled|initialed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgreementNounFirst();

    [GeneratedRegex(@"\b(?<v>agreed)\s+(?:on\s+\w+\s+)?to\s+(?:(?:return|rejoin)\s+to\s+(?:the\s+)?(?!talks|table|negotiat|mediation)\w|rejoin\s+(?:the\s+)?(?!talks|negotiat)\w|(?:restore|reopen|extend|renew|release)\s+\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgreedToReturn();

    [GeneratedRegex(@"\b(?<v>agreed|agree|agreeing|signed|declared|announced|reached|brokered|accepted)\s+(?:to\s+)?(?:on\s+)?(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:ceasefire|cease-fire|truce)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CeasefireVerbFirst();

    [GeneratedRegex(@"\b(?:ceasefire|cease-fire|truce)\b,?(?:\s+(?:deal|agreement))?\s+(?:[\w’'-]+,?\s+){0,8}?(?<v>(?:(?:was|were|been|is|be)\s+)?(?:agreed|signed|declared|reached|announced)|took\s+effect|takes\s+effect|came\s+into\s+(?:force|effect)|went\s+into\s+effect|entered\s+into\s+force)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CeasefireNounFirst();

    [GeneratedRegex(@"\b(?:ceasefire|cease-fire|truce)\b[^.;:]{0,40}?\b(?<v>(?:(?:has|had|have)\s+been\s+|was\s+|were\s+)?(?:broken|violated|breached|collapsed|collapse|shattered))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CeasefireBrokenNounFirst();

    [GeneratedRegex(@"\b(?<v>breach|breaches|violation|violations|violated|violating|broke|breaking)\s+(?:of\s+)?(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:ceasefire|cease-fire|truce)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CeasefireBreach();

    [GeneratedRegex(@"\b(?<v>decided|decides|decision|announced|announces|ordered|orders|approved|approves)\b[^.;:]{0,60}?\bto\s+(?:withdraw|end|close|terminate|pull\s+out|pull\s+(?:[\w’',-]+\s+){1,4}?out)\b[^.;:]{0,60}?\b(?:mission|troops|forces|force|personnel|contingent|soldiers|trainers|presence)\b|\bto\s+(?:withdraw|pull)\s+(?:the\s+|its\s+|their\s+)?(?:[\w’',-]+\s+){0,2}?(?:mission|troops|forces|force|personnel|contingent|soldiers|trainers)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithdrawalDecided();

    /// <summary>"The force will pull out of the country by June, its council decided on Thursday": the decision is the event.</summary>
    [GeneratedRegex(@"\b(?:will|would|is\s+to|are\s+to)\s+(?:pull\s+out|withdraw|leave|end\s+(?:its|their)\s+(?:mission|deployment))\b[^.;:]{0,80}?,\s+(?:[\w’'-]+\s+){0,8}?(?<v>decided|announced|confirmed|agreed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithdrawalDecidedAfter();

    /// <summary>"The force will stay until December, six months longer than planned": its withdrawal put back.</summary>
    [GeneratedRegex(@"\b(?:force|mission|troops|contingent|soldiers|forces)\b[^.;:]{0,40}?\b(?:will|would|is\s+to|are\s+to|to)\s+(?:stay|remain)\b[^.;:]{0,80}?\b(?<v>longer\s+than\s+(?:planned|scheduled|expected|foreseen|envisaged))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithdrawalExtended();

    [GeneratedRegex(@"\b(?:withdrawal|pullout|pull-out|departure|drawdown)\b[^.;:]{0,60}?\b(?<v>(?:(?:been|be|was|were|is)\s+)?(?:postponed|delayed|pushed\s+back|deferred))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithdrawalPostponedNounFirst();

    [GeneratedRegex(@"(?<!\bwhich\s)(?<!\bwho\s)\b(?<v>denied|denies|deny|denying)\s+(?:\w+\s+)?(?:that|any|all|responsibility|involvement|having|reports?|rumou?rs|claims?|allegations?|role)\b|\b(?:been|was|were)\s+(?<v>denied)\s+by\b|\b(?<v>rejected|rejects|dismissed|dismisses|refuted|refutes)\s+(?:the\s+|those\s+|these\s+|all\s+|such\s+)?(?:[\w-]+\s+)?(?:accusations?|allegations?|claims?|reports?|charges?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DenialVerb();

    [GeneratedRegex(@"\b(?:repeated|reiterated|issued)\s+(?:its|a|their|his|her)\s+(?<v>denial)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DenialNoun();

    [GeneratedRegex(@"\b(?<v>(?:played|had|have|has)\s+no\s+(?:part|role)\s+in|(?:had|have|has)\s+nothing\s+to\s+do\s+with|at\s+no\s+time\s+did)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DenialNoRole();

    [GeneratedRegex(@"\b(?:reports?|claims?|rumou?rs|allegations?|that)\s+(?<v>(?:is|are|was|were)\s+(?:false|untrue|baseless|fabricated|unfounded))\b|\b(?<v>(?:is|was)\s+untrue)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DenialFalse();

    [GeneratedRegex(@"\b(?<v>died|death|killed|executed)\s+(?:\w+\s+)?in\s+captivity\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeathInCaptivity();

    [GeneratedRegex(@"\b(?:hostages?|captives?)\b[^.;:]{0,40}?\b(?<v>may\s+have\s+died|might\s+have\s+died|died|(?:was|were)\s+killed|(?:was|were)\s+executed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostageDied();

    // ---- context and scope ----

    /// <summary>Physical-violence context: weapons, armed actors, military targets, harm.</summary>
    [GeneratedRegex(@"\b(?:" + Weapon + @"|shelling|gunfire|militants?|militias?|militiamen|garrison|base|airbase|outpost|troops|soldiers|service\s+members|personnel|forces|military|army|jets?|warplanes?|aircraft|armed|fighters|civilians|killed|killing|wounded|wounding|injured|injuring|injuries|died|toll|casualties|dead|positions|installations?|convoy|checkpoint|sites|depot|camp|airfield|terminal|market|missiles?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ViolenceContext();

    /// <summary>What a weapon is aimed at: without one, "launched a drone" is a product launch.</summary>
    [GeneratedRegex(@"\b(?:garrison|base|airbase|outpost|troops|soldiers|service\s+members|personnel|forces|military|army|positions|installations?|convoy|checkpoint|sites|depot|camp|airfield|terminal|market|district|town|city|village|neighbourhood|neighborhood|building|school|hospital|homes|houses|residential|civilians|killed|killing|wounded|wounding|injured|injuring|casualties|dead|people|residents|targets|post|bus|vehicle|port|airport|refinery|facility|ship|vessel|tanker|carrier|freighter|warship|destroyer|frigate|boat|embassy|area|perimeter|militants?|militias?|fighters)\b|(?-i:\b(?:hit|struck|into|at|on)\s+(?:the\s+)?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|October|November|December)\p{Lu})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex TargetContext();

    /// <summary>Nouns that name physical violence on their own.</summary>
    [GeneratedRegex(@"^(?:shelling|bombing|bombardment|airstrike|air\s+strike|barrage)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PhysicalNoun();

    [GeneratedRegex(@"\b(?:jets?|warplanes?|aircraft|air\s*strikes?|airstrikes?|air\s+raids?|helicopters?|(?<!suicide\s)bombers?|F-\d+\w*|air\s+force|(?:army|military|armed\s+forces|government)\s+drones?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex AirContext();

    /// <summary>Determiners that make a noun trigger refer to one happening ("the attack", "Saturday's shelling").</summary>
    [GeneratedRegex(@"(?:\b(?:the|a|an|this|that|its|their|his|her|our|last|latest|recent)\b|['’]s)(?:\s+[\w’'-]+){0,3}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DeterminerBefore();

    [GeneratedRegex(@"\b(?:every|any|each|no|frequent|regular|repeated|sporadic|constant|daily|nightly|future|further|possible|new)\s+(?:[\w’'-]+\s+){0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex GenericBefore();

    [GeneratedRegex(@"\b(?<conditional>if|unless|in\s+case|once\s+an?)\b|\b(?<future>will|shall|scheduled|due\s+to|due\s+on|set\s+to|plans?\s+to|planned\s+to|planning\s+to|intends?\s+to|is\s+to|are\s+to)\b|\b(?<hedge>before\s+any|could|(?-i:may)(?!\s+\d)|might|would|should|must|can|expected|expects|threaten(?:s|ed)?|promised|vow(?:s|ed)|warned|hopes?|hoped|hoping|whether|rumou?rs?|rumou?red|claimed\s+that|claims?\s+that|claimed|reportedly|allegedly|purportedly|unconfirmed|feared|fears|possible|possibly|likely|potential|aim(?:s|ed)?\s+(?:to|at)|seek(?:s|ing)?\s+to|proposals?|proposed|draft|captions?|push\s+for|calls?\s+for|called\s+for|urged?|urging|wants?\s+to|risk|asked|question)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex HedgeMarker();

    [GeneratedRegex(@"\b(?<denied>denied|denies|deny|denying|untrue|false|at\s+no\s+time)\b|\b(?<negated>not|never|nothing|none|neither|nor|cannot|no(?!\s+(?:casualt|injur|death|one\b|group|reports?\s+of|civilian|(?:part|role|involvement|responsibility)\b)))\b|n['’]t\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NegationMarker();

    /// <summary>Denial of responsibility or blame: not a denial of the event.</summary>
    [GeneratedRegex(@"\b(?:no\s+(?:part|role|involvement|responsibility)|(?:denied|denies|deny|denying)\s+(?:any\s+|all\s+)?(?:involvement|responsibility|role|firing|blame)|fired\s+first|did\s+not\s+know\s+who)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ResponsibilityDenial();

    /// <summary>"the", "this", "these" … right before a noun trigger: a reference back to an incident already told.</summary>
    [GeneratedRegex(@"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:\p{Lu}[\p{L}\p{M}’'-]*\s+){0,2}$", RegexOptions.CultureInvariant)]
    public static partial Regex DefiniteBefore();

    /// <summary>"killed in the strikes": a definite incident noun in a sentence that tells no new incident.</summary>
    [GeneratedRegex(@"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?(?<noun>air\s*strikes?|strikes?|shelling|bombings?|bombardments?|raids?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DefiniteIncidentNoun();

    /// <summary>"Hamas leader …", "Hezbollah commander …": a group naming a person, not acting itself.</summary>
    [GeneratedRegex(@"^\s*(?:leader|commander|chief|head|founder|official|officials|spokes\w*|members?|envoy|delegation|negotiators?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PersonRoleAfter();

    /// <summary>"the Iraqi military base", "a coalition convoy": a force named as the owner of what was hit, not as the attacker.</summary>
    [GeneratedRegex(@"^\s*(?:military\s+)?(?:base|air\s*base|airbase|camp|garrison|headquarters|positions?|checkpoints?|outposts?|convoys?|patrols?|barracks)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex FacilityAfterActor();

    /// <summary>"signed the agreement": an agreement the story has already told of.</summary>
    [GeneratedRegex(@"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:agreement|deal|accord|pact)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DefiniteAgreement();

    /// <summary>"Rumours spread … that", "unconfirmed reports said that": hearsay framing everything after it.</summary>
    [GeneratedRegex(@"\b(?:rumou?rs?|unconfirmed\s+reports?|unverified\s+reports?|speculation|social\s+media\s+posts?)\b[^.;]{0,80}?\bthat\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex HearsayFrame();

    /// <summary>"could not be independently verified", "unconfirmed": the sentence reports what nobody has confirmed.</summary>
    [GeneratedRegex(@"\b(?:could\s+not|cannot|can\s*not|has\s+not\s+been|have\s+not\s+been|was\s+not|were\s+not)\s+(?:be\s+)?(?:independently\s+)?(?:verified|confirmed)\b|\b(?:unverified|unconfirmed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NotVerified();

    /// <summary>"since it took effect", "where the talks were held": a clause that refers to a happening rather than reports it.</summary>
    [GeneratedRegex(@"\b(?:since|where|ever\s+since)\s+(?:[\w’'-]+\s+){0,4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ReferringClauseBefore();

    /// <summary>"the dock workers' strike", "a general strike": a labour strike, not an attack.</summary>
    [GeneratedRegex(@"\b(?:workers?['’]?|dockers?['’]?|dock|general|hunger|union|unions['’]?|labou?r|teachers?['’]?|nurses?['’]?|doctors?['’]?|drivers?['’]?|staff|employees['’]?|miners?['’]?|rail|transport|wage|pay|sit-down|national|nationwide|\w+-(?:hour|day|week|month))\s+(?:[\w’'-]+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex LabourBefore();

    /// <summary>A labour dispute: its "agreement" ends a strike, not a conflict.</summary>
    [GeneratedRegex(@"\b(?:unions?|wages?|pay\s+(?:rise|deal|offer|claim)|stevedores|dockers|employers?|workforce|collective\s+bargaining)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex LabourContext();

    /// <summary>"three days after a drone attack on …", "following the raid on …": an earlier incident named as a point in time.</summary>
    [GeneratedRegex(@"(?:\b(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?<unit>days?|weeks?)\s+)?\b(?:after|following|since)\s+(?:a|an|the|last\s+\w+['’]s|\w+['’]s)\s+(?:[\w’'-]+\s+){0,3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex EarlierIncidentBefore();

    /// <summary>Talks of business, trade, labour or a budget: "merger talks", "trade negotiations", "wage talks".</summary>
    [GeneratedRegex(@"\b(?:merger|takeover|acquisition|trade|tariff|wage|pay|salary|contract|budget|debt|bailout|labou?r|climate|licensing|transfer|sponsorship|commercial|business)\s+(?:[\w-]+\s+)?(?:talks|negotiations|discussions)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex OtherTalks();

    /// <summary>A natural cause as the subject of "struck", "hit", "killed": no attacker.</summary>
    [GeneratedRegex(@"\b(?:storms?|hurricane|typhoon|cyclone|earthquake|quake|floods?|flooding|lightning|tornado|wildfire|landslide|mudslide|tsunami|heatwave|avalanche|outbreak|epidemic)\b[^.;:]{0,30}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NaturalCause();

    /// <summary>"in the town", "near the city": a place the story has named before, by its kind.</summary>
    [GeneratedRegex(@"\b(?:in|at|near|outside|inside)\s+the\s+(?<noun>town|city|village|port)\b(?!\s+of\b|['’]s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DefinitePlaceNoun();

    /// <summary>A place named by its facility word but missing from the gazetteer ("at the Harran base").</summary>
    [GeneratedRegex(@"\b(?:in|at|near|on|into|inside|outside)\s+(?:the\s+)?(?<name>(?:\p{Lu}[\w’'-]+\s+){1,3}?)(?<kind>air\s+base|airbase|base|garrison|outpost|camp|airfield|air\s+field)\b", RegexOptions.CultureInvariant)]
    public static partial Regex UnknownFacility();

    [GeneratedRegex(@"\b(?<ballistic>ballistic\s+missiles?)|(?<cruise>cruise\s+missiles?)|(?<missile>missiles?)|(?<drone>drones?|UAVs?)|(?<rocket>rockets?|Katyushas?)|(?<mortar>mortars?)|(?<artillery>shells?|shelling|artillery)|(?<explosive>bombs?|explosives?|IEDs?|car\s+bomb|truck\s+bomb)|(?<gun>gunfire|small\s+arms|rifles?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex WeaponMention();

    /// <summary>A claim or attribution of an incident ("claimed by", "carried out by", "a group calling itself …").</summary>
    [GeneratedRegex(@"\b(?:claimed|carried\s+out|conducted|launched|committed)\s+by\s+|\b(?:group|faction|organi[sz]ation|movement|militia)\s+(?:called|calling\s+itself|known\s+as|named)\s+|\bclaimed\s+(?:responsibility|the\s+attack|that\s+attack)|\bcarried\s+out\s+the\s+attack|\bsaid\s+(?:on\s+\w+\s+)?(?:that\s+)?it\s+had\s+carried\s+out", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ClaimMarker();

    /// <summary>A named group after "calling itself", "called", "known as" that the actor list lacks.</summary>
    [GeneratedRegex(@"\b(?:calling\s+itself|called|known\s+as|named)\s+(?:the\s+)?[""“']?(?<name>\p{Lu}[\w’'-]*(?:\s+(?:(?:of|in|for|the|al|el)\s+){0,2}\p{Lu}[\w’'-]*){0,5}|[a-z][\w-]+(?=[.,]?[""”']))", RegexOptions.CultureInvariant)]
    public static partial Regex NamedGroup();

    [GeneratedRegex(@"\b(?:part\s+of|member\s+of|affiliated\s+with|backed\s+by|linked\s+to|umbrella\s+of)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex ParentGroupMarker();

    [GeneratedRegex(@"\b(?:held|holding|captiv|hostage|kidnap|abduct|seized)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex CaptivityContext();
}
