using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Views;

/// <summary>
/// Splits a formatted line into screen rows of a given width: the first row starts with the
/// prefix (time, author), later rows are indented under the text. Breaks after a space when
/// it can, otherwise between grapheme clusters, so wide characters are never cut in half.
/// </summary>
internal static class LineWrapper
{
    /// <summary>The body of a line as one string (the body's segments joined).</summary>
    public static string BodyText(FormattedLine line) =>
        line.Body.Count == 1 ? line.Body[0].Text : string.Concat(line.Body.Select(s => s.Text));

    /// <summary>The indent of continuation rows: the prefix's width, unless that would leave too little room.</summary>
    public static int Indent(int prefixColumns, int width) => prefixColumns <= width / 2 ? prefixColumns : 0;

    /// <summary>Appends the rows of one line to <paramref name="rows"/>.</summary>
    public static void Wrap(int lineIndex, FormattedLine line, int width, List<LogRow> rows)
    {
        var body = BodyText(line);
        var prefixColumns = PrefixColumns(line);
        var indent = Indent(prefixColumns, width);
        var available = Math.Max(1, width - prefixColumns);
        var rowStart = 0;
        var used = 0;
        var lastBreak = -1;
        var first = true;

        if (body.Length == 0)
        {
            rows.Add(new LogRow(lineIndex, 0, 0, true));
            return;
        }

        TerminalText.ForEachGrapheme(body, 0, body.Length, (index, length, columns) =>
        {
            while (used + columns > available && index > rowStart)
            {
                var end = lastBreak > rowStart ? lastBreak : index;
                rows.Add(new LogRow(lineIndex, rowStart, end, first));
                first = false;
                available = Math.Max(1, width - indent);
                used = Columns(body, end, index);
                rowStart = end;
                lastBreak = -1;
            }

            used += columns;
            if (body[index] == ' ')
            {
                lastBreak = index + length;
            }

            return true;
        });
        rows.Add(new LogRow(lineIndex, rowStart, body.Length, first));
    }

    /// <summary>The columns taken by the time and author.</summary>
    public static int PrefixColumns(FormattedLine line)
    {
        var columns = 0;
        foreach (var segment in line.Prefix)
        {
            columns += TerminalText.Columns(segment.Text);
        }

        return columns;
    }

    private static int Columns(string text, int start, int end)
    {
        var columns = 0;
        TerminalText.ForEachGrapheme(text, start, end, (_, _, width) =>
        {
            columns += width;
            return true;
        });
        return columns;
    }
}
