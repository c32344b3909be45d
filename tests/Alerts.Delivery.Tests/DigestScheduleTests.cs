namespace Alerts.Delivery.Tests;

public sealed class DigestScheduleTests
{
    [Theory]
    [InlineData("America/Chicago", "2026-03-07", 7, "2026-03-07T13:00:00Z")] // CST, UTC-6
    [InlineData("America/Chicago", "2026-03-08", 7, "2026-03-08T12:00:00Z")] // CDT from 02:00 that day, UTC-5
    [InlineData("America/Chicago", "2026-03-08", 2, "2026-03-08T08:00:00Z")] // 02:00 does not exist: the jump itself, 03:00 CDT
    [InlineData("America/Chicago", "2026-11-01", 1, "2026-11-01T06:00:00Z")] // 01:00 happens twice: the first, 01:00 CDT
    [InlineData("Europe/Berlin", "2026-03-29", 2, "2026-03-29T01:00:00Z")] // 02:00 does not exist: 03:00 CEST
    [InlineData("Asia/Beirut", "2026-03-29", 0, "2026-03-28T22:00:00Z")] // midnight does not exist: 01:00 EEST
    [InlineData("Asia/Beirut", "2026-10-24", 23, "2026-10-24T20:00:00Z")] // 23:00 happens twice: the first, 23:00 EEST
    public void DueAt_DaylightSavingDays_GapGoesAtTheJumpOverlapGoesTheFirstTime(string zone, string date, int hour, string expected)
        => Assert.Equal(
            DateTimeOffset.Parse(expected),
            DigestSchedule.DueAt(DateOnly.Parse(date), hour, TimeZoneInfo.FindSystemTimeZoneById(zone)));

    [Theory]
    [InlineData("2026-03-08T07:59:00Z", "2026-03-08")] // 01:59 CST: the (shifted) 02:00 digest of the day is still ahead
    [InlineData("2026-03-08T08:00:00Z", "2026-03-09")] // 03:00 CDT: it is due now, so the next one is tomorrow's
    public void DigestDate_SpringForwardDay_NextDigestIsTheShiftedOne(string now, string expected)
        => Assert.Equal(
            DateOnly.Parse(expected),
            DigestSchedule.DigestDate(DateTimeOffset.Parse(now), 2, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));
}
