namespace Chat.Server.Tests.Support;

/// <summary>Waits for a state the server reaches on its own threads, such as a connection it has accepted.</summary>
internal static class Condition
{
    /// <summary>Checks <paramref name="condition"/> every few milliseconds until it holds; fails the test after the test timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeout.Value;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }
}
