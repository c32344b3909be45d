using System.Text.RegularExpressions;

namespace Alerts.Infra.Tests;

public sealed class RoleAssignmentTests
{
    private const string RbacModule = "infra/modules/rbac.bicep";

    /// <summary>
    /// Built-in role definition ids (the same in every tenant). Storage and Monitoring rows: ../shared/docs/azure-facts.md §7;
    /// Key Vault Secrets User: the assignment brief; the others: Azure built-in roles documentation (Cognitive Services User,
    /// Storage Blob Data Contributor, Key Vault Secrets Officer) and, for Communication and Email Service Owner, the id as
    /// used by published templates (verify against the built-in roles page before relying on it).
    /// </summary>
    private static readonly Dictionary<string, string> BuiltInRoles = new(StringComparer.Ordinal)
    {
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Storage Blob Data Contributor"] = "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["Monitoring Metrics Publisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        ["Key Vault Secrets User"] = "4633458b-17de-408a-b874-0445c86b69e6",
        ["Key Vault Secrets Officer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
        ["Cognitive Services User"] = "a97b65f3-24c7-4388-baec-2e87135dc908",
        ["Communication and Email Service Owner"] = "09976791-48a7-449e-bb21-39d1a415f350",
    };

    [Fact]
    public void Guids_EveryOneInTheTemplates_IsADocumentedBuiltInRole()
    {
        var guids = RepositoryFiles.InfraFiles()
            .SelectMany(file => Regex.Matches(RepositoryFiles.Read(file), @"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}").Select(m => (file, m.Value)))
            .ToList();

        Assert.NotEmpty(guids);
        Assert.DoesNotContain(guids, g => !BuiltInRoles.ContainsValue(g.Value.ToLowerInvariant()));
    }

    [Fact]
    public void RoleTable_EachNamedRole_HasItsDocumentedId()
    {
        var roles = BicepDocument.Load(RbacModule).StringMapVariable("roles");

        Assert.NotEmpty(roles);
        Assert.All(roles, role =>
        {
            var documented = BuiltInRoles.Single(r => Normalize(r.Key) == Normalize(role.Key));
            Assert.Equal(documented.Value, role.Value);
        });
    }

    [Theory]
    [InlineData("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts")]
    [InlineData("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts")]
    [InlineData("Key Vault Secrets User", "Microsoft.KeyVault/vaults")]
    [InlineData("Monitoring Metrics Publisher", "Microsoft.Insights/components")]
    public void Assignments_AppIdentity_HoldsTheRoleOnTheResource(string role, string scopeType)
    {
        var rbac = BicepDocument.Load(RbacModule);
        var roleKey = rbac.StringMapVariable("roles").Single(r => Normalize(r.Key) == Normalize(role)).Key;
        var typesBySymbol = rbac.Resources.ToDictionary(r => r.Symbol, r => r.Type, StringComparer.Ordinal);

        var assignment = Assert.Single(rbac.Resources, r => r.Type == "Microsoft.Authorization/roleAssignments"
            && r.Body.Contains($"roleDefinitions', roles.{roleKey})", StringComparison.Ordinal)
            && Regex.IsMatch(r.Body, @"principalId:\s*principalId\s"));
        var scope = Regex.Match(assignment.Body, @"scope:\s*(\w+)").Groups[1].Value;

        Assert.Equal(scopeType, typesBySymbol[scope]);
        Assert.Matches(@"principalType:\s*'ServicePrincipal'", assignment.Body);
        Assert.Matches(@"name:\s*guid\(", assignment.Body);
    }

    private static string Normalize(string name) => name.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
