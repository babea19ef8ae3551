namespace Chat.Client.Tui.ViewModels;

/// <summary>A run of text in one style.</summary>
/// <param name="Text">The text.</param>
/// <param name="Style">How it looks.</param>
/// <param name="NickColor">For <see cref="LogStyle.Nick"/>: the nick's colour slot (<see cref="NickColors"/>).</param>
public readonly record struct LogSegment(string Text, LogStyle Style, int NickColor = 0);
