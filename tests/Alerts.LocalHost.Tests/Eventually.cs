namespace Alerts.LocalHost.Tests;

/// <summary>Waiting for an outcome with a generous deadline: fault tests assert what happens, not how fast.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not so within {timeout.TotalSeconds:F0} s.\n{describe()}");
            }

            await Task.Delay(250);
        }
    }
}
