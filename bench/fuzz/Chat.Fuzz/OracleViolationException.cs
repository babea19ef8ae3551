namespace Chat.Fuzz;

/// <summary>The decoder did something the harness's oracle forbids: AFL++ records the input as a crash.</summary>
public sealed class OracleViolationException : Exception
{
    public OracleViolationException()
    {
    }

    public OracleViolationException(string message)
        : base(message)
    {
    }

    public OracleViolationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
