using System.Buffers;
using System.Text;

namespace Chat.Protocol;

/// <summary>
/// The rules a line of chat text follows: not blank, one line, no control characters, no unpaired
/// UTF-16 surrogate, and no longer than the server's limit in Unicode scalar values.
/// </summary>
/// <remarks>
/// An unpaired surrogate can only be in a string an application built itself (a string cut in
/// the middle of a surrogate pair, say): text decoded from the wire never holds one, because
/// bytes that are not valid UTF-8 are refused before they are decoded. UTF-8 cannot encode an
/// unpaired surrogate, so if an application sends one anyway the encoder writes U+FFFD in its
/// place: check text with <see cref="Check(string?, int)"/> before sending it.
/// </remarks>
public static class TextRules
{
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
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return TextProblem.ControlCharacter;
            }

            count++;
            span = span[consumed..];
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
        _ => "The message is not allowed.",
    };
}
