namespace Alerts.Core;

/// <summary>
/// Every fixed fact about an <see cref="EventType"/>, in one table: its wire name and words, its codes in CAMEO (GDELT) and
/// PLOVER (POLECAT), its family, whether it is an incident or a status of a storyline, whether it carries casualty figures and
/// whether it alerts.
/// </summary>
/// <param name="Type">The event type.</param>
/// <param name="WireName">The snake_case name used in messages and replays.</param>
/// <param name="Label">The words a subscriber reads ("Talks suspended").</param>
/// <param name="Cameo">CAMEO event code.</param>
/// <param name="Plover">PLOVER event category.</param>
/// <param name="Family">Types that report the same kind of happening (an airstrike is an attack).</param>
/// <param name="IsIncident">True for happenings identified by place and day (attacks, strikes, casualties, ceasefire breaches).</param>
/// <param name="IsStatus">True for types that set the status of a negotiation storyline (talks, agreements, ceasefires, withdrawals).</param>
/// <param name="CarriesCasualties">True for incidents whose killed and injured figures a storyline tracks.</param>
/// <param name="Alerts">False for types kept in state only (talks held, denials).</param>
public sealed record EventTypeInfo(
    EventType Type, string WireName, string Label, string Cameo, string Plover, EventType Family,
    bool IsIncident, bool IsStatus, bool CarriesCasualties, bool Alerts)
{
    private static readonly EventTypeInfo[] All =
    [
        new(EventType.Attack, "attack", "Attack", "190", "ASSAULT", EventType.Attack, IsIncident: true, IsStatus: false, CarriesCasualties: true, Alerts: true),
        new(EventType.Airstrike, "airstrike", "Airstrike", "195", "ASSAULT", EventType.Attack, IsIncident: true, IsStatus: false, CarriesCasualties: true, Alerts: true),
        new(EventType.Casualties, "casualties", "Casualties", "190", "ASSAULT", EventType.Casualties, IsIncident: true, IsStatus: false, CarriesCasualties: true, Alerts: true),
        new(EventType.TalksHeld, "talks_held", "Talks held", "046", "CONSULT", EventType.TalksHeld, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: false),
        new(EventType.TalksSuspended, "talks_suspended", "Talks suspended", "164", "REJECT", EventType.TalksSuspended, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.TalksPostponed, "talks_postponed", "Talks postponed", "160", "REJECT", EventType.TalksPostponed, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.TalksResumed, "talks_resumed", "Talks resumed", "046", "CONSULT", EventType.TalksResumed, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.TalksConcluded, "talks_concluded", "Talks concluded", "046", "CONSULT", EventType.TalksConcluded, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.Agreement, "agreement", "Agreement reached", "057", "AGREE", EventType.Agreement, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.WithdrawalAnnounced, "withdrawal_announced", "Withdrawal announced", "0874", "RETREAT", EventType.WithdrawalAnnounced, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.WithdrawalPostponed, "withdrawal_postponed", "Withdrawal postponed", "160", "REJECT", EventType.WithdrawalPostponed, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.Ceasefire, "ceasefire", "Ceasefire agreed", "0871", "RETREAT", EventType.Ceasefire, IsIncident: false, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.CeasefireBroken, "ceasefire_broken", "Ceasefire broken", "196", "ASSAULT", EventType.CeasefireBroken, IsIncident: true, IsStatus: true, CarriesCasualties: false, Alerts: true),
        new(EventType.StatementDenial, "statement_denial", "Denial", "016", "REJECT", EventType.StatementDenial, IsIncident: false, IsStatus: false, CarriesCasualties: false, Alerts: false),
    ];

    public static EventTypeInfo Of(EventType type) => All[(int)type];

    public static IReadOnlyList<EventTypeInfo> Values => All;

    public static bool TryParse(string wireName, out EventType type)
    {
        foreach (var info in All)
        {
            if (string.Equals(info.WireName, wireName, StringComparison.OrdinalIgnoreCase))
            {
                type = info.Type;
                return true;
            }
        }

        type = default;
        return false;
    }
}
