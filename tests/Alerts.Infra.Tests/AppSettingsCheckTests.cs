namespace Alerts.Infra.Tests;

public sealed class AppSettingsCheckTests
{
    private const string FunctionAppModule = "infra/modules/functionapp.bicep";

    /// <summary>
    /// Settings the code requires that the template deliberately does not set. Every entry needs a reason.
    /// Optional integrations (SMTP, ACS, Language) are not listed: the template sets their settings conditionally, and
    /// the check reads conditional settings too.
    /// </summary>
    private static readonly HashSet<string> OptionalSettings = new(StringComparer.OrdinalIgnoreCase)
    {
    };

    public static TheoryData<string> SettingsTheTemplateSets()
    {
        var template = BicepDocument.Load(FunctionAppModule).AppSettingNames();
        var data = new TheoryData<string>();
        var scan = ConfigurationRequirements.ScanRepository();
        foreach (var setting in scan.Settings.Concat(scan.Switches).Where(s => template.Contains(s.Name)))
        {
            data.Add(setting.Name);
        }

        return data;
    }

    [Fact]
    public void ScanRepository_FunctionSources_FindsTheStorageConnectionAndResolvesEverySection()
    {
        var scan = ConfigurationRequirements.ScanRepository();

        Assert.Empty(scan.Unresolved);
        Assert.Contains(scan.Settings, s => s.Name == "AzureWebJobsStorage__blobServiceUri");
        Assert.Contains(scan.Settings, s => s.Name == "AzureWebJobsStorage__queueServiceUri");
    }

    [Fact]
    public void MissingSettings_RepositoryTemplate_NoneMissing()
    {
        var scan = ConfigurationRequirements.ScanRepository();
        var required = scan.Settings.Concat(scan.Switches).ToList();
        var template = BicepDocument.Load(FunctionAppModule).AppSettingNames();

        var missing = AppSettingsCheck.MissingSettings(required, template, OptionalSettings);

        Assert.True(missing.Count == 0, "Settings the code needs but infra/modules/functionapp.bicep does not set:\n" + string.Join('\n',
            required.Where(r => missing.Contains(r.Name)).Select(r => $"  {r.Name}  <- {r.Origin}")));
    }

    [Theory]
    [MemberData(nameof(SettingsTheTemplateSets))]
    public void MissingSettings_TemplateWithOneSettingRemoved_ReportsExactlyThatSetting(string setting)
    {
        var text = RepositoryFiles.Read(FunctionAppModule);
        var lines = text.Split('\n').ToList();
        var removed = lines.RemoveAll(line => line.TrimStart().StartsWith(setting + ":", StringComparison.Ordinal)
            || line.TrimStart().StartsWith($"'{setting}':", StringComparison.Ordinal));
        var mutated = new BicepDocument(string.Join('\n', lines));

        var scan = ConfigurationRequirements.ScanRepository();
        var missing = AppSettingsCheck.MissingSettings(scan.Settings.Concat(scan.Switches), mutated.AppSettingNames(), OptionalSettings);

        Assert.Equal(1, removed);
        Assert.Equal([setting], missing);
    }

    [Fact]
    public void Scan_OptionsWithComposedSectionAndRequiredProperties_RequiresSectionDoubleUnderscoreProperty()
    {
        const string code = """
            namespace Sample;
            public sealed class DeliveryOptions
            {
                public const string SectionName = "Delivery";
                public string OutboxPath { get; set; } = "";
            }
            public sealed class SmtpOptions
            {
                // A comment mentioning [Required] public string Ignored { get; set; }
                public const string SectionName = DeliveryOptions.SectionName + ":Smtp";
                [Required, MinLength(1)]
                public string Host { get; set; } = "";
                [System.ComponentModel.DataAnnotations.Required]
                [Range(1, 65535)]
                public required int Port { get; init; }
                [Required]
                public string ClientName { get; set; } = "alerts";
                public string? UserName { get; set; }
            }
            public sealed class LanguageOptions
            {
                public const string SectionName = $"{ExtractionNames.Section}:Language";
                [Required] public Uri? Endpoint { get; set; }
            }
            public static class ExtractionNames { public const string Section = "Extraction"; }
            public sealed class ExtractArticle
            {
                public void Run([BlobTrigger("in/{name}", Connection = "InputStorage")] string blob) { }
            }
            """;

        var scan = ConfigurationRequirements.Scan([("Sample.cs", code)]);

        Assert.Empty(scan.Unresolved);
        Assert.Equal(
            [
                "Delivery__Smtp__Host", "Delivery__Smtp__Port", "Extraction__Language__Endpoint",
                "InputStorage__blobServiceUri", "InputStorage__clientId", "InputStorage__credential", "InputStorage__queueServiceUri",
            ],
            scan.Settings.Select(s => s.Name));
        Assert.Equal(["Delivery__Smtp__ClientName"], scan.Defaulted.Select(s => s.Name));
    }

    [Fact]
    public void Scan_SettingsReadByNameToSwitchAFeatureOn_AreSwitches()
    {
        const string code = """
            public sealed class SmtpOptions { public const string SectionName = "Delivery:Smtp"; public string? Host { get; set; } }
            public sealed class LanguageOptions { public const string SectionName = "Extraction:Language"; public Uri? Endpoint { get; set; } }
            public static class Registration
            {
                public static void Add(IConfiguration configuration, string dynamicName)
                {
                    var smtp = configuration[$"{SmtpOptions.SectionName}:{nameof(SmtpOptions.Host)}"];
                    var section = configuration.GetSection(LanguageOptions.SectionName);
                    var endpoint = section[nameof(LanguageOptions.Endpoint)];
                    var webhook = configuration[dynamicName];
                    var items = new int[3];
                    var first = items[0];
                }
            }
            """;

        var scan = ConfigurationRequirements.Scan([("Registration.cs", code)]);

        Assert.Equal(["Delivery__Smtp__Host", "Extraction__Language__Endpoint"], scan.Switches.Select(s => s.Name));
        Assert.Empty(scan.Settings);
    }

    [Fact]
    public void ScanRepository_OptionalIntegrations_AreFoundAsSwitches()
    {
        var switches = ConfigurationRequirements.ScanRepository().Switches.Select(s => s.Name).ToList();

        Assert.Contains("Delivery__Smtp__Host", switches);
        Assert.Contains("Delivery__Acs__Endpoint", switches);
        Assert.Contains("Extraction__Language__Endpoint", switches);
    }

    [Fact]
    public void Scan_SectionNameTheScanCannotResolve_IsReportedUnresolved()
    {
        const string code = """
            public sealed class OddOptions
            {
                public const string SectionName = SomewhereElse.Unknown;
                [Required] public string Value { get; set; } = "";
            }
            """;

        var scan = ConfigurationRequirements.Scan([("Odd.cs", code)]);

        Assert.Single(scan.Unresolved);
        Assert.Empty(scan.Settings);
    }

    [Fact]
    public void AppSettingNames_ConditionalAndQuotedKeys_AreIncluded()
    {
        const string template = """
            resource site 'Microsoft.Web/sites@2024-04-01' existing = {
              name: 'x'
            }
            resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
              parent: site
              name: 'appsettings'
              properties: union(
                {
                  Plain__Setting: 'a' // Commented__Setting: 'no'
                },
                enabled ? { 'Quoted__Setting': 'b' } : {}
              )
            }
            """;

        var names = new BicepDocument(template).AppSettingNames();

        Assert.Equal(["Plain__Setting", "Quoted__Setting"], names.Order(StringComparer.Ordinal));
    }
}
