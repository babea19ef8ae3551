namespace Chat.Client.Tui.Connection;

/// <summary>Opens sessions: connects to a server and joins its room under a name.</summary>
public interface IChatConnector
{
    /// <summary>Where this connector connects, as "host:port", for messages to the user.</summary>
    string Endpoint { get; }

    /// <summary>Connects and joins.</summary>
    /// <param name="userName">The name to join under.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The joined session.</returns>
    /// <exception cref="Chat.Protocol.ChatException">Connecting or joining failed; the message says why in words.</exception>
    Task<IChatSession> ConnectAsync(string userName, CancellationToken cancellationToken = default);
}
