namespace Alerts.Infra.Tests;

public sealed class BicepDocumentTests
{
    private const string Template = """
        // A comment with 'quotes' and a module 'modules/commented.bicep'
        @description('Size (in MB) of each instance, see https://example.org/a//b.')
        @allowed([
          512
          2048
        ])
        param memory int = 2048

        param undescribed string

        @secure()
        @description('It\'s a secret.')
        param password string

        module storage 'modules/storage.bicep' = if (deploy) {
          name: 'storage'
        }

        resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
          name: 'kv'
        }

        resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
          for queue in names: {
            name: queue
          }
        ]

        output STORAGE_NAME string = storage.outputs.name
        """;

    [Fact]
    public void Parameters_DecoratedAndUndecorated_CarryTheirDecoratorsAndDefaults()
    {
        var parameters = new BicepDocument(Template).Parameters;

        Assert.Equal(["memory", "undescribed", "password"], parameters.Select(p => p.Name));
        Assert.Contains("@allowed([", parameters[0].Decorators, StringComparison.Ordinal);
        Assert.Contains("@description(", parameters[0].Decorators, StringComparison.Ordinal);
        Assert.True(parameters[0].HasDefault);
        Assert.Equal(string.Empty, parameters[1].Decorators);
        Assert.False(parameters[1].HasDefault);
        Assert.Contains("@secure()", parameters[2].Decorators, StringComparison.Ordinal);
    }

    [Fact]
    public void ModulesResourcesAndOutputs_CommentsIgnored_AreFound()
    {
        var document = new BicepDocument(Template);

        Assert.Equal(["modules/storage.bicep"], document.ModulePaths);
        Assert.Equal(["STORAGE_NAME"], document.OutputNames);
        Assert.Equal(
            [("vault", "Microsoft.KeyVault/vaults", true), ("queues", "Microsoft.Storage/storageAccounts/queueServices/queues", false)],
            document.Resources.Select(r => (r.Symbol, r.Type, r.Existing)));
    }

    [Fact]
    public void StripComments_SlashesInsideStrings_AreKept()
    {
        var code = BicepDocument.StripComments("value: 'https://host/path' // trailing\n/* block\n */next: 1");

        Assert.Equal("value: 'https://host/path' \n\nnext: 1", code);
    }
}
