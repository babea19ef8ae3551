namespace Chat.LoadTest.Tests.Support;

/// <summary>The one bound on every await in the tests: generous, so a busy machine does not fail them.</summary>
internal static class TestTimeout
{
    public static readonly TimeSpan Value = TimeSpan.FromSeconds(20);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Value);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Value);
}
