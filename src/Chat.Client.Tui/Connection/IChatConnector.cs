using Chat.Protocol;

namespace Chat.Client.Tui.Connection;

/// <summary>
/// Opens sessions: connects to a server and joins its room under a name. The program connects
/// over TCP; tests join a scripted server over an in-memory connection.
/// </summary>
public interface IChatConnector
{
    /// <summary>Where this connector connects, as "host:port", for messages to the user.</summary>
    string Endpoint { get; }

    /// <summary>
    /// The server's password, given with every connect (the login's and every reconnect's); empty
    /// for none. The login sets it when the server asks for one.
    /// </summary>
    string Password { get; set; }

    /// <summary>
    /// The password of the user name (a registered name, or an operator account), given with every
    /// connect; empty for none. The login sets it when the server says the name is registered, and
    /// <c>/register</c> or <c>/nick name password</c> when they change it.
    /// </summary>
    string NamePassword { get; set; }

    /// <summary>Connects and joins.</summary>
    /// <param name="userName">The name to join under.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The client, in the room.</returns>
    /// <exception cref="ChatException">Connecting or joining failed; the message says why in words.</exception>
    Task<ChatClient> ConnectAsync(string userName, CancellationToken cancellationToken = default);
}
