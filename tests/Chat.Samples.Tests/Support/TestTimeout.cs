namespace Chat.Samples.Tests.Support;

/// <summary>The one bound on every wait in these tests: generous, as each starts several processes on a possibly busy machine.</summary>
internal static class TestTimeout
{
    public static readonly TimeSpan Value = TimeSpan.FromSeconds(30);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Value);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Value);

    public static Task WithTimeout(this ValueTask task) => task.AsTask().WaitAsync(Value);
}
