namespace Chat.Server;

/// <summary>Lines of text in columns, each as wide as its widest cell, two spaces apart.</summary>
internal static class TextTable
{
    /// <summary>Formats a header and rows; the last column is not padded.</summary>
    /// <param name="header">The column titles.</param>
    /// <param name="rows">The cells, as many per row as titles.</param>
    /// <returns>The header line, then one line per row.</returns>
    public static IEnumerable<string> Format(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select(static title => title.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        yield return Line(header, widths);
        foreach (var row in rows)
        {
            yield return Line(row, widths);
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i == cells.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();
}
