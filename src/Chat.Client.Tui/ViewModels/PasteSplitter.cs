using System.Globalization;
using System.Text;
using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// Turns pasted text into lines the server accepts: one line per line of text (CR, LF or CRLF),
/// tabs as spaces, blank lines left out, other control characters removed, and a line longer
/// than the server's limit cut into pieces at spaces where possible (never inside a character),
/// so that no part of a paste is refused or lost.
/// </summary>
public static class PasteSplitter
{
    /// <summary>How many spaces a tab becomes.</summary>
    public const int TabWidth = 4;

    /// <summary>Splits pasted text into lines to send.</summary>
    /// <param name="text">The pasted text.</param>
    /// <param name="maxLength">The longest line the server accepts, in Unicode scalar values (<see cref="Welcome.MaxTextLength"/>).</param>
    /// <returns>The lines, in order; empty when the paste holds nothing but white space.</returns>
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var lines = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = Clean(raw);
            if (!string.IsNullOrWhiteSpace(line))
            {
                Cut(line.TrimEnd(), maxLength, lines);
            }
        }

        return lines;
    }

    /// <summary>Whether <paramref name="text"/> is more than one line, so it needs splitting (and maybe confirming).</summary>
    /// <param name="text">The pasted text.</param>
    /// <returns><see langword="true"/> when it holds a line break.</returns>
    public static bool IsMultiLine(string text) => text.AsSpan().TrimEnd("\r\n").IndexOfAny('\r', '\n') >= 0;

    private static string Clean(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var rune in line.EnumerateRunes())
        {
            if (rune.Value == '\t')
            {
                builder.Append(' ', TabWidth);
            }
            else if (!Rune.IsControl(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static void Cut(string line, int maxLength, List<string> lines)
    {
        while (true)
        {
            // Whole text elements (a letter with its accents, an emoji sequence) stay together.
            var elements = StringInfo.GetTextElementEnumerator(line);
            var scalars = 0;
            var end = 0;
            var lastSpace = -1;
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                var size = element.EnumerateRunes().Count();
                if (scalars + size > maxLength)
                {
                    break;
                }

                scalars += size;
                if (element == " ")
                {
                    lastSpace = elements.ElementIndex;
                }

                end = elements.ElementIndex + element.Length;
            }

            if (end >= line.Length)
            {
                lines.Add(line);
                return;
            }

            var cut = lastSpace > 0 ? lastSpace : end;
            if (cut == 0)
            {
                cut = char.IsHighSurrogate(line[0]) && line.Length > 1 ? 2 : 1; // one element longer than the limit
            }

            lines.Add(line[..cut].TrimEnd());
            line = line[cut..].TrimStart();
            if (line.Length == 0)
            {
                return;
            }
        }
    }
}
