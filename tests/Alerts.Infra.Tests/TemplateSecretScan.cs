using System.Text.RegularExpressions;

namespace Alerts.Infra.Tests;

/// <summary>
/// Looks for secrets and keys in templates and parameters files: storage keys and connection strings, key-listing calls other
/// than the Functions host's blobs_extension key (needed for the Event Grid webhook), literal webhook URLs or URLs carrying a
/// literal code/sig/key, long key-like literals, and secure or secret-named parameters with a literal value.
/// </summary>
public static partial class TemplateSecretScan
{
    public static IReadOnlyList<string> Findings(string path, string text)
    {
        var findings = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"{path}:{i + 1}";
            if (ConnectionStringPattern().IsMatch(line))
            {
                findings.Add($"{where}: storage key or connection string");
            }

            if (ListSecretsPattern().IsMatch(line))
            {
                findings.Add($"{where}: lists secrets or builds a SAS");
            }

            if (ListKeysPattern().IsMatch(line) && !line.Contains("systemKeys.blobs_extension", StringComparison.Ordinal))
            {
                findings.Add($"{where}: listKeys( used for something other than the host's blobs_extension key");
            }

            foreach (Match url in LiteralUrlPattern().Matches(line))
            {
                if (WebhookHostPattern().IsMatch(url.Value))
                {
                    findings.Add($"{where}: literal webhook URL");
                }
            }

            if (LiteralCredentialQueryPattern().IsMatch(line))
            {
                findings.Add($"{where}: URL query with a literal code, sig, key or token");
            }

            // Resource type paths are long base64-alphabet runs too, but carry no digits.
            if (KeyLikeLiteralPattern().Matches(line).Any(m => m.Value.Count(char.IsAsciiDigit) >= 4))
            {
                findings.Add($"{where}: key-like literal");
            }

            var secretParameter = SecretNamedParameterPattern().Match(line);
            if (secretParameter.Success && secretParameter.Groups["value"].Value is not "''" and not "\"\"")
            {
                findings.Add($"{where}: secret-named parameter '{secretParameter.Groups["name"].Value}' has a literal value");
            }

            if (line.Contains("@secure()", StringComparison.Ordinal) && i + 1 < lines.Length && SecureDefaultPattern().IsMatch(lines[i + 1]))
            {
                findings.Add($"{where}: @secure() parameter with a default value");
            }
        }

        return findings;
    }

    [GeneratedRegex(@"AccountKey=|DefaultEndpointsProtocol=|SharedAccessKey=|SharedAccessSignature=", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPattern();

    [GeneratedRegex(@"\b(?:listConnectionStrings|listSecrets|listAccountSas|listServiceSas|listCredentials)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListSecretsPattern();

    [GeneratedRegex(@"\blistKeys\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListKeysPattern();

    // A URL whose host is written out (not ${...}).
    [GeneratedRegex(@"https?://(?!\$\{)[^\s'""]+", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralUrlPattern();

    [GeneratedRegex(@"webhook|logic\.azure\.com|powerautomate|powerplatform|office\.com/|hooks\.", RegexOptions.IgnoreCase)]
    private static partial Regex WebhookHostPattern();

    // ?code=, sig= or key= followed by a literal value rather than an interpolation.
    [GeneratedRegex(@"[?&](?:code|sig|key|token)=(?!\$\{)[^&'\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralCredentialQueryPattern();

    // 40+ base64 characters, or 32+ hex characters not part of a GUID.
    [GeneratedRegex(@"(?<![\w-])(?:[A-Za-z0-9+/]{40,}={0,2}|[0-9a-fA-F]{32,})(?![\w-])")]
    private static partial Regex KeyLikeLiteralPattern();

    [GeneratedRegex(@"^\s*param\s+(?<name>\w*(?:password|secret|apikey|accesskey|token|webhookurl|connectionstring)\w*)\b[^=]*=\s*(?<value>\S.*?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretNamedParameterPattern();

    [GeneratedRegex(@"^\s*param\s+\w+\s+\w+\s*=")]
    private static partial Regex SecureDefaultPattern();
}
