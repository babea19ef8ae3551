namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>The one bound on every await in the tests: generous, so a busy machine does not fail them.</summary>
internal static class TestTimeout
{
    public static readonly TimeSpan Value = TimeSpan.FromSeconds(20);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Value);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Value);

    public static Task WithTimeout(this ValueTask task) => task.AsTask().WaitAsync(Value);

    public static Task<T> WithTimeout<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Value);

    /// <summary>Waits until <paramref name="token"/> is cancelled, or fails after the test timeout.</summary>
    public static async Task WhenCancelledAsync(this CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token).WaitAsync(Value, CancellationToken.None);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }
}
