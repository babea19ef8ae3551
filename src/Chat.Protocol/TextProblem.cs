namespace Chat.Protocol;

/// <summary>What is wrong with a line of text, as found by <see cref="TextRules.Check(string?, int)"/>.</summary>
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
}
