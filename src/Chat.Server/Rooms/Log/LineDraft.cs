using Chat.Protocol;

namespace Chat.Server;

/// <summary>A line as its author said it, before the log gives it an id and a timestamp.</summary>
/// <param name="Author">The author's name as the room shows it.</param>
/// <param name="Text">The text, already checked against <see cref="TextRules"/>.</param>
/// <param name="Kind">A plain line or an action.</param>
internal readonly record struct LineDraft(string Author, string Text, TextKind Kind);
