using System.Globalization;
using System.Text.RegularExpressions;

namespace Alerts.Articles;

/// <summary>Reads publication times from metadata values, byline lines and URLs.</summary>
internal static partial class PublicationDates
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Parses a whole metadata value: ISO-8601 (with or without offset, <c>Z</c>, date-only) or an English date. No offset means offset zero.</summary>
    public static DateTimeOffset? ParseValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var s = value.Trim();
        if (DateTimeOffset.TryParseExact(s, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso;
        }

        return FindInLine(s);
    }

    /// <summary>Finds the first date written in a short line, e.g. a byline ("Gulan Media August 19, 2024 News").</summary>
    public static DateTimeOffset? FindInLine(string line)
    {
        var iso = IsoDate().Match(line);
        if (iso.Success && DateTimeOffset.TryParseExact(iso.Value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        var mdy = MonthDayYear().Match(line);
        if (mdy.Success && Build(mdy.Groups["y"].Value, mdy.Groups["m"].Value, mdy.Groups["d"].Value) is { } a)
        {
            return a;
        }

        var dmy = DayMonthYear().Match(line);
        if (dmy.Success && Build(dmy.Groups["y"].Value, dmy.Groups["m"].Value, dmy.Groups["d"].Value) is { } b)
        {
            return b;
        }

        return null;
    }

    /// <summary>The date a news URL carries in its path (<c>/2026/03/06/</c>), at offset zero.</summary>
    public static DateTimeOffset? FromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var m = UrlDate().Match(url);
        if (!m.Success)
        {
            return null;
        }

        var year = int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
        return IsValid(year, month, day) ? new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero) : null;
    }

    private static DateTimeOffset? Build(string year, string month, string day)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        var m = Array.IndexOf(MonthNames, month[..3].ToLowerInvariant()) + 1;
        return m > 0 && IsValid(y, m, d) ? new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero) : null;
    }

    private static bool IsValid(int year, int month, int day) =>
        year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private const string Month =
        "(?<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?)?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b" + Month + @"\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+" + Month + @"\.?,?\s+(?<y>\d{4})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"/(?<y>(?:19|20|21)\d{2})/(?<m>\d{1,2})/(?<d>\d{1,2})(?:/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDate();
}
