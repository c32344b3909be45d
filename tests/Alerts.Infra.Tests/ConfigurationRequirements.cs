using System.Text.RegularExpressions;

namespace Alerts.Infra.Tests;

/// <summary>An app setting the code cannot start (or bind a trigger) without, and where that requirement comes from.</summary>
public sealed record RequiredSetting(string Name, string Origin);

/// <summary>
/// Derives the settings the code needs from its C# sources, not from a hand list:
/// each options class's <c>SectionName</c> with its <c>[Required]</c> properties that have no default value (<c>Section__Property</c>, ':' → '__'),
/// and each storage connection a trigger or client names (<c>Connection = …</c>, <c>PipelineNames.StorageConnection</c>),
/// which deployed with a managed identity needs <c>X__credential</c>, <c>X__clientId</c>, <c>X__blobServiceUri</c> and <c>X__queueServiceUri</c>.
/// A text scan: the sources are read, not compiled.
/// </summary>
public sealed partial class ConfigurationRequirements
{
    private static readonly string[] IdentityConnectionSuffixes = ["credential", "clientId", "blobServiceUri", "queueServiceUri"];

    private readonly Dictionary<string, string> constantsByQualifiedName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> constantsByName = new(StringComparer.Ordinal);
    private readonly List<RequiredSetting> settings = [];
    private readonly List<RequiredSetting> defaulted = [];
    private readonly List<RequiredSetting> switches = [];
    private readonly List<string> unresolved = [];

    private ConfigurationRequirements()
    {
    }

