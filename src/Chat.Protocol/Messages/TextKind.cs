namespace Chat.Protocol;

/// <summary>How a line of text is meant to be shown.</summary>
public enum TextKind
{
    /// <summary>An ordinary line: "&lt;alice&gt; hello".</summary>
    Plain = 0,

    /// <summary>An action, written "/me waves" and shown "* alice waves".</summary>
    Action = 1,
}
