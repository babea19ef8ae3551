using Chat.Protocol;

namespace Chat.Server;

/// <summary>A private message as its sender said it, before the log gives it an id and a timestamp.</summary>
/// <param name="From">The sender's name.</param>
/// <param name="To">The recipient's name as the server shows it.</param>
/// <param name="Text">The text, already checked against <see cref="TextRules"/>.</param>
/// <param name="Kind">A plain line or an action.</param>
internal readonly record struct PrivateDraft(string From, string To, string Text, TextKind Kind);
