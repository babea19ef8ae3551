using Chat.Protocol.Internal;

namespace Chat.Protocol;

/// <summary>Nothing is listening at the address: the server is not running, or the port is wrong.</summary>
public sealed class ChatConnectionRefusedException : ChatException
{
    /// <summary>Creates the exception for an endpoint.</summary>
    /// <param name="host">The host that refused the connection.</param>
    /// <param name="port">The port that refused the connection.</param>
    /// <param name="innerException">The socket error.</param>
    public ChatConnectionRefusedException(string host, int port, Exception? innerException = null)
        : base($"No chat server is listening on {EndPointText.Format(host, port)}.", innerException)
    {
        Host = host;
        Port = port;
    }

    /// <summary>The host that refused the connection.</summary>
    public string Host { get; }

    /// <summary>The port that refused the connection.</summary>
    public int Port { get; }
}