    /// <summary>Required settings, ordered by name, without duplicates.</summary>
    public IReadOnlyList<RequiredSetting> Settings =>
        [.. settings.GroupBy(s => s.Name, StringComparer.Ordinal).Select(g => g.First()).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Settings the code reads by name (<c>configuration["Section:Key"]</c>, or <c>section["Key"]</c> of a <c>GetSection</c>
    /// variable) to switch an optional integration on; the template must set each one, conditionally on its resource.
    /// Reads whose key the scan cannot reduce to a string (a setting named in a document, say) are skipped.
    /// </summary>
    public IReadOnlyList<RequiredSetting> Switches =>
        [.. switches.GroupBy(s => s.Name, StringComparer.Ordinal).Select(g => g.First()).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>[Required] properties with a non-empty initializer: validation passes without a setting, so the template need not set them.</summary>
    public IReadOnlyList<RequiredSetting> Defaulted => defaulted;

    /// <summary>Section names or connection expressions the scan could not reduce to a string (so it can't check them).</summary>
    public IReadOnlyList<string> Unresolved => unresolved;

    public static ConfigurationRequirements ScanRepository() =>
        Scan(RepositoryFiles.FunctionSources().Select(path => (path, RepositoryFiles.Read(path))));

    public static ConfigurationRequirements Scan(IEnumerable<(string Path, string Text)> sources)
    {
        var files = sources.Select(s => (s.Path, Code: StripComments(s.Text))).ToList();
        var scan = new ConfigurationRequirements();
        var classesByFile = files.ToDictionary(f => f.Path, f => ClassSpan.Find(f.Code));

        foreach (var (path, code) in files)
        {
            foreach (Match constant in ConstantPattern().Matches(code))
            {
                var owner = ClassSpan.Innermost(classesByFile[path], constant.Index);
                var name = constant.Groups["name"].Value;
                scan.constantsByQualifiedName[$"{owner?.Name}.{name}"] = constant.Groups["value"].Value.Trim();
                if (!scan.constantsByName.TryGetValue(name, out var values))
                {
                    scan.constantsByName[name] = values = [];
                }

                values.Add(constant.Groups["value"].Value.Trim());
            }
        }

        foreach (var (path, code) in files)
        {
            var classes = classesByFile[path];
            foreach (var options in classes)
            {
                var sectionConstant = ConstantPattern().Matches(code)
                    .FirstOrDefault(m => m.Groups["name"].Value == "SectionName" && ClassSpan.Innermost(classes, m.Index) == options);
                if (sectionConstant is null)
                {
                    continue;
                }

                var section = scan.Resolve(sectionConstant.Groups["value"].Value, options.Name);
                if (section is null)
                {
                    scan.unresolved.Add($"{path}: {options.Name}.SectionName = {sectionConstant.Groups["value"].Value.Trim()}");
                    continue;
                }

                foreach (Match property in RequiredPropertyPattern().Matches(code))
                {
                    if (ClassSpan.Innermost(classes, property.Index) != options)
                    {
                        continue;
                    }

                    var setting = new RequiredSetting(
                        $"{section}:{property.Groups["name"].Value}".Replace(":", "__", StringComparison.Ordinal),
                        $"{path}: [Required] {options.Name}.{property.Groups["name"].Value}");
                    var initializer = property.Groups["default"].Value.Trim();
                    (initializer is "" or "null" or "null!" or "default" or "default!" or "\"\"" or "string.Empty" ? scan.settings : scan.defaulted).Add(setting);
                }
            }

            var sections = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match variable in SectionVariablePattern().Matches(code))
            {
                if (scan.Resolve(variable.Groups["expression"].Value, ClassSpan.Innermost(classes, variable.Index)?.Name ?? string.Empty) is { } section)
                {
                    sections[variable.Groups["variable"].Value] = section + ":";
                }
            }

            foreach (Match read in IndexerReadPattern().Matches(code))
            {
                var target = read.Groups["target"].Value;
                var prefix = sections.GetValueOrDefault(target) ?? (ConfigurationVariablePattern().IsMatch(target) ? string.Empty : null);
                if (prefix is not null && scan.Resolve(read.Groups["key"].Value, ClassSpan.Innermost(classes, read.Index)?.Name ?? string.Empty) is { } key)
                {
                    scan.switches.Add(new RequiredSetting((prefix + key).Replace(":", "__", StringComparison.Ordinal), $"{path}: reads {target}[{read.Groups["key"].Value.Trim()}]"));
                }
            }

            foreach (Match connection in ConnectionPattern().Matches(code))
            {
                var expression = connection.Groups["expression"].Value;
                var name = scan.Resolve(expression, ClassSpan.Innermost(classes, connection.Index)?.Name ?? string.Empty);
                if (name is null)
                {
                    scan.unresolved.Add($"{path}: Connection = {expression.Trim()}");
                    continue;
                }

                foreach (var suffix in IdentityConnectionSuffixes)
                {
                    scan.settings.Add(new RequiredSetting($"{name}__{suffix}", $"{path}: storage connection '{name}' ({expression.Trim()})"));
                }
            }
        }

        return scan;
    }

    /// <summary>Reduces <c>"a" + X.B + nameof(C)</c> or <c>$"{X.B}:c"</c> to its string, or null.</summary>
    private string? Resolve(string expression, string ownerClass, int depth = 0)
    {
        expression = expression.Trim();
        if (depth > 8)
        {
            return null;
        }

        if (expression.StartsWith("$\"", StringComparison.Ordinal) && expression.EndsWith('"'))
        {
            var failed = false;
            var text = HolePattern().Replace(expression[2..^1], hole =>
            {
                var value = Resolve(hole.Groups[1].Value, ownerClass, depth + 1);
                failed |= value is null;
                return value ?? string.Empty;
            });
            return failed ? null : text;
        }

        var parts = expression.Split('+');
        if (parts.Length > 1)
        {
            var values = parts.Select(p => Resolve(p, ownerClass, depth + 1)).ToList();
            return values.Any(v => v is null) ? null : string.Concat(values);
        }

        if (expression.StartsWith('"') && expression.EndsWith('"') && expression.Length >= 2)
        {
            return expression[1..^1];
        }

        var nameOf = NameOfPattern().Match(expression);
        if (nameOf.Success)
        {
            return nameOf.Groups[1].Value.Split('.')[^1];
        }

        if (!IdentifierPattern().IsMatch(expression))
        {
            return null;
        }

        var segments = expression.Split('.');
        var constant = segments[^1];
        var qualifier = segments.Length > 1 ? segments[^2] : ownerClass;
        if (constantsByQualifiedName.TryGetValue($"{qualifier}.{constant}", out var qualified))
        {
            return Resolve(qualified, qualifier, depth + 1);
        }

        return constantsByName.TryGetValue(constant, out var candidates) && candidates.Distinct().Count() == 1
            ? Resolve(candidates[0], qualifier, depth + 1)
            : null;
    }

    /// <summary>Blanks <c>//</c> and <c>/* */</c> comments outside string literals (line breaks kept).</summary>
    private static string StripComments(string code)
    {
        var chars = code.ToCharArray();
        var inString = false;
        for (var i = 0; i < chars.Length; i++)
        {
            if (inString)
            {
                if (chars[i] == '\\')
                {
                    i++;
                }
                else if (chars[i] == '"')
                {
                    inString = false;
                }
            }
            else if (chars[i] == '"')
            {
                inString = true;
            }
            else if (chars[i] == '\'' && i + 2 < chars.Length)
            {
                // A char literal such as '"' or '{' or '\''.
                var end = Array.IndexOf(chars, '\'', i + (chars[i + 1] == '\\' ? 3 : 2));
                i = end < 0 ? i : end;
            }
            else if (chars[i] == '/' && i + 1 < chars.Length && chars[i + 1] == '/')
            {
                for (; i < chars.Length && chars[i] != '\n'; i++)
                {
                    chars[i] = ' ';
                }
            }
            else if (chars[i] == '/' && i + 1 < chars.Length && chars[i + 1] == '*')
            {
                for (; i < chars.Length && !(chars[i] == '*' && i + 1 < chars.Length && chars[i + 1] == '/'); i++)
                {
                    chars[i] = chars[i] == '\n' ? '\n' : ' ';
                }

                if (i + 1 < chars.Length)
                {
                    chars[i] = chars[i + 1] = ' ';
                    i++;
                }
            }
        }

        return new string(chars);
    }

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>\w+)\s*=\s*(?<value>[^;]+);")]
    private static partial Regex ConstantPattern();

    // [Required] (alone or in a list, maybe qualified) above a property, possibly with more attribute lists between.
    [GeneratedRegex(@"\[[^\[\]]*\bRequired(?:Attribute)?\b(?!\s*\w)[^\[\]]*\](?:\s*\[[^\[\]]*\])*\s*(?:public|internal)\s+(?:(?:required|virtual|override|new)\s+)*[\w.<>,?\[\]\s]+?\s+(?<name>\w+)\s*\{[^{}]*\}(?:\s*=\s*(?<default>[^;]+);)?")]
    private static partial Regex RequiredPropertyPattern();

    // Connection = X in a trigger or binding attribute, and any other use of PipelineNames.StorageConnection (a client reading the setting).
    [GeneratedRegex(@"(?:Trigger|Output|Input)\s*\([^)]*?\bConnection\s*=\s*(?<expression>[^,)\]]+)|(?<expression>\bPipelineNames\.StorageConnection\b)")]
    private static partial Regex ConnectionPattern();

    [GeneratedRegex(@"\bvar\s+(?<variable>\w+)\s*=\s*[\w.]+\.GetSection\((?<expression>[^;]+)\)\s*;")]
    private static partial Regex SectionVariablePattern();

    [GeneratedRegex(@"\b(?<target>\w+)\[(?<key>[^\[\]]+)\]")]
    private static partial Regex IndexerReadPattern();

    [GeneratedRegex(@"^_?(?:configuration|config)$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigurationVariablePattern();

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex HolePattern();

    [GeneratedRegex(@"^nameof\(\s*([\w.]+)\s*\)$")]
    private static partial Regex NameOfPattern();

    [GeneratedRegex(@"^[A-Za-z_][\w.]*$")]
    private static partial Regex IdentifierPattern();

    /// <summary>A class, record or struct body: its name and the offsets of its braces.</summary>
    private sealed partial record ClassSpan(string Name, int Start, int End)
    {
        public static List<ClassSpan> Find(string code)
        {
            var spans = new List<ClassSpan>();
            foreach (Match declaration in DeclarationPattern().Matches(code))
            {
                var open = code.IndexOf('{', declaration.Index + declaration.Length);
                var semicolon = code.IndexOf(';', declaration.Index + declaration.Length);
                if (open < 0 || (semicolon >= 0 && semicolon < open))
                {
                    continue;
                }

                var depth = 0;
                var inString = false;
                for (var i = open; i < code.Length; i++)
                {
                    var c = code[i];
                    if (inString)
                    {
                        if (c == '\\')
                        {
                            i++;
                        }
                        else if (c == '"')
                        {
                            inString = false;
                        }

                        continue;
                    }

                    if (c == '"')
                    {
                        inString = true;
                    }
                    else if (c == '\'' && i + 2 < code.Length)
                    {
                        var end = code.IndexOf('\'', i + (code[i + 1] == '\\' ? 3 : 2));
                        i = end < 0 ? i : end;
                    }
                    else if (c == '{')
                    {
                        depth++;
                    }
                    else if (c == '}' && --depth == 0)
                    {
                        spans.Add(new ClassSpan(declaration.Groups[1].Value, open, i));
                        break;
                    }
                }
            }

            return spans;
        }

        public static ClassSpan? Innermost(List<ClassSpan> spans, int position) =>
            spans.Where(s => s.Start < position && position < s.End).MinBy(s => s.End - s.Start);

        [GeneratedRegex(@"\b(?:class|record|struct)\s+(\w+)")]
        private static partial Regex DeclarationPattern();
    }
}
