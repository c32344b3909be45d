using System.Diagnostics;
using System.Text.Json;

namespace Alerts.Functions.Tests;

/// <summary>
/// The deployable app: <c>dotnet publish functions/Alerts.Functions -c Release</c> produces the <c>functions.metadata</c> the
/// Functions host loads, listing the four functions with their triggers and output bindings.
/// </summary>
public sealed class FunctionMetadataTests
{
    [Fact]
    public async Task Publish_Release_WritesFunctionsMetadataWithTheFourFunctionsAndTheirBindings()
    {
        var output = Directory.CreateTempSubdirectory("alerts-publish-");
        try
        {
            var (exitCode, log) = await PublishAsync(output.FullName);
            Assert.True(exitCode == 0, log);

            using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "functions.metadata")));
            var functions = metadata.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
            Assert.Equal(["DeliverAlert", "DetectChanges", "ExtractArticleEvents", "SendDigests"], functions.Keys.Order(StringComparer.Ordinal));

            AssertBinding(functions["ExtractArticleEvents"], "blobTrigger", "In", "path", "articles/{name}");
            AssertBinding(functions["ExtractArticleEvents"], "queue", "Out", "queueName", "article-events");
            AssertBinding(functions["DetectChanges"], "queueTrigger", "In", "queueName", "article-events");
            AssertBinding(functions["DetectChanges"], "queue", "Out", "queueName", "alert-deliveries");
            AssertBinding(functions["DeliverAlert"], "queueTrigger", "In", "queueName", "alert-deliveries");
            AssertBinding(functions["SendDigests"], "timerTrigger", "In", "schedule", "0 */15 * * * *");
            var blobTrigger = Bindings(functions["ExtractArticleEvents"]).Single(b => b.GetProperty("type").GetString() == "blobTrigger");
            Assert.Equal("AzureWebJobsStorage", blobTrigger.GetProperty("connection").GetString());
            Assert.Equal("EventGrid", blobTrigger.GetProperty("source").GetString());
            Assert.True(File.Exists(Path.Combine(output.FullName, "worker.config.json")));
            Assert.True(File.Exists(Path.Combine(output.FullName, "host.json")));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static void AssertBinding(JsonElement function, string type, string direction, string property, string value)
        => Assert.Contains(Bindings(function), b =>
            b.GetProperty("type").GetString() == type
            && string.Equals(b.GetProperty("direction").GetString(), direction, StringComparison.OrdinalIgnoreCase)
            && b.GetProperty(property).GetString() == value);

    private static IEnumerable<JsonElement> Bindings(JsonElement function) => function.GetProperty("bindings").EnumerateArray();

    private static async Task<(int ExitCode, string Log)> PublishAsync(string output)
    {
        var project = Path.Combine(RepositoryRoot(), "functions", "Alerts.Functions", "Alerts.Functions.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(10)).Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Alerts.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No Alerts.sln above the test assembly.");
    }
}
