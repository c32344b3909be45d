using System.Security.Cryptography;
using System.Text;

namespace Alerts.Storage;

/// <summary>A storage account name and its key, for Shared Key signing. The key never leaves this class.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            throw new FormatException($"The account key of storage account '{accountName}' is not Base64.");
        }
    }

    public string AccountName { get; }

    /// <summary>Base64(HMAC-SHA256(key, UTF-8 <paramref name="stringToSign"/>)).</summary>
    internal string ComputeSignature(string stringToSign)
        => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => $"AccountName={AccountName};AccountKey=***";
}
