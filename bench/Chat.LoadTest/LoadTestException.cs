namespace Chat.LoadTest;

/// <summary>A run could not be carried out (the server is missing or would not start); the message says why.</summary>
internal sealed class LoadTestException : Exception
{
    public LoadTestException()
    {
    }

    public LoadTestException(string message)
        : base(message)
    {
    }

    public LoadTestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
