using System.Reflection;
using System.Text.RegularExpressions;
using Alerts.Core;

namespace Alerts.Infra.Tests;

public sealed class InfraTemplateTests
{
    private const string Main = "infra/main.bicep";
    private const string ParametersFile = "infra/main.bicepparam";
    private const string FunctionAppModule = "infra/modules/functionapp.bicep";
    private const string StorageModule = "infra/modules/storage.bicep";
    private const string EventGridModule = "infra/modules/eventgrid.bicep";

    public static TheoryData<string> BicepFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryFiles.InfraFiles().Where(f => f.EndsWith(".bicep", StringComparison.Ordinal)))
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void Main_Modules_CoverStorageFunctionAppMonitoringKeyVaultRbacAndEventGrid()
    {
        var modules = BicepDocument.Load(Main).ModulePaths;

        Assert.Equal(
            ["modules/email.bicep", "modules/eventgrid.bicep", "modules/functionapp.bicep", "modules/keyvault.bicep",
             "modules/language.bicep", "modules/monitoring.bicep", "modules/rbac.bicep", "modules/storage.bicep"],
            modules.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void ModulePaths_EveryReference_Exists(string file)
    {
        var directory = Path.GetDirectoryName(Path.Combine(RepositoryFiles.Root, file))!;

        var missing = BicepDocument.Load(file).ModulePaths
            .Where(path => !path.StartsWith("br:", StringComparison.Ordinal) && !path.StartsWith("br/", StringComparison.Ordinal))
            .Where(path => !File.Exists(Path.Combine(directory, path)));

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Parameters_Every_HasADescription(string file)
    {
        var parameters = BicepDocument.Load(file).Parameters;

        Assert.NotEmpty(parameters);
        Assert.Empty(parameters.Where(p => !p.Decorators.Contains("@description(", StringComparison.Ordinal)).Select(p => p.Name));
    }

    [Fact]
    public void Parameters_ModuleCalls_PassOnlyDeclaredParametersAndEveryRequiredOne()
    {
        var main = BicepDocument.Load(Main);
        var problems = new List<string>();
        foreach (Match module in Regex.Matches(main.Code, @"(?m)^\s*module\s+(\w+)\s+'([^']+)'[^{]*\{"))
        {
            var body = BicepDocument.BlockAt(main.Code, module.Index + module.Length - 1);
            var paramsAt = body.IndexOf("params:", StringComparison.Ordinal);
            var passed = BicepDocument.ObjectKeys(BicepDocument.BlockAt(body, body.IndexOf('{', paramsAt)))
                .Where(key => key != "params").ToHashSet(StringComparer.Ordinal);
            var declared = BicepDocument.Load("infra/" + module.Groups[2].Value).Parameters;
            problems.AddRange(passed.Where(p => declared.All(d => d.Name != p)).Select(p => $"{module.Groups[1].Value}: passes undeclared '{p}'"));
            problems.AddRange(declared.Where(d => !d.HasDefault && !passed.Contains(d.Name)).Select(d => $"{module.Groups[1].Value}: misses '{d.Name}'"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void ParametersFile_EveryValue_IsADeclaredParameterAndEveryRequiredOneIsSet()
    {
        var declared = BicepDocument.Load(Main).Parameters;
        var parametersFile = RepositoryFiles.Read(ParametersFile);
        var set = Regex.Matches(parametersFile, @"(?m)^\s*param\s+(\w+)\s*=").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("using 'main.bicep'", parametersFile, StringComparison.Ordinal);
        Assert.DoesNotContain(set, name => declared.All(p => p.Name != name));
        Assert.Empty(declared.Where(p => !p.HasDefault && !set.Contains(p.Name)).Select(p => p.Name));
    }

    [Fact]
    public void Outputs_Main_AreUpperSnakeAndNameTheDeploymentStepsInputs()
    {
        var outputs = BicepDocument.Load(Main).OutputNames;

        Assert.All(outputs, name => Assert.Matches("^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$", name));
        Assert.Contains("AZURE_FUNCTION_APP_NAME", outputs);
        Assert.Contains("AZURE_STORAGE_ACCOUNT_NAME", outputs);
        Assert.Contains("AZURE_KEY_VAULT_NAME", outputs);
        Assert.Contains("EVENT_GRID_SYSTEM_TOPIC_NAME", outputs);
    }

    [Fact]
    public void Storage_EveryContainerAndQueueInPipelineNames_IsCreatedWithItsPoisonQueue()
    {
        var constants = typeof(PipelineNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var queues = constants.Where(c => c.Key.EndsWith("Queue", StringComparison.Ordinal)).Select(c => c.Value).ToList();
        var expected = constants.Where(c => c.Key.EndsWith("Container", StringComparison.Ordinal)).Select(c => c.Value)
            .Concat(queues)
            .Concat(queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)).Select(PipelineNames.PoisonQueueFor))
            .ToList();
        var main = BicepDocument.Load(Main).Code;

        Assert.Contains(PipelineNames.PoisonQueueFor(PipelineNames.ArticleEventsQueue), expected);
        Assert.DoesNotContain(expected, name => !main.Contains($"'{name}'", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionApp_Identity_IsUserAssignedForStorageDeploymentAndKeyVaultReferences()
    {
        var module = BicepDocument.Load(FunctionAppModule);
        var site = Assert.Single(module.Resources, r => r.Type == "Microsoft.Web/sites" && !r.Existing);
        var settings = AppSettingValues(module);

        Assert.Matches(@"type:\s*'UserAssigned'", site.Body);
        Assert.Matches(@"keyVaultReferenceIdentity:\s*identityId", site.Body);
        Assert.Matches(@"authentication:\s*\{\s*type:\s*'UserAssignedIdentity'", site.Body);
        Assert.Equal("'managedidentity'", settings[PipelineNames.StorageConnection + "__credential"]);
        Assert.Equal("'ClientId=${identityClientId};Authorization=AAD'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void FunctionApp_SecretSettings_AreKeyVaultReferences()
    {
        var module = BicepDocument.Load(FunctionAppModule);
        var secretSettings = AppSettingValues(module).Where(s => Regex.IsMatch(s.Key, "Password|UserName|Secret|ApiKey|AccessKey", RegexOptions.IgnoreCase)).ToList();

        Assert.NotEmpty(secretSettings);
        Assert.All(secretSettings, s => Assert.StartsWith("'@Microsoft.KeyVault(SecretUri=${secretUri}", s.Value, StringComparison.Ordinal));
        Assert.Matches(@"toObject\(teamsChannelNames,\s*channel => 'Teams__\$\{channel\}',\s*channel => '@Microsoft\.KeyVault\(SecretUri=", module.Code);
    }

    [Fact]
    public void EventGrid_Subscription_DeliversCommittedBlobCreatedEventsForArticlesToTheBlobExtension()
    {
        var module = BicepDocument.Load(EventGridModule);
        var subscription = Assert.Single(module.Resources, r => r.Type == "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var main = BicepDocument.Load(Main).Code;

        Assert.Contains("'Microsoft.Storage.BlobCreated'", subscription.Body, StringComparison.Ordinal);
        Assert.Matches(@"key:\s*'data\.api'", subscription.Body);
        Assert.Equal(["CopyBlob", "FlushWithClose", "PutBlob", "PutBlockList"],
            Regex.Matches(subscription.Body[subscription.Body.IndexOf("values:", StringComparison.Ordinal)..], @"'(\w+)'").Select(m => m.Groups[1].Value).Take(4).Order());
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${container}/'", subscription.Body, StringComparison.Ordinal);
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=", subscription.Body, StringComparison.Ordinal);
        Assert.Contains($"var articlesContainer = '{PipelineNames.ArticlesContainer}'", main, StringComparison.Ordinal);
        Assert.Contains("functionName: 'ExtractArticleEvents'", main, StringComparison.Ordinal);
    }

    [Fact]
    public void EventGrid_WebhookFunction_IsABlobTriggerWithTheEventGridSource()
    {
        var function = RepositoryFiles.Read("functions/Alerts.Functions/ExtractArticleEvents.cs");

        Assert.Contains("[Function(nameof(ExtractArticleEvents))]", function, StringComparison.Ordinal);
        Assert.Contains("Source = BlobTriggerSource.EventGrid", function, StringComparison.Ordinal);
    }

    [Fact]
    public void EventGrid_Subscription_IsOffUntilTheCodeIsPublished()
    {
        var main = BicepDocument.Load(Main);
        var eventGrid = BicepDocument.Load(EventGridModule);

        Assert.Matches(@"param deployEventSubscription bool = false", main.Code);
        Assert.Matches(@"param deployEventSubscription = false", RepositoryFiles.Read(ParametersFile));
        Assert.Matches(@"eventSubscriptions@[\w-]+'\s*=\s*if \(deploySubscription\)", eventGrid.Code);
        Assert.Contains("deploySubscription ? listKeys(hostKeysId, '2024-04-01').systemKeys.blobs_extension : ''", eventGrid.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionalResources_LanguageAndEmail_AreOffByDefault()
    {
        var main = BicepDocument.Load(Main).Code;

        Assert.Contains("param enableLanguage bool = false", main, StringComparison.Ordinal);
        Assert.Contains("param enableAcsEmail bool = false", main, StringComparison.Ordinal);
        Assert.Contains("module language 'modules/language.bicep' = if (enableLanguage)", main, StringComparison.Ordinal);
        Assert.Contains("module email 'modules/email.bicep' = if (enableAcsEmail)", main, StringComparison.Ordinal);
    }

    /// <summary>Setting name → value expression, for the one-line entries of the appsettings resource.</summary>
    private static Dictionary<string, string> AppSettingValues(BicepDocument module)
    {
        var config = module.Resources.Single(r => r.Type == "Microsoft.Web/sites/config");
        return Regex.Matches(config.Body, @"(?m)^\s*'?(\w+)'?:\s*(\S.*?)\s*$")
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.First().Groups[2].Value, StringComparer.Ordinal);
    }
}
