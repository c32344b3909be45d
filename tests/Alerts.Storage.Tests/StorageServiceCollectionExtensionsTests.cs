using Alerts.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAlertsStorage_DevelopmentStorage_RegistersSdkClientsAndBlobBackedSeamsOnConfiguredContainers()
    {
        var configuration = Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Storage:StateContainer", "state-two"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var store = Assert.IsType<BlobDocumentStore>(provider.GetRequiredService<IDocumentStore>());
        var quarantine = Assert.IsType<BlobQuarantine>(provider.GetRequiredService<IQuarantine>());
        Assert.Equal("state-two", store.Container.Name);
        Assert.Equal(PipelineNames.QuarantineContainer, quarantine.Container.Name);
        Assert.Equal(10000, provider.GetRequiredService<BlobServiceClient>().Uri.Port);
        Assert.Equal("devstoreaccount1", provider.GetRequiredService<BlobServiceClient>().AccountName);
        Assert.Equal(10001, provider.GetRequiredService<QueueServiceClient>().Uri.Port);
    }

    [Fact]
    public void AddAlertsStorage_NoConnectionSettings_FailsStartUpNamingTheSettings()
    {
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(Configuration()).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", exception.Message);
    }

    [Fact]
    public void AddAlertsStorage_OnlyBlobServiceUri_FailsStartUpSayingTheQueueIsMissing()
    {
        var configuration = Configuration(("AzureWebJobsStorage:blobServiceUri", "https://alertsacct.blob.core.windows.net"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("only the blob service is set", exception.Message);
    }

    [Fact]
    public void AddAlertsStorage_HttpServiceUriWithIdentity_FailsStartUp()
    {
        var configuration = Configuration(
            ("AzureWebJobsStorage:blobServiceUri", "http://127.0.0.1:10000/devstoreaccount1"),
            ("AzureWebJobsStorage:queueServiceUri", "http://127.0.0.1:10001/devstoreaccount1"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("https", exception.Message);
    }

    [Fact]
    public void AddAlertsStorage_InvalidContainerName_FailsStartUp()
    {
        var configuration = Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Storage:QuarantineContainer", "Bad_Name"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Container names", exception.Message);
    }

    [Fact]
    public void AddAlertsStorage_IdentityBasedSettingsUnderACustomName_UsesTheirServiceUris()
    {
        var configuration = Configuration(
            ("Storage:ConnectionName", "AlertsStorage"),
            ("AlertsStorage:blobServiceUri", "https://alertsacct.blob.core.windows.net"),
            ("AlertsStorage:queueServiceUri", "https://alertsacct.queue.core.windows.net"),
            ("AlertsStorage:credential", "managedidentity"),
            ("AlertsStorage:clientId", "00000000-0000-0000-0000-000000000001"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("alertsacct.blob.core.windows.net", provider.GetRequiredService<BlobServiceClient>().Uri.Host);
        Assert.Equal("alertsacct.queue.core.windows.net", provider.GetRequiredService<QueueServiceClient>().Uri.Host);
    }

    [Fact]
    public void AddAlertsStorage_AccountNameOnly_DerivesHttpsServiceUris()
    {
        var configuration = Configuration(("AzureWebJobsStorage:accountName", "alertsacct"), ("AzureWebJobsStorage:credential", "managedidentity"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(new Uri("https://alertsacct.blob.core.windows.net"), provider.GetRequiredService<BlobServiceClient>().Uri);
    }

    [Fact]
    public async Task AddAlertsStorage_Azurite_QueueClientWritesBase64AsTheFunctionsBindingsRead()
    {
        var configuration = Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();
        var queue = provider.GetRequiredService<QueueServiceClient>().GetQueueClient(AzuriteFixture.UniqueName("q"));
        await queue.CreateAsync();
        try
        {
            await queue.SendMessageAsync("{\"schema\":\"alert-delivery.v1\"}");

            var raw = (await new QueueClient("UseDevelopmentStorage=true", queue.Name).PeekMessageAsync()).Value;
            Assert.Equal("{\"schema\":\"alert-delivery.v1\"}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString())));
        }
        finally
        {
            await queue.DeleteAsync();
        }
    }

    internal static IConfiguration Configuration(params (string Key, string Value)[] settings)
        => new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
