using Chat.Protocol;

namespace Chat.Client.Tui.Connection;

/// <summary>
/// One joined session in a chat room: the part of <see cref="ChatClient"/> the client's view
/// models use, so that tests can stand in for the network.
/// </summary>
public interface IChatSession : IAsyncDisposable
{
    /// <summary>The server's welcome (accepted name, server name, users, recent lines, limits).</summary>
    Welcome Welcome { get; }

    /// <summary>The name the server accepted.</summary>
    string UserName { get; }

    /// <summary>The room's messages as they arrive; ends when the session ends as expected, throws when it is lost.</summary>
    IAsyncEnumerable<ChatMessage> ReadMessagesAsync(CancellationToken cancellationToken = default);

    /// <summary>Says a line in the room.</summary>
    ValueTask SendAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Performs an action ("/me waves").</summary>
    ValueTask SendActionAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Sends a private message.</summary>
    ValueTask SendPrivateAsync(string to, string text, CancellationToken cancellationToken = default);

    /// <summary>Says goodbye and closes the connection.</summary>
    Task LeaveAsync(string text = "", CancellationToken cancellationToken = default);
}
