namespace Alerts.Delivery;

/// <summary>
/// When a daily digest is due: at the subscriber's <see cref="Subscriber.DigestHour"/> on a date of the subscriber's time
/// zone (<see cref="Subscriber.TimeZone"/>, UTC when none).
/// </summary>
/// <remarks>
/// Daylight-saving days: when the hour does not exist that day (clocks jump over it in spring), the digest is due at the
/// first instant after the jump (a 02:00 digest in America/Chicago on a spring-forward day goes at 03:00 CDT). When the hour
/// occurs twice (clocks go back in autumn), it is due the first time, in daylight time.
/// </remarks>
public static class DigestSchedule
{
    /// <summary>The date, in <paramref name="zone"/>, of the next digest due after <paramref name="now"/>: today's when its hour is still ahead, else tomorrow's.</summary>
    public static DateOnly DigestDate(DateTimeOffset now, int digestHour, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return now < DueAt(today, digestHour, zone) ? today : today.AddDays(1);
    }

    /// <summary>The instant of <paramref name="date"/> at <paramref name="digestHour"/> o'clock in <paramref name="zone"/> (see the remarks for DST days).</summary>
    public static DateTimeOffset DueAt(DateOnly date, int digestHour, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(digestHour, 0));
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
