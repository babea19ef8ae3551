namespace Chat.Client.Tui.Views;

/// <summary>One screen row of the wrapped message log: a slice of one line's body, with the prefix on its first row.</summary>
/// <param name="Line">The index of the log line.</param>
/// <param name="Start">Where the slice starts in the line's body text.</param>
/// <param name="End">Where the slice ends (exclusive).</param>
/// <param name="First">Whether this is the line's first row, which carries the time and author.</param>
/// <param name="Day">Whether this row is the "day changed" divider above the line (it holds none of its text).</param>
internal readonly record struct LogRow(int Line, int Start, int End, bool First, bool Day = false);
