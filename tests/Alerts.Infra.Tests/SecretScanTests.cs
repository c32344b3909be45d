namespace Alerts.Infra.Tests;

public sealed class SecretScanTests
{
    [Fact]
    public void Findings_RepositoryTemplatesAndParameters_None()
    {
        var files = RepositoryFiles.InfraFiles();

        var findings = files.SelectMany(file => TemplateSecretScan.Findings(file, RepositoryFiles.Read(file))).ToList();

        Assert.Contains("infra/main.bicepparam", files);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [InlineData("value: 'DefaultEndpointsProtocol=https;AccountName=${account.name};AccountKey=${account.listKeys().keys[0].value}'")]
    [InlineData("AzureWebJobsStorage: 'AccountName=x;AccountKey=${key}'")]
    [InlineData("var key = storage.listKeys().keys[0].value")]
    [InlineData("var sas = storage.listAccountSas('2023-01-01', sasProperties).accountSasToken")]
    [InlineData("Teams__Ops: 'https://prod-00.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke'")]
    [InlineData("Teams__Ops: 'https://contoso.webhook.office.com/webhookb2/abc'")]
    [InlineData("endpointUrl: 'https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.X&code=AbCdEf123'")]
    [InlineData("Acs__AccessKey: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5=='")]
    [InlineData("param smtpPassword = 'hunter2'")]
    [InlineData("@secure()\nparam smtpPassword string = 'hunter2'")]
    public void Findings_SecretInTemplate_Reported(string line)
    {
        var findings = TemplateSecretScan.Findings("sample.bicep", line);

        Assert.NotEmpty(findings);
    }

    [Theory]
    [InlineData("endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${deploySubscription ? listKeys(hostKeysId, '2024-04-01').systemKeys.blobs_extension : ''}'")]
    [InlineData("Delivery__Smtp__Password: '@Microsoft.KeyVault(SecretUri=${secretUri}smtp-password)'")]
    [InlineData("roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')")]
    [InlineData("param smtpPassword = ''")]
    public void Findings_KeyVaultReferencesRoleIdsAndTheHostKeyRead_NotReported(string line)
    {
        var findings = TemplateSecretScan.Findings("sample.bicep", line);

        Assert.Empty(findings);
    }
}
