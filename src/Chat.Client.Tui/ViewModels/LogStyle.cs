namespace Chat.Client.Tui.ViewModels;

/// <summary>How a piece of a log line looks; the views map each style to colours.</summary>
public enum LogStyle
{
    /// <summary>The time stamp.</summary>
    Time,

    /// <summary>A nickname, in its own colour (see <see cref="LogSegment.NickColor"/>).</summary>
    Nick,

    /// <summary>This user's own nickname.</summary>
    OwnNick,

    /// <summary>Punctuation around names ("&lt;", "&gt;", "*").</summary>
    Punctuation,

    /// <summary>Ordinary text.</summary>
    Text,

    /// <summary>This user's own text.</summary>
    OwnText,

    /// <summary>A line that mentions this user.</summary>
    Mention,

    /// <summary>An action.</summary>
    Action,

    /// <summary>A private message.</summary>
    Private,

    /// <summary>A server notice.</summary>
    Notice,

    /// <summary>An error.</summary>
    Error,

    /// <summary>A join.</summary>
    Join,

    /// <summary>A departure.</summary>
    Leave,

    /// <summary>The client's own information.</summary>
    Info,

    /// <summary>A divider: a day changed, the beginning of a room's history, a gap.</summary>
    Divider,
}
