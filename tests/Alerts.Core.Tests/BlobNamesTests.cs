using Alerts.Core;

namespace Alerts.Core.Tests;

public sealed class BlobNamesTests
{
    [Theory]
    [InlineData(@"..\..\..\..\..\..\state\subscriptions.json")]
    [InlineData("../../state/subscriptions.json")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2e%2e/%2e%2e/state/x.json")]
    [InlineData("inbox/photo.html")]
    [InlineData("line\nbreak\u0000.txt")]
    [InlineData("")]
    public void Key_AnyName_IsOneSegmentThatNoPathCanReadAsDotsOrSeparators(string name)
    {
        var key = BlobNames.Key(name);

        Assert.DoesNotContain('/', key);
        Assert.DoesNotContain('\\', key);
        Assert.DoesNotContain(key, new[] { ".", "..", "" });
        Assert.All(key, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '%' or '~', $"'{c}' in {key}"));
    }

    [Fact]
    public void Key_NamesThatLookAlike_GiveDistinctKeys()
    {
        string[] names = ["q.bin", "q.bin.reason.json", "a/b", "a%2Fb", "a%2fb", "..", "%2E%2E", ".", "%2E", "", "%empty", "é", "%C3%A9"];

        Assert.Equal(names.Length, names.Select(BlobNames.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Key_LongNames_AreBoundedAndStillDistinct()
    {
        var a = BlobNames.Key(new string('a', 2000) + "1");
        var b = BlobNames.Key(new string('a', 2000) + "2");

        Assert.True(a.Length <= 180, $"{a.Length} characters");
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(@"..\..\state\subscriptions.json", "'\\'")]
    [InlineData("../../state/subscriptions.json", "'..' segment")]
    [InlineData("a/./b.txt", "'..' segment")]
    [InlineData("%2e%2e/x.txt", "%2e")]
    [InlineData("x%2Fy.txt", "%2e")]
    [InlineData("bell\u0007.txt", "control characters")]
    [InlineData("", "empty")]
    public void Problem_UnsafeName_SaysWhatWasFound(string name, string says)
    {
        var problem = BlobNames.Problem(name);

        Assert.NotNull(problem);
        Assert.Contains(says.Replace("'..' segment", "'.' or '..' segment"), problem);
    }

    [Fact]
    public void Problem_OverTheLongestBlobName_SaysHowLong()
        => Assert.Contains("1,025 characters long", BlobNames.Problem(new string('a', 1025)));

    [Theory]
    [InlineData("01-drone-hits-erbil-air-base.txt")]
    [InlineData("inbox/2026/report.v2.html")]
    [InlineData("Bericht über Nordmark.md")]
    [InlineData("..hidden.txt")]
    public void Problem_OrdinaryName_IsNull(string name) => Assert.Null(BlobNames.Problem(name));
}
