using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Alerts.Infra.Tests;

/// <summary>
/// The bicep CLI from the Azure.Bicep.CommandLine package, run on the repository's <c>infra/</c>; <see cref="MainTemplate"/> is
/// <c>infra/main.bicep</c> compiled once to ARM JSON, with every module's nested deployment inlined as bicep emits it.
/// </summary>
public static class BicepCompiler
{
    private static readonly Lazy<(int ExitCode, string Printed, string OutputPath)> MainBuild = new(() =>
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("alerts-bicep-").FullName, "main.json");
        var (exitCode, printed) = Run("build", RepositoryFiles.FullPath("infra/main.bicep"), "--outfile", output);
        return (exitCode, printed, output);
    });

    private static readonly Lazy<JsonObject> Compiled = new(() => MainBuild.Value.ExitCode == 0
        ? JsonNode.Parse(File.ReadAllText(MainBuild.Value.OutputPath))!.AsObject()
        : throw new InvalidOperationException($"bicep build failed: {MainBuild.Value.Printed}"));

    /// <summary>The one <c>bicep build infra/main.bicep</c> of the test run: its exit code, what it printed and the ARM JSON file.</summary>
    public static (int ExitCode, string Printed, string OutputPath) Build => MainBuild.Value;

    public static string Executable => typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    public static JsonObject MainTemplate => Compiled.Value;

    /// <returns>The exit code and everything the CLI printed (its diagnostics go to standard error).</returns>
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit(120_000);
        return (process.ExitCode, stderr + stdout.Result);
    }

    /// <summary>Every resource of the compiled template, module deployments' resources included.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"] is JsonObject { } properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in Resources(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
