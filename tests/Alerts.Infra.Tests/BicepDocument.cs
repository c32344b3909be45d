using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Infra.Tests;

/// <summary>A parameter declaration: its name, the decorators above it, and whether it has a default value.</summary>
public sealed record BicepParameter(string Name, string Decorators, bool HasDefault);

/// <summary>A resource declaration: symbol, type without API version, whether it is <c>existing</c>, and its <c>{…}</c> body.</summary>
public sealed record BicepResource(string Symbol, string Type, bool Existing, string Body);

/// <summary>
/// Just enough of Bicep to check the templates here without the bicep CLI: comments, params with decorators, modules,
/// resources with their bodies, outputs and object keys. Not a parser; it relies on the templates' ordinary formatting.
/// </summary>
public sealed partial class BicepDocument
{
    public BicepDocument(string text)
    {
        Text = text;
        Code = StripComments(text);
    }

    /// <summary>The file as written.</summary>
    public string Text { get; }

    /// <summary>The file with comments blanked out (line breaks kept).</summary>
    public string Code { get; }

    public static BicepDocument Load(string relativePath) => new(RepositoryFiles.Read(relativePath));

    public IReadOnlyList<BicepParameter> Parameters =>
        [.. ParameterPattern().Matches(Code).Select(m => new BicepParameter(m.Groups["name"].Value, m.Groups["decorators"].Value, m.Groups["rest"].Value.Contains('=')))];

    public IReadOnlyList<string> ModulePaths => [.. ModulePattern().Matches(Code).Select(m => m.Groups[1].Value)];

    public IReadOnlyList<string> OutputNames => [.. OutputPattern().Matches(Code).Select(m => m.Groups[1].Value)];

    public IReadOnlyList<BicepResource> Resources =>
        [.. ResourcePattern().Matches(Code).Select(m => new BicepResource(
            m.Groups["symbol"].Value,
            m.Groups["type"].Value,
            m.Groups["existing"].Success,
            BlockAt(Code, m.Index + m.Length - 1)))];

    /// <summary>The names of the app settings the <c>Microsoft.Web/sites/config</c> resource named <c>appsettings</c> sets, conditional ones included.</summary>
    public IReadOnlySet<string> AppSettingNames()
    {
        var config = Resources.SingleOrDefault(r => r.Type == "Microsoft.Web/sites/config" && r.Body.Contains("name: 'appsettings'", StringComparison.Ordinal));
        if (config is null)
        {
            return new HashSet<string>();
        }

        var properties = config.Body.IndexOf("properties:", StringComparison.Ordinal);
        return properties < 0 ? new HashSet<string>() : ObjectKeys(config.Body[(properties + "properties:".Length)..]);
    }

    /// <summary>The value of a <c>var name = { … }</c> object whose entries are string literals.</summary>
    public IReadOnlyDictionary<string, string> StringMapVariable(string name)
    {
        var match = Regex.Match(Code, $@"(?m)^\s*var\s+{Regex.Escape(name)}\s*=\s*\{{");
        if (!match.Success)
        {
            return new Dictionary<string, string>();
        }

        var block = BlockAt(Code, match.Index + match.Length - 1);
        return EntryPattern().Matches(block).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
    }

    /// <summary>Keys of object literals in <paramref name="block"/> (quoted or bare), at any depth.</summary>
    public static IReadOnlySet<string> ObjectKeys(string block) =>
        KeyPattern().Matches(block).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The balanced <c>{…}</c> starting at <paramref name="open"/>.</summary>
    public static string BlockAt(string code, int open)
    {
        if (code[open] != '{')
        {
            throw new ArgumentException($"Expected '{{' at {open}.", nameof(open));
        }

        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            depth += code[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return code[open..(i + 1)];
            }
        }

        throw new FormatException($"Unbalanced '{{' at {open}.");
    }

    /// <summary>Blanks <c>//</c> and <c>/* */</c> comments, leaving string literals (which may hold <c>//</c>) and line breaks alone.</summary>
    public static string StripComments(string text)
    {
        var result = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    result.Append(text[++i]);
                }
                else if (c == '\'')
                {
                    inString = false;
                }
            }
            else if (c == '\'')
            {
                inString = true;
                result.Append(c);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                if (i < text.Length)
                {
                    result.Append('\n');
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                result.Append(new string([.. text[i..end].Where(ch => ch == '\n')]));
                i = end - 1;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    // Decorators (each `@name(...)`, balanced, strings skipped) directly above `param name ...`.
    [GeneratedRegex(@"(?m)(?<decorators>(?:^[ \t]*@[\w.]+\((?:[^()']|'(?:\\.|[^'\\])*'|\((?<d>)|\)(?<-d>))*(?(d)(?!))\)\s*)*)^[ \t]*param\s+(?<name>\w+)(?<rest>[^\r\n]*)")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"(?m)^\s*module\s+\w+\s+'([^']+)'")]
    private static partial Regex ModulePattern();

    [GeneratedRegex(@"(?m)^\s*output\s+(\w+)\s")]
    private static partial Regex OutputPattern();

    [GeneratedRegex(@"(?m)^\s*resource\s+(?<symbol>\w+)\s+'(?<type>[^'@]+)@[^']*'\s*(?<existing>existing\s*)?=\s*(?:\[\s*for\s[^:]*:\s*)?(?:if\s*\((?:[^()]|\((?<d>)|\)(?<-d>))*(?(d)(?!))\)\s*)?\{")]
    private static partial Regex ResourcePattern();

    // A key at a line start or after '{' or ',' (one-line objects).
    [GeneratedRegex(@"(?m)(?:^|[{,])[ \t]*(?:'([^'$]+)'|([A-Za-z_]\w*))[ \t]*:(?!:)")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"(?m)^\s*(\w+)\s*:\s*'([^']*)'")]
    private static partial Regex EntryPattern();
}
