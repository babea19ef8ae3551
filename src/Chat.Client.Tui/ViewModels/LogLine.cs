namespace Chat.Client.Tui.ViewModels;

/// <summary>One line of the message log, ready to show: the text is already sanitized.</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Time">When it was said, in local time (the server's timestamp converted).</param>
/// <param name="Author">Who said it, or the other party of a private message; empty for notices and client lines.</param>
/// <param name="Text">What was said.</param>
/// <param name="MentionsMe">Whether the text mentions this user by name.</param>
/// <param name="Id">The line's id in its room (or the private message's id); 0 for lines the server keeps no id for.</param>
/// <param name="History">Whether the line was loaded from the server's history (a catch-up, scrolling back, a search) rather than said while this user watched: shown dim.</param>
/// <param name="Marked">Whether the line is the one a search jumped to: shown marked.</param>
public sealed record LogLine(
    LogKind Kind,
    DateTime Time,
    string Author,
    string Text,
    bool MentionsMe = false,
    long Id = 0,
    bool History = false,
    bool Marked = false);
