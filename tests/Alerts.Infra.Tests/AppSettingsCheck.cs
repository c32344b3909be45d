namespace Alerts.Infra.Tests;

/// <summary>Compares the settings the code requires with the app settings a template sets.</summary>
public static class AppSettingsCheck
{
    /// <summary>Required setting names the template does not set (app setting names compare case-insensitively), sorted.</summary>
    public static IReadOnlyList<string> MissingSettings(
        IEnumerable<RequiredSetting> required, IReadOnlySet<string> templateSettings, IReadOnlySet<string> optional)
    {
        var set = new HashSet<string>(templateSettings, StringComparer.OrdinalIgnoreCase);
        var allowed = new HashSet<string>(optional, StringComparer.OrdinalIgnoreCase);
        return [.. required.Select(r => r.Name)
            .Where(name => !set.Contains(name) && !allowed.Contains(name))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)];
    }
}
