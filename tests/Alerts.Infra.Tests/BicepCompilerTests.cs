namespace Alerts.Infra.Tests;

/// <summary>The templates compile with the real bicep CLI, and its linter and parameter build report nothing: warnings are errors.</summary>
public sealed class BicepCompilerTests
{
    [Fact]
    public void Build_Main_CompilesWithoutAWarning()
    {
        var (exitCode, printed, output) = BicepCompiler.Build;

        Assert.True(exitCode == 0, printed);
        Assert.True(printed.Trim().Length == 0, $"bicep build printed diagnostics:\n{printed}");
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Lint_EveryBicepFile_ReportsNothing()
    {
        // One bicep process lints every file under infra/ (one process per file cost about 3 s each).
        var (exitCode, printed) = BicepCompiler.Run("lint", "--pattern", Path.Combine(RepositoryFiles.FullPath("infra"), "**", "*.bicep"));

        Assert.True(exitCode == 0 && printed.Trim().Length == 0, $"bicep lint infra/**/*.bicep:\n{printed}");
    }

    [Fact]
    public void BuildParams_ParametersFile_CompilesWithoutAWarning()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("alerts-bicep-").FullName, "main.parameters.json");

        var (exitCode, printed) = BicepCompiler.Run("build-params", RepositoryFiles.FullPath("infra/main.bicepparam"), "--outfile", output);

        Assert.True(exitCode == 0 && printed.Trim().Length == 0, printed);
        Assert.Contains("\"parameters\"", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Compiled_StorageAccounts_HaveSharedKeyAndPublicBlobAccessOffAndTls12()
    {
        var accounts = BicepCompiler.Resources(BicepCompiler.MainTemplate).Where(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts").ToList();

        Assert.NotEmpty(accounts);
        Assert.All(accounts, account =>
        {
            var properties = account["properties"]!;
            Assert.False((bool)properties["allowSharedKeyAccess"]!);
            Assert.False((bool)properties["allowBlobPublicAccess"]!);
            Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        });
    }

    [Fact]
    public void Compiled_FunctionApp_IsDotnetIsolated10OnFlexConsumptionWithoutWorkerRuntimeSetting()
    {
        var resources = BicepCompiler.Resources(BicepCompiler.MainTemplate).ToList();
        var plan = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.Web/serverfarms");
        var site = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.Web/sites");
        var settings = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.Web/sites/config");

        Assert.Equal(("FC1", "FlexConsumption"), ((string?)plan["sku"]!["name"], (string?)plan["sku"]!["tier"]));
        Assert.True((bool)plan["properties"]!["reserved"]!);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal(("dotnet-isolated", "10.0"), ((string?)runtime["name"], (string?)runtime["version"]));
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.ToJsonString(), StringComparison.Ordinal);
    }
}
