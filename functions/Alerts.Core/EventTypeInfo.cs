namespace Alerts.Core;

/// <summary>Fixed facts about each <see cref="EventType"/>: its wire name, codes in CAMEO (GDELT) and PLOVER (POLECAT), and how it alerts.</summary>
/// <param name="Type">The event type.</param>
/// <param name="WireName">The snake_case name used in messages and replays.</param>
/// <param name="Cameo">CAMEO event code.</param>
/// <param name="Plover">PLOVER event category.</param>
/// <param name="IsIncident">True for happenings identified by place and day (attacks, strikes, casualties, ceasefire breaches).</param>
/// <param name="Alerts">False for types kept in state only (talks held, denials).</param>
public sealed record EventTypeInfo(EventType Type, string WireName, string Cameo, string Plover, bool IsIncident, bool Alerts)
{
    private static readonly EventTypeInfo[] All =
    [
        new(EventType.Attack, "attack", "190", "ASSAULT", IsIncident: true, Alerts: true),
        new(EventType.Airstrike, "airstrike", "195", "ASSAULT", IsIncident: true, Alerts: true),
        new(EventType.Casualties, "casualties", "190", "ASSAULT", IsIncident: true, Alerts: true),
        new(EventType.TalksHeld, "talks_held", "046", "CONSULT", IsIncident: false, Alerts: false),
        new(EventType.TalksSuspended, "talks_suspended", "164", "REJECT", IsIncident: false, Alerts: true),
        new(EventType.TalksPostponed, "talks_postponed", "160", "REJECT", IsIncident: false, Alerts: true),
        new(EventType.TalksResumed, "talks_resumed", "046", "CONSULT", IsIncident: false, Alerts: true),
        new(EventType.TalksConcluded, "talks_concluded", "046", "CONSULT", IsIncident: false, Alerts: true),
        new(EventType.Agreement, "agreement", "057", "AGREE", IsIncident: false, Alerts: true),
        new(EventType.WithdrawalAnnounced, "withdrawal_announced", "0874", "RETREAT", IsIncident: false, Alerts: true),
        new(EventType.WithdrawalPostponed, "withdrawal_postponed", "160", "REJECT", IsIncident: false, Alerts: true),
        new(EventType.Ceasefire, "ceasefire", "0871", "RETREAT", IsIncident: false, Alerts: true),
        new(EventType.CeasefireBroken, "ceasefire_broken", "196", "ASSAULT", IsIncident: true, Alerts: true),
        new(EventType.StatementDenial, "statement_denial", "016", "REJECT", IsIncident: false, Alerts: false),
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
