using System.Globalization;
using System.Text;

namespace Chat.Server;

/// <summary>Makes text that came from a client safe to write to the operator's log.</summary>
/// <remarks>
/// Whatever a client chose (its software's name and version, a refused user name, a goodbye
/// text) reaches the operator's terminal and log files through here. Characters that would act
/// on the terminal or hide what the text says are written as escapes, so the operator sees them:
/// control characters (which could move the cursor or change colours), format characters (the
/// direction overrides and isolates that turn text around, zero-width spaces and joiners, soft
/// hyphens), line and paragraph separators, spaces other than the ASCII space, unassigned code
/// points and noncharacters, private-use characters, and U+FFFD. A backslash is doubled, so an
/// escape in the log is never the client's own text.
/// </remarks>
internal static class LogText
{
    /// <summary>Escapes what could act on a terminal or hide itself, and shortens long text.</summary>
    /// <param name="text">Text from the network.</param>
    /// <param name="maxLength">The most characters to write (escapes count at their written length); longer text ends in "…".</param>
    /// <returns>Text that shows every character it holds.</returns>
    public static string Clean(string? text, int maxLength = 80)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (IsPlain(text) && text.Length <= maxLength)
        {
            return text; // The usual case: printable ASCII, nothing to do.
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 1);
        foreach (var rune in text.EnumerateRunes())
        {
            var written = builder.Length;
            Append(builder, rune);
            if (builder.Length > maxLength)
            {
                builder.Length = written;
                builder.Append('…');
                break;
            }
        }

        return builder.ToString();
    }

    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static void Append(StringBuilder builder, Rune rune)
    {
        if (rune.Value == '\\')
        {
            builder.Append(@"\\");
        }
        else if (ShowsAsEscape(rune))
        {
            builder.Append(rune.IsBmp
                ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}")
                : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}"));
        }
        else
        {
            Span<char> chars = stackalloc char[2];
            builder.Append(chars[..rune.EncodeToUtf16(chars)]);
        }
    }

    private static bool ShowsAsEscape(Rune rune)
    {
        if (rune == Rune.ReplacementChar || (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => true,
            UnicodeCategory.SpaceSeparator => rune.Value != ' ',
            _ => false,
        };
    }
}
