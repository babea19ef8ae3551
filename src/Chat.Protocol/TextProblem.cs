namespace Chat.Protocol;

/// <summary>What is wrong with a line of text, as found by <see cref="TextRules.Check(string?, int)"/>.</summary>
/// <remarks>A server refuses each of these with <see cref="ErrorCode.InvalidText"/>, except <see cref="TooLong"/> (<see cref="ErrorCode.TextTooLong"/>).</remarks>
public enum TextProblem
{
    /// <summary>Nothing: the text may be sent.</summary>
    None = 0,

    /// <summary>The text is empty or only white space.</summary>
    Empty = 1,

    /// <summary>The text is longer than the server allows.</summary>
    TooLong = 2,

    /// <summary>
    /// The text holds a control character (such as a line break or an escape), or an unpaired
    /// UTF-16 surrogate (which only a string built by the application itself can hold: text
    /// decoded from the wire never does).
    /// </summary>
    ControlCharacter = 3,

    /// <summary>
    /// The text leaves a direction control open at its end, or closes one it never opened: an
    /// embedding or override (U+202A to U+202E) or an isolate (U+2066 to U+2069) without its
    /// closing U+202C or U+2069, which would turn around the text a client shows after it.
    /// </summary>
    UnbalancedDirectionControl = 4,

    /// <summary>The text holds the line or paragraph separator (U+2028, U+2029): a line of chat is one line.</summary>
    LineSeparator = 5,

    /// <summary>The text holds a noncharacter (U+FDD0 to U+FDEF, or any code point ending in FFFE or FFFF), which is never meant to be shown.</summary>
    Noncharacter = 6,

    /// <summary>A character carries more combining marks than <see cref="TextRules.MaxCombiningMarks"/>, which would draw over the lines around it.</summary>
    TooManyCombiningMarks = 7,
}
