using System.Text;
using Alerts.Core;

namespace Alerts.Articles;

/// <summary>
/// Turns bytes into text: a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides the encoding, else UTF-16 whose zero bytes show
/// its byte order, otherwise strict UTF-8.
/// Bytes that are not valid UTF-8 are classified as <c>binary</c> or <c>unknown_encoding</c>; they are never decoded as Latin-1.
/// </summary>
internal static class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf32Le = new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);
    private static readonly Encoding StrictUtf32Be = new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true);

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out ArticleRejection? rejection)
    {
        var (encoding, bomLength, name) = bytes switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => (StrictUtf32Le, 4, "UTF-32 LE"),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (StrictUtf32Be, 4, "UTF-32 BE"),
            [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3, "UTF-8"),
            [0xFF, 0xFE, ..] => (StrictUtf16Le, 2, "UTF-16 LE"),
            [0xFE, 0xFF, ..] => (StrictUtf16Be, 2, "UTF-16 BE"),
            _ => (StrictUtf8, 0, "UTF-8"),
        };

        if (bomLength == 0 && Utf16Order(bytes) is { } utf16)
        {
            // UTF-16 saved without its byte-order mark (its ASCII is also valid UTF-8, full of NULs): the zero bytes give the
            // order away; decoded when the text is clear, refused as utf16_without_bom, never called binary, when it is not.
            var (decoder, order) = utf16 ? (StrictUtf16Le, "LE") : (StrictUtf16Be, "BE");
            try
            {
                text = decoder.GetString(bytes[..(bytes.Length & ~1)]);
                if (bytes.Length % 2 == 0 && !HasControlCharacters(text))
                {
                    rejection = null;
                    return true;
                }
            }
            catch (DecoderFallbackException)
            {
            }

            text = string.Empty;
            rejection = new ArticleRejection(RejectionReason.Utf16WithoutBom, $"The file looks like UTF-16 {order} without a byte-order mark (every other byte is zero) but does not decode to clean text as UTF-16 {order}. Save it as UTF-8 and drop it again.");
            return false;
        }

        try
        {
            text = encoding.GetString(bytes[bomLength..]);
        }
        catch (DecoderFallbackException)
        {
            if (bomLength == 0 && DeclaredEncoding(bytes) is { } declared && !LooksBinary(bytes))
            {
                // A page that names its legacy charset (<meta charset="windows-1252">) is decoded with it, strictly.
                try
                {
                    text = declared.GetString(bytes);
                    rejection = null;
                    return !HasControlCharacters(text) || Fail(out rejection);
                }
                catch (DecoderFallbackException)
                {
                }
            }

            text = string.Empty;
            rejection = bomLength > 0
                ? new ArticleRejection(RejectionReason.UnknownEncoding, $"The file starts with a {name} byte-order mark but its content is not valid {name}.")
                : LooksBinary(bytes)
                    ? new ArticleRejection(RejectionReason.Binary, "The file is binary data (control bytes and invalid UTF-8), not an article.")
                    : new ArticleRejection(RejectionReason.UnknownEncoding, "The file is not valid UTF-8 and has no byte-order mark; it looks like text in a legacy 8-bit encoding. Save it as UTF-8 and drop it again.");
            return false;
        }

        if (HasControlCharacters(text))
        {
            rejection = new ArticleRejection(RejectionReason.Binary, "The file decodes to text full of control characters (NUL or similar); it looks like binary data, not an article.");
            return false;
        }

        rejection = null;
        return true;
    }

    private static bool Fail(out ArticleRejection rejection)
    {
        rejection = new ArticleRejection(RejectionReason.Binary, "The file decodes to text full of control characters (NUL or similar); it looks like binary data, not an article.");
        return false;
    }

    /// <summary>The charset an HTML page declares in its first kilobytes (<c>&lt;meta charset="…"&gt;</c> or <c>content="text/html; charset=…"</c>), when .NET knows it.</summary>
    private static Encoding? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 2048)]);
        var at = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at < 0 || !head.Contains("<meta", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = head.AsSpan(at + 8).TrimStart("\"' ");
        var end = name.IndexOfAny("\"'; />");
        name = end < 0 ? name : name[..end];
        if (name.IsEmpty || name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var charset = name.ToString();
            return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// True for UTF-16 LE, false for BE, null for neither: text in a Latin script saved as UTF-16 has a zero in nearly every
    /// odd (LE) or even (BE) byte and almost none in the other half.
    /// </summary>
    private static bool? Utf16Order(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length & ~1, 8192)];
        if (sample.Length < 8)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        return oddZeros * 10 >= pairs * 7 && evenZeros * 20 <= pairs ? true
            : evenZeros * 10 >= pairs * 7 && oddZeros * 20 <= pairs ? false
            : null;
    }

    /// <summary>Random or binary bytes: NUL bytes, many control bytes, or few printable ASCII bytes.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        int control = 0, printable = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                control++;
            }
            else if (b < 0x7F)
            {
                printable++;
            }
        }

        return control * 100 > sample.Length || printable * 10 < sample.Length * 7;
    }

    private static bool HasControlCharacters(string text)
    {
        var control = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return true;
            }

            if (c < ' ' && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                control++;
            }
        }

        return control * 100 > text.Length;
    }
}
