using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Alerts.Storage.Tests;

public sealed class StorageConnectionTests
{
    // An invented key: Base64 of 32 bytes, never a real account's.
    private const string InventedKey = "c2VjcmV0LWtleS1vZi1hbi1pbnZlbnRlZC1hY2NvdW50IQ==";

    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtAzurite()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", connection.BlobEndpoint.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", connection.QueueEndpoint.ToString().TrimEnd('/'));
        Assert.Equal("devstoreaccount1", connection.SharedKey!.AccountName);
        Assert.Null(connection.TokenCredential);
    }

    [Fact]
    public void Parse_AccountNameAndKey_DerivesEndpointsFromProtocolAndSuffix()
    {
        var connection = StorageConnection.Parse($"DefaultEndpointsProtocol=https;AccountName=alertsacct;AccountKey={InventedKey};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal("https://alertsacct.blob.core.chinacloudapi.cn/", connection.BlobEndpoint.ToString());
        Assert.Equal("https://alertsacct.queue.core.chinacloudapi.cn/", connection.QueueEndpoint.ToString());
    }

    [Fact]
    public void Parse_ExplicitEndpoints_UsesThem()
    {
        var connection = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={InventedKey};BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;");

        Assert.Equal(20000, connection.BlobEndpoint.Port);
        Assert.Equal("/devstoreaccount1", connection.BlobEndpoint.AbsolutePath);
        Assert.Equal(20001, connection.QueueEndpoint.Port);
    }

    [Fact]
    public void ToString_SharedKeyConnection_RedactsKey()
    {
        var connection = StorageConnection.Parse($"AccountName=alertsacct;AccountKey={InventedKey}");

        var text = connection.ToString();

        Assert.DoesNotContain(InventedKey, text);
        Assert.DoesNotContain(InventedKey, connection.SharedKey!.ToString());
        Assert.Contains("AccountName=alertsacct", text);
        Assert.Contains("AccountKey=***", text);
    }

    [Theory]
    [InlineData("AccountName=alertsacct", "AccountKey")]
    [InlineData("AccountKey=" + InventedKey, "AccountName")]
    [InlineData("AccountName=alertsacct;SharedAccessSignature=sv=2021&sig=abc", "SharedAccessSignature")]
    [InlineData("AccountName=alertsacct;AccountKey=not-base64!", "Base64")]
    [InlineData("just some words", "Name=Value")]
    public void Parse_UnusableString_ThrowsWithoutRepeatingIt(string connectionString, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));

        Assert.Contains(expected, exception.Message);
        Assert.DoesNotContain(InventedKey, exception.Message);
    }

    [Fact]
    public void FromConfiguration_SettingHoldsConnectionString_ParsesIt()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), "AzureWebJobsStorage");

        Assert.Same(StorageConnection.Development, connection);
    }

    [Fact]
    public void FromConfiguration_ConnectionStringsSection_ParsesIt()
    {
        var connection = StorageConnection.FromConfiguration(
            Configuration(("ConnectionStrings:AzureWebJobsStorage", $"AccountName=fromsection;AccountKey={InventedKey}")), "AzureWebJobsStorage");

        Assert.Equal("fromsection", connection.SharedKey!.AccountName);
    }

    [Fact]
    public void FromConfiguration_IdentityBasedSettings_UsesManagedIdentityOverHttps()
    {
        // Environment variables spell these AzureWebJobsStorage__blobServiceUri etc.; configuration sees ':'.
        var connection = StorageConnection.FromConfiguration(
            Configuration(
                ("AzureWebJobsStorage:blobServiceUri", "https://alertsacct.blob.core.windows.net"),
                ("AzureWebJobsStorage:queueServiceUri", "https://alertsacct.queue.core.windows.net"),
                ("AzureWebJobsStorage:credential", "managedidentity"),
                ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")),
            "AzureWebJobsStorage");

        Assert.IsType<ManagedIdentityCredential>(connection.TokenCredential);
        Assert.Null(connection.SharedKey);
        Assert.Equal("alertsacct.queue.core.windows.net", connection.QueueEndpoint.Host);
        Assert.Contains("Credential=ManagedIdentityCredential", connection.ToString());
    }

    [Fact]
    public void FromConfiguration_AccountNameOnly_DerivesHttpsEndpointsAndDefaultCredential()
    {
        var connection = StorageConnection.FromConfiguration(Configuration(("AzureWebJobsStorage:accountName", "alertsacct")), "AzureWebJobsStorage");

        Assert.Equal("https://alertsacct.blob.core.windows.net/", connection.BlobEndpoint.ToString());
        Assert.Equal("https://alertsacct.queue.core.windows.net/", connection.QueueEndpoint.ToString());
        Assert.IsType<DefaultAzureCredential>(connection.TokenCredential);
    }

    [Fact]
    public void FromConfiguration_ShortName_LooksUpAzureWebJobsPrefixFirst()
    {
        var connection = StorageConnection.FromConfiguration(
            Configuration(("AzureWebJobsArchive", $"AccountName=prefixed;AccountKey={InventedKey}"), ("Archive", $"AccountName=plain;AccountKey={InventedKey}")),
            "Archive");

        Assert.Equal("prefixed", connection.SharedKey!.AccountName);
    }

    [Fact]
    public void FromConfiguration_NothingSet_NamesTheSettingsLookedFor()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Configuration(), "AzureWebJobsStorage"));

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", exception.Message);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", exception.Message);
        Assert.Contains("UseDevelopmentStorage=true", exception.Message);
    }

    [Fact]
    public void FromConfiguration_OnlyBlobServiceUri_SaysQueueIsMissing()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(
            Configuration(("AzureWebJobsStorage:blobServiceUri", "https://alertsacct.blob.core.windows.net")), "AzureWebJobsStorage"));

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", exception.Message);
    }

    internal static IConfiguration Configuration(params (string Key, string Value)[] settings)
        => new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
