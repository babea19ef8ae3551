namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// A log line split into styled segments: the prefix (time and author) and the body. When a
/// line wraps, its continuation rows are indented under the body.
/// </summary>
/// <param name="Prefix">Time stamp and author decoration.</param>
/// <param name="Body">The text.</param>
public sealed record FormattedLine(IReadOnlyList<LogSegment> Prefix, IReadOnlyList<LogSegment> Body)
{
    /// <summary>The whole line as plain text.</summary>
    /// <returns>Prefix and body joined.</returns>
    public override string ToString() => string.Concat(Prefix.Concat(Body).Select(s => s.Text));
}
