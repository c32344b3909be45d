namespace Alerts.Articles.Tests;

public sealed class PublicationDatesTests
{
    [Theory]
    [InlineData("2024-08-07T20:53:19+00:00", "2024-08-07T20:53:19+00:00")]
    [InlineData("2026-02-16T23:40:00-05:00", "2026-02-16T23:40:00-05:00")]
    [InlineData("2026-02-05T15:30:00Z", "2026-02-05T15:30:00+00:00")]
    [InlineData("2026-02-05T15:30:00.250Z", "2026-02-05T15:30:00.250+00:00")]
    [InlineData("2026-02-05T15:30:00", "2026-02-05T15:30:00+00:00")]
    [InlineData("2026-03-06", "2026-03-06T00:00:00+00:00")]
    [InlineData("August 19, 2024", "2024-08-19T00:00:00+00:00")]
    [InlineData("19 August 2024", "2024-08-19T00:00:00+00:00")]
    [InlineData("Feb. 5, 2026, 10:30 a.m. ET", "2026-02-05T00:00:00+00:00")]
    [InlineData("Gulan Media August 19, 2024 News", "2024-08-19T00:00:00+00:00")]
    [InlineData("Monday 30 March 2026, 14:00", "2026-03-30T00:00:00+00:00")]
    public void ParseValue_KnownForms_ParsesKeepingOffset(string value, string expected)
    {
        var parsed = PublicationDates.ParseValue(value);

        Assert.NotNull(parsed);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.Value);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, parsed.Value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("February 30, 2026")]
    [InlineData("2026-13-01")]
    public void ParseValue_NotADate_ReturnsNull(string value)
    {
        Assert.Null(PublicationDates.ParseValue(value));
    }

    [Theory]
    [InlineData("https://example.org/sahel-observer/2026/03/06/ambara", "2026-03-06")]
    [InlineData("https://example.org/a/2026/3/6/", "2026-03-06")]
    [InlineData("https://example.org/a/ambara-story", null)]
    [InlineData("https://example.org/a/2026/02/30/x", null)]
    public void FromUrl_PathDate_ReadsDate(string url, string? expected)
    {
        var parsed = PublicationDates.FromUrl(url);

        Assert.Equal(expected, parsed?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}
