namespace Chat.Server;

/// <summary>The console socket cannot be made or reached; the message says why in one sentence, naming the path.</summary>
internal sealed class ConsoleSocketException : Exception
{
    public ConsoleSocketException()
    {
    }

    public ConsoleSocketException(string message)
        : base(message)
    {
    }

    public ConsoleSocketException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
