using System.Buffers;
using System.Globalization;
using System.Text;

namespace Chat.Protocol;

/// <summary>
/// The rules a line of chat text follows (docs/protocol.md, section 8): not blank; one line (no
/// control characters, no line or paragraph separator); no noncharacter and no unpaired UTF-16
/// surrogate; every direction control it opens closed again before its end; at most
/// <see cref="MaxCombiningMarks"/> combining marks on one character; and no longer than the
/// server's limit in Unicode scalar values.
/// </summary>
/// <remarks>
/// <para>
/// The rules are there so that a line cannot mislead whoever reads it: a right-to-left override
/// left open turns around whatever a client shows after the line (the next author's name, say),
/// a separator starts a line that looks like someone else's, and a pile of combining marks draws
/// over the lines around it. What text needs is still allowed: the zero-width joiner and the
/// variation selectors of emoji sequences (👨‍👩‍👧, 👍🏽, flags), the marks of any script, and
/// isolates (U+2066 to U+2069) or embeddings that are closed again, for text that mixes
/// directions.
/// </para>
/// <para>
/// An unpaired surrogate can only be in a string an application built itself (a string cut in
/// the middle of a surrogate pair, say): text decoded from the wire never holds one, because
/// bytes that are not valid UTF-8 are refused before they are decoded. UTF-8 cannot encode an
/// unpaired surrogate, so if an application sends one anyway the encoder writes U+FFFD in its
/// place: check text with <see cref="Check(string?, int)"/> before sending it.
/// </para>
/// </remarks>
public static class TextRules
{
    /// <summary>The most combining marks (Unicode categories Mn and Me) one character may carry.</summary>
    public const int MaxCombiningMarks = 8;

    /// <summary>How deep direction controls may nest; deeper nesting is refused as <see cref="TextProblem.UnbalancedDirectionControl"/>.</summary>
    public const int MaxDirectionNesting = 64;

    /// <summary>Checks a line of text.</summary>
    /// <param name="text">The text to send.</param>
    /// <param name="maxLength">The most Unicode scalar values allowed (see <see cref="Welcome.MaxTextLength"/>).</param>
    /// <returns><see cref="TextProblem.None"/> when the text may be sent, otherwise the first problem found.</returns>
    public static TextProblem Check(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TextProblem.Empty;
        }

        var span = text.AsSpan();
        var count = 0;
        var marks = 0;
        var directions = new DirectionStack();
        while (!span.IsEmpty)
        {
            var c = span[0];
            if (c < '\u0300')
            {
                // Below the first combining mark: only the control characters need a look.
                if (char.IsControl(c))
                {
                    return TextProblem.ControlCharacter;
                }

                marks = 0;
                count++;
                span = span[1..];
                continue;
            }

            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done)
            {
                return TextProblem.ControlCharacter;
            }

            var problem = CheckRune(rune, ref marks, ref directions);
            if (problem != TextProblem.None)
            {
                return problem;
            }

            count++;
            span = span[consumed..];
        }

        if (!directions.IsEmpty)
        {
            return TextProblem.UnbalancedDirectionControl;
        }

        return count > maxLength ? TextProblem.TooLong : TextProblem.None;
    }

    /// <summary>Describes a problem in words a person understands.</summary>
    /// <param name="problem">The problem <see cref="Check(string?, int)"/> found.</param>
    /// <param name="maxLength">The limit that applied.</param>
    /// <returns>One sentence, or an empty string for <see cref="TextProblem.None"/>.</returns>
    public static string Describe(TextProblem problem, int maxLength) => problem switch
    {
        TextProblem.None => string.Empty,
        TextProblem.Empty => "The message is empty.",
        TextProblem.TooLong => $"The message is too long: at most {maxLength} characters are allowed.",
        TextProblem.ControlCharacter =>
            "The message holds control characters (line breaks, tabs, escapes, ...) or half of a UTF-16 surrogate pair, which are not allowed.",
        TextProblem.UnbalancedDirectionControl =>
            "The message opens a right-to-left or left-to-right override, embedding or isolate (U+202A-U+202E, U+2066-U+2068) without closing it (U+202C, U+2069), or closes one it never opened; that would turn around the text shown after it.",
        TextProblem.LineSeparator => "The message holds a line or paragraph separator (U+2028, U+2029); a message is one line.",
        TextProblem.Noncharacter => "The message holds a Unicode noncharacter (such as U+FFFF or U+FDD0), which is not allowed.",
        TextProblem.TooManyCombiningMarks =>
            $"The message piles more than {MaxCombiningMarks} combining marks on one character, which is not allowed.",
        _ => "The message is not allowed.",
    };

    private static TextProblem CheckRune(Rune rune, ref int marks, ref DirectionStack directions)
    {
        var value = rune.Value;
        switch (value)
        {
            case 0x2028 or 0x2029:
                return TextProblem.LineSeparator;
            case >= 0xFDD0 and <= 0xFDEF:
            case var last when (last & 0xFFFE) == 0xFFFE:
                return TextProblem.Noncharacter;
            case 0x202A or 0x202B or 0x202D or 0x202E:
                return directions.Open(isolate: false) ? TextProblem.None : TextProblem.UnbalancedDirectionControl;
            case 0x2066 or 0x2067 or 0x2068:
                return directions.Open(isolate: true) ? TextProblem.None : TextProblem.UnbalancedDirectionControl;
            case 0x202C:
                return directions.Close(isolate: false) ? TextProblem.None : TextProblem.UnbalancedDirectionControl;
            case 0x2069:
                return directions.Close(isolate: true) ? TextProblem.None : TextProblem.UnbalancedDirectionControl;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control:
                return TextProblem.ControlCharacter;
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                return ++marks > MaxCombiningMarks ? TextProblem.TooManyCombiningMarks : TextProblem.None;
            case UnicodeCategory.Format:
                // The joiners and other format characters sit inside a cluster: they neither carry
                // marks nor start a new character, so marks cannot be spread out around them.
                return TextProblem.None;
            default:
                marks = 0;
                return TextProblem.None;
        }
    }

    /// <summary>
    /// The direction controls open so far, innermost last, as bits (1 for an isolate): each close
    /// must match the innermost open one (U+202C an embedding or override, U+2069 an isolate).
    /// </summary>
    private struct DirectionStack
    {
        private ulong _kinds;
        private int _depth;

        public readonly bool IsEmpty => _depth == 0;

        public bool Open(bool isolate)
        {
            if (_depth == MaxDirectionNesting)
            {
                return false;
            }

            _kinds = (_kinds << 1) | (isolate ? 1UL : 0UL);
            _depth++;
            return true;
        }

        public bool Close(bool isolate)
        {
            if (_depth == 0 || ((_kinds & 1UL) == 1UL) != isolate)
            {
                return false;
            }

            _kinds >>= 1;
            _depth--;
            return true;
        }
    }
}
