namespace Chat.Client.Tui.ViewModels;

/// <summary>One line of the message log, ready to show: the text is already sanitized.</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Time">When it was said, in local time (the server's timestamp converted).</param>
/// <param name="Author">Who said it, or the other party of a private message; empty for notices and client lines.</param>
/// <param name="Text">What was said.</param>
/// <param name="MentionsMe">Whether the text mentions this user by name.</param>
public sealed record LogLine(LogKind Kind, DateTime Time, string Author, string Text, bool MentionsMe = false);
