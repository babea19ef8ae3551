namespace Chat.Client.Tui.ViewModels;

/// <summary>Where the room's connection stands.</summary>
public enum ConnectionState
{
    /// <summary>In the room.</summary>
    Connected,

    /// <summary>The connection was lost; waiting to try again or trying.</summary>
    Reconnecting,

    /// <summary>The server shut down or closed the session; reconnects only when the user asks.</summary>
    Disconnected,

    /// <summary>This user left; the client is closing.</summary>
    Closed,
}
