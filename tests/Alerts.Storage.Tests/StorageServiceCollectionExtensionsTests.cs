using Alerts.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAlertsStorage_DevelopmentStorage_ResolvesBlobBackedSeamsOnConfiguredContainers()
    {
        var configuration = StorageConnectionTests.Configuration(
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Storage:StateContainer", "state-two"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var store = Assert.IsType<BlobDocumentStore>(provider.GetRequiredService<IDocumentStore>());
        var quarantine = Assert.IsType<BlobQuarantine>(provider.GetRequiredService<IQuarantine>());
        Assert.Equal("state-two", store.Container.Name);
        Assert.Equal(PipelineNames.QuarantineContainer, quarantine.Container.Name);
        Assert.Equal(10000, provider.GetRequiredService<IBlobServiceClient>().Uri.Port);
        Assert.Equal(10001, provider.GetRequiredService<IQueueServiceClient>().Uri.Port);
        Assert.Same(StorageConnection.Development, provider.GetRequiredService<StorageConnection>());
    }

    [Fact]
    public void AddAlertsStorage_NoConnectionSettings_FailsStartUpNamingTheSettings()
    {
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(StorageConnectionTests.Configuration()).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", exception.Message);
    }

    [Fact]
    public void AddAlertsStorage_InvalidContainerName_FailsStartUp()
    {
        var configuration = StorageConnectionTests.Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Storage:QuarantineContainer", "Bad_Name"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Container names", exception.Message);
    }

    [Fact]
    public void AddAlertsStorage_CustomConnectionName_ReadsThatSetting()
    {
        var configuration = StorageConnectionTests.Configuration(
            ("Storage:ConnectionName", "AlertsStorage"),
            ("AlertsStorage:blobServiceUri", "https://alertsacct.blob.core.windows.net"),
            ("AlertsStorage:queueServiceUri", "https://alertsacct.queue.core.windows.net"),
            ("AlertsStorage:credential", "managedidentity"));
        using var provider = new ServiceCollection().AddLogging().AddAlertsStorage(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(provider.GetRequiredService<StorageConnection>().TokenCredential);
        Assert.Equal("alertsacct.blob.core.windows.net", provider.GetRequiredService<IBlobServiceClient>().Uri.Host);
    }
}
