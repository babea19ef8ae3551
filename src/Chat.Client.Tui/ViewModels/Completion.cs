namespace Chat.Client.Tui.ViewModels;

/// <summary>The input line after a Tab completion, and where the cursor goes.</summary>
/// <param name="Line">The completed line.</param>
/// <param name="Cursor">The cursor position, just after the inserted name.</param>
public sealed record Completion(string Line, int Cursor);
