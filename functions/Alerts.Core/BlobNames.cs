using System.Security.Cryptography;
using System.Text;

namespace Alerts.Core;

/// <summary>
/// Names from outside (blob names, titles) are data, never paths: <see cref="Key"/> turns one into a single path segment that
/// cannot address another container or folder, and <see cref="Problem"/> says why a dropped name must not be read at all.
/// </summary>
public static class BlobNames
{
    /// <summary>The longest blob name Azure Storage accepts.</summary>
    public const int MaxLength = 1024;

    private const int MaxKeyLength = 180;

    /// <summary>
    /// One path segment for <paramref name="name"/>: letters, digits, '-', '_' and '.' stay, everything else (every '/', '\\',
    /// '%', control or non-ASCII character) is percent-encoded as UTF-8, and a segment of dots alone has its dots encoded too.
    /// Distinct names give distinct keys; a long key ends with a hash of the whole name instead of its tail.
    /// </summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = new StringBuilder(name.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.')
            {
                key.Append((char)b);
            }
            else
            {
                key.Append('%').Append(b.ToString("X2"));
            }
        }

        if (key.Length == 0)
        {
            return "%empty"; // '%' followed by no hex digits: no other name encodes to it
        }

        if (key.ToString().All(c => c == '.'))
        {
            key.Replace(".", "%2E");
        }

        if (key.Length > MaxKeyLength)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
            return $"{key.ToString(0, MaxKeyLength - 34)}~{hash}";
        }

        return key.ToString();
    }

    /// <returns>Why <paramref name="name"/> must not be used to read or name anything (null when it is fine).</returns>
    public static string? Problem(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "The name is empty.";
        }

        if (name.Length > MaxLength)
        {
            return $"The name is {name.Length:N0} characters long, over the {MaxLength:N0} a blob name may have.";
        }

        if (name.Any(char.IsControl))
        {
            return "The name contains control characters.";
        }

        if (name.Contains('\\'))
        {
            return "The name contains '\\', which storage turns into '/': it would address another folder.";
        }

        if (name.Contains("%2e", StringComparison.OrdinalIgnoreCase) || name.Contains("%2f", StringComparison.OrdinalIgnoreCase) || name.Contains("%5c", StringComparison.OrdinalIgnoreCase))
        {
            return "The name contains an encoded '.', '/' or '\\' (%2e, %2f, %5c), which a client may decode into a path.";
        }

        if (name.Split('/').Any(segment => segment is "." or ".."))
        {
            return "The name has a '.' or '..' segment, which addresses another folder or container.";
        }

        return null;
    }
}
