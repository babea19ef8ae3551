namespace Chat.Client.Tui.ViewModels;

/// <summary>What a line in the message log is, which decides how it looks.</summary>
public enum LogKind
{
    /// <summary>Someone else's line in the room.</summary>
    Message,

    /// <summary>This user's own line, as echoed by the server.</summary>
    OwnMessage,

    /// <summary>An action: "* alice waves".</summary>
    Action,

    /// <summary>A private message to this user.</summary>
    PrivateIn,

    /// <summary>A private message this user sent.</summary>
    PrivateOut,

    /// <summary>A notice from the server (message of the day, operator announcements).</summary>
    Notice,

    /// <summary>An error from the server or about the connection.</summary>
    Error,

    /// <summary>Someone joined.</summary>
    Join,

    /// <summary>Someone left.</summary>
    Leave,

    /// <summary>Someone changed their name or went away or came back.</summary>
    Presence,

    /// <summary>Something the client itself says (help, hints, connection state).</summary>
    Info,

    /// <summary>A divider across the log about its history: "── beginning of #dev ──", a gap the server no longer keeps.</summary>
    Divider,
}
