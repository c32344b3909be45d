using System.Text.RegularExpressions;
using Alerts.Delivery;

namespace Alerts.Infra.Tests;

public sealed class DeployGuideTests
{
    private const string Guide = "docs/deploy.md";

    [Fact]
    public void Guide_SubscriptionsExample_IsAValidSubscriptionsDocument()
    {
        var example = Regex.Match(RepositoryFiles.Read(Guide), "```json\n(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;

        var subscribers = SubscriptionCatalog.Parse(example);

        Assert.Equal(["ops-email", "ops-teams", "morning"], subscribers.Select(s => s.Id));
        Assert.Equal("Teams__OpsChannel", subscribers[1].WebhookSetting);
    }

    [Fact]
    public void Guide_DeploymentSteps_NameTheTwoPassesThePreviewAndTheChecksThatRanHere()
    {
        var guide = RepositoryFiles.Read(Guide);

        Assert.Contains("az deployment group create", guide, StringComparison.Ordinal);
        Assert.Contains("deployEventSubscription=true", guide, StringComparison.Ordinal);
        Assert.Contains("az bicep build", guide, StringComparison.Ordinal);
        Assert.Contains("az deployment group what-if", guide, StringComparison.Ordinal);
        Assert.Contains("## Which checks ran here", guide, StringComparison.Ordinal);
    }

    [Fact]
    public void Guide_OutputsItReads_AreOutputsOfMain()
    {
        var outputs = BicepDocument.Load("infra/main.bicep").OutputNames;

        var read = Regex.Matches(RepositoryFiles.Read(Guide), @"\bout ([A-Z][A-Z0-9_]+)").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(read);
        Assert.DoesNotContain(read, name => !outputs.Contains(name));
    }

    [Fact]
    public void Guide_TemplateParametersItNames_AreDeclaredInMain()
    {
        var declared = BicepDocument.Load("infra/main.bicep").Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        var used = Regex.Matches(RepositoryFiles.Read(Guide), @"(?:-p |\s)(\w+)=").Select(m => m.Groups[1].Value)
            .Where(name => char.IsLower(name[0]))
            .Distinct()
            .ToList();

        Assert.Contains("environmentName", used);
        Assert.DoesNotContain(used, name => !declared.Contains(name));
    }
}
