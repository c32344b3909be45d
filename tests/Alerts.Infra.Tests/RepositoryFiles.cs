namespace Alerts.Infra.Tests;

/// <summary>The repository's own files, found by walking up from the test assembly to the folder holding <c>Alerts.sln</c>.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string InfraDirectory => Path.Combine(Root, "infra");

    public static string FullPath(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>Every Bicep template and parameters file under <c>infra/</c>, as repository-relative paths with '/' separators.</summary>
    public static IReadOnlyList<string> InfraFiles() =>
        [.. Directory.EnumerateFiles(InfraDirectory, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".bicep", StringComparison.Ordinal)
                || path.EndsWith(".bicepparam", StringComparison.Ordinal)
                || path.EndsWith(".json", StringComparison.Ordinal))
            .Select(Relative)
            .Order(StringComparer.Ordinal)];

    /// <summary>The C# sources of the function app and its libraries (bin/obj excluded; so is the local host, which is never deployed).</summary>
    public static IReadOnlyList<string> FunctionSources() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "functions"), "*.cs", SearchOption.AllDirectories)
            .Select(Relative)
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal)
                && !path.StartsWith("functions/Alerts.LocalHost/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Alerts.sln")) && Directory.Exists(Path.Combine(directory.FullName, "infra")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding Alerts.sln and infra/ above {AppContext.BaseDirectory}.");
    }
}
