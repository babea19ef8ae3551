using System.Text;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Makes text from the network safe to show in a terminal: it is shown, never interpreted.
/// </summary>
/// <remarks>
/// Escape sequences (CSI, OSC, DCS, SOS, PM, APC, and two-character ESC sequences, in their
/// 7-bit and 8-bit forms) are removed whole, so nobody can move the cursor, change colours or
/// the window title, or clear another user's screen. Any other C0 control character and DEL
/// are replaced by their visible Control Pictures symbol (BEL becomes ␇), other C1 controls
/// and broken UTF-16 by U+FFFD, a tab by a space, and line or paragraph separators by a space.
/// Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069,
/// U+061C) are removed so that text cannot be reordered to look like something else.
/// </remarks>
public static class TextSanitizer
{
    private const char Escape = '\u001B';
    private const char Bell = '\u0007';
    private const char StringTerminator = '\u009C';

    /// <summary>Returns <paramref name="text"/> with everything a terminal would interpret removed or made visible.</summary>
    /// <param name="text">Text as received.</param>
    /// <returns>Text that only prints; the same instance when nothing needed changing.</returns>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (IsClean(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == Escape)
            {
                i = SkipEscapeSequence(text, i + 1);
                continue;
            }

            if (c is '\u009B')
            {
                i = SkipControlSequence(text, i + 1);
                continue;
            }

            if (c is '\u009D' or '\u0090' or '\u0098' or '\u009E' or '\u009F')
            {
                i = SkipControlString(text, i + 1);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[i + 1]);
                    i += 2;
                }
                else
                {
                    builder.Append('\uFFFD');
                    i++;
                }

                continue;
            }

            AppendVisible(builder, c);
            i++;
        }

        return builder.ToString();
    }

    /// <summary>Whether a character is removed or replaced by <see cref="Sanitize"/>.</summary>
    /// <param name="c">A UTF-16 code unit.</param>
    /// <returns><see langword="true"/> for control characters, bidi controls, separators and surrogates.</returns>
    public static bool NeedsAttention(char c) =>
        char.IsControl(c) || IsBidiControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029';

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsAttention(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }

    private static void AppendVisible(StringBuilder builder, char c)
    {
        if (c == '\t' || c is '\u2028' or '\u2029')
        {
            builder.Append(' ');
        }
        else if (c < '\u0020')
        {
            builder.Append((char)('\u2400' + c));
        }
        else if (c == '\u007F')
        {
            builder.Append('\u2421');
        }
        else if (char.IsControl(c))
        {
            builder.Append('\uFFFD');
        }
        else if (!IsBidiControl(c))
        {
            builder.Append(c);
        }
    }

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u061C';

    // i is just past the ESC.
    private static int SkipEscapeSequence(string text, int i)
    {
        if (i >= text.Length)
        {
            return i;
        }

        var next = text[i];
        return next switch
        {
            '[' => SkipControlSequence(text, i + 1),
            ']' or 'P' or 'X' or '^' or '_' => SkipControlString(text, i + 1),
            // nF sequences: intermediates (0x20-0x2F) then one final character.
            >= ' ' and <= '/' => SkipIntermediatesAndFinal(text, i),
            // Two-character sequences such as ESC c (reset) or ESC 7 (save cursor).
            > '/' and <= '~' => i + 1,
            // ESC followed by something else: drop the ESC, keep what follows.
            _ => i,
        };
    }

    private static int SkipIntermediatesAndFinal(string text, int i)
    {
        while (i < text.Length && text[i] is >= ' ' and <= '/')
        {
            i++;
        }

        return i < text.Length && text[i] is > '/' and <= '~' ? i + 1 : i;
    }

    // CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, then a final byte 0x40-0x7E.
    private static int SkipControlSequence(string text, int i)
    {
        while (i < text.Length && text[i] is >= '0' and <= '?')
        {
            i++;
        }

        while (i < text.Length && text[i] is >= ' ' and <= '/')
        {
            i++;
        }

        return i < text.Length && text[i] is >= '@' and <= '~' ? i + 1 : i;
    }

    // OSC, DCS, SOS, PM, APC: everything up to BEL, ESC \ or ST; an unterminated string runs to the end.
    private static int SkipControlString(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c is Bell or StringTerminator)
            {
                return i + 1;
            }

            if (c == Escape)
            {
                return i + 1 < text.Length && text[i + 1] == '\\' ? i + 2 : i + 1;
            }

            i++;
        }

        return i;
    }
}
