namespace Chat.Protocol;

/// <summary>
/// The peer broke the protocol: a malformed or oversized frame, a message out of turn, or a
/// stream that ended in the middle of a frame.
/// </summary>
public sealed class ChatProtocolException : ChatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, in words a person understands.</param>
    /// <param name="code">The error code a server reports for it.</param>
    /// <param name="innerException">The decoder's error, if any.</param>
    public ChatProtocolException(string message, ErrorCode code = ErrorCode.ProtocolViolation, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The error code a server reports for this violation, such as <see cref="ErrorCode.FrameTooLarge"/>.</summary>
    public ErrorCode Code { get; }
}
