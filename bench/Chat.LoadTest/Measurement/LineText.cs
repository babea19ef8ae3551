using System.Globalization;

namespace Chat.LoadTest.Measurement;

/// <summary>
/// The text of a load-test line: a fixed-position prefix <c>#TTTT-SSSSSSSSS </c> (run tag and
/// sequence number) padded to the requested length, so receivers recognise their run's lines and
/// find each line's send time without parsing anything else.
/// </summary>
internal static class LineText
{
    /// <summary>The length of the prefix: '#', four tag digits, '-', nine sequence digits, a space.</summary>
    public const int PrefixLength = 16;

    /// <summary>The shortest line: the prefix ends in a space, and a line must not (servers may trim it).</summary>
    public const int MinLength = PrefixLength + 1;

    /// <summary>The largest sequence number the prefix can carry.</summary>
    public const int MaxSequence = 999_999_999;

    /// <summary>The largest run tag the prefix can carry.</summary>
    public const int MaxTag = 9999;

    private const string Filler = "the quick brown fox jumps over the lazy dog while the room reads along, line after line ";

    /// <summary>Makes the text of one line of <paramref name="length"/> characters (ASCII, so also bytes).</summary>
    public static string Format(int tag, int sequence, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tag, MaxTag);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);

        return string.Create(length, (tag, sequence), static (span, state) =>
        {
            span[0] = '#';
            state.tag.TryFormat(span.Slice(1, 4), out _, "D4", CultureInfo.InvariantCulture);
            span[5] = '-';
            state.sequence.TryFormat(span.Slice(6, 9), out _, "D9", CultureInfo.InvariantCulture);
            span[15] = ' ';
            var rest = span[PrefixLength..];
            for (var i = 0; i < rest.Length; i++)
            {
                rest[i] = Filler[i % Filler.Length];
            }

            // A line must not end in a space: servers may trim it.
            if (rest[^1] == ' ')
            {
                rest[^1] = '.';
            }
        });
    }

    /// <summary>
    /// Reads the sequence number of a line of run <paramref name="tag"/>; false for any other text
    /// (another run's lines, people typing into the room under test).
    /// </summary>
    public static bool TryParse(string text, int tag, out int sequence)
    {
        sequence = 0;
        if (text.Length < PrefixLength || text[0] != '#' || text[5] != '-' || text[15] != ' ')
        {
            return false;
        }

        if (!TryReadDigits(text, 1, 4, out var lineTag) || lineTag != tag)
        {
            return false;
        }

        return TryReadDigits(text, 6, 9, out sequence);
    }

    /// <summary>
    /// Reads the sequence number of a line of run <paramref name="tag"/> from the UTF-8 bytes of its
    /// text, as <see cref="TryParse(string, int, out int)"/> does from the string: for a client that
    /// never makes one. Any other text is false (a non-ASCII byte is never a digit or the prefix).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, int tag, out int sequence)
    {
        sequence = 0;
        if (utf8.Length < PrefixLength || utf8[0] != '#' || utf8[5] != '-' || utf8[15] != ' ')
        {
            return false;
        }

        if (!TryReadDigits(utf8, 1, 4, out var lineTag) || lineTag != tag)
        {
            return false;
        }

        if (!TryReadDigits(utf8, 6, 9, out sequence))
        {
            sequence = 0;
            return false;
        }

        return true;
    }

    private static bool TryReadDigits(ReadOnlySpan<byte> utf8, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = utf8[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static bool TryReadDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
