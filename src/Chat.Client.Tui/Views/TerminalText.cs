using System.Globalization;
using Terminal.Gui.Text;

namespace Chat.Client.Tui.Views;

/// <summary>
/// Column widths of text as the terminal shows it, measured the way Terminal.Gui's driver
/// places cells (a port of wcwidth over grapheme clusters): CJK and emoji take two columns,
/// combining marks none.
/// </summary>
internal static class TerminalText
{
    /// <summary>The columns <paramref name="text"/> takes.</summary>
    public static int Columns(string text) => IsPlainAscii(text) ? text.Length : Math.Max(0, text.GetColumns());

    /// <summary>Whether every character is printable ASCII, one column each (the fast path).</summary>
    public static bool IsPlainAscii(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Splits <paramref name="text"/> into grapheme clusters with their widths; <paramref name="visit"/>
    /// gets each cluster's start, length and columns and returns <see langword="false"/> to stop.
    /// </summary>
    public static void ForEachGrapheme(string text, int start, int end, Func<int, int, int, bool> visit)
    {
        if (IsPlainAscii(text.AsSpan(start, end - start)))
        {
            for (var i = start; i < end; i++)
            {
                if (!visit(i, 1, 1))
                {
                    return;
                }
            }

            return;
        }

        var index = start;
        while (index < end)
        {
            // Printable ASCII not followed by a combining character (all of which are U+0300 or above)
            // is a cluster of its own, one column wide: most chat text, measured without allocating.
            if (text[index] is >= ' ' and <= '~' && (index + 1 >= end || text[index + 1] < '\u0300'))
            {
                if (!visit(index, 1, 1))
                {
                    return;
                }

                index++;
                continue;
            }

            var length = StringInfo.GetNextTextElementLength(text.AsSpan(index, end - index));
            if (length <= 0)
            {
                length = 1;
            }

            var cluster = text.Substring(index, length);
            var columns = Math.Max(0, cluster.GetColumns());
            if (!visit(index, length, columns))
            {
                return;
            }

            index += length;
        }
    }

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="columns"/>, never splitting a cluster.</summary>
    public static string Clip(string text, int columns)
    {
        if (columns <= 0)
        {
            return string.Empty;
        }

        if (IsPlainAscii(text))
        {
            return text.Length <= columns ? text : text[..columns];
        }

        var used = 0;
        var cut = 0;
        ForEachGrapheme(text, 0, text.Length, (index, length, width) =>
        {
            if (used + width > columns)
            {
                return false;
            }

            used += width;
            cut = index + length;
            return true;
        });
        return text[..cut];
    }
}
