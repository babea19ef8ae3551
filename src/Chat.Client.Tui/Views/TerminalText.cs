using System.Globalization;
using Terminal.Gui.Text;

namespace Chat.Client.Tui.Views;

/// <summary>
/// Column widths of text as the terminal shows it, measured the way Terminal.Gui's driver
/// places cells (a port of wcwidth over grapheme clusters): CJK and emoji take two columns,
/// combining marks none.
/// </summary>
/// <remarks>
/// Terminals do not agree on the width of emoji sequences: tmux and most wcwidth-based
/// terminals draw 👍🏽 in four columns and the rainbow flag in one, where Terminal.Gui (and
/// kitty, WezTerm, ...) count two. Terminal.Gui writes a row as one run of text, so one such
/// disagreement shifts the rest of the row and breaks the user list's border. Text is
/// therefore drawn in its <see cref="Display"/> form, which every terminal measures alike:
/// without the zero-width joiner, the emoji presentation selector, skin-tone modifiers and
/// tag characters (👨‍👩‍👧 shows as 👨👩👧, 👍🏽 as 👍). Only the drawing changes; the text is kept.
/// </remarks>
internal static class TerminalText
{
    /// <summary>The columns <paramref name="text"/> takes, drawn in its <see cref="Display"/> form.</summary>
    public static int Columns(string text) => IsPlainAscii(text) ? text.Length : Math.Max(0, Display(text).GetColumns());

    /// <summary>
    /// <paramref name="text"/> as it is drawn: without the characters whose width terminals
    /// disagree on (U+200D ZWJ, U+FE0F, the skin-tone modifiers U+1F3FB–U+1F3FF, the tags U+E0020–U+E007F).
    /// </summary>
    public static string Display(string text)
    {
        var first = FirstAmbiguous(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var length = AmbiguousLength(text, i);
            if (length > 0)
            {
                i += length - 1;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static int FirstAmbiguous(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > '~' && AmbiguousLength(text, i) > 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The UTF-16 length of a character at <paramref name="index"/> that <see cref="Display"/> leaves out, or 0.</summary>
    private static int AmbiguousLength(string text, int index)
    {
        var c = text[index];
        if (c is '\u200D' or '\uFE0F')
        {
            return 1;
        }

        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            var scalar = char.ConvertToUtf32(c, text[index + 1]);
            if (scalar is (>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0020 and <= 0xE007F))
            {
                return 2;
            }
        }

        return 0;
    }

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

            var columns = Columns(text.Substring(index, length));
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
