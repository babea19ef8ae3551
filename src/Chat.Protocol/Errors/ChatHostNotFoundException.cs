namespace Chat.Protocol;

/// <summary>The host name could not be resolved to an address.</summary>
public sealed class ChatHostNotFoundException : ChatException
{
    /// <summary>Creates the exception for a host name.</summary>
    /// <param name="host">The name that could not be resolved.</param>
    /// <param name="innerException">The resolver's error.</param>
    public ChatHostNotFoundException(string host, Exception? innerException = null)
        : base($"The host \"{host}\" could not be found.", innerException)
    {
        Host = host;
    }

    /// <summary>The name that could not be resolved.</summary>
    public string Host { get; }
}
