namespace Chat.Testing;

/// <summary>
/// The one bound on every await in the tests: generous, as a test may start several processes
/// on a busy machine, yet finite, so that a hang fails the test instead of the run.
/// </summary>
public static class TestTimeout
{
    /// <summary>The longest any single step of a test may wait.</summary>
    public static readonly TimeSpan Value = TimeSpan.FromSeconds(30);

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
