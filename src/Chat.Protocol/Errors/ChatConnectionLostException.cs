namespace Chat.Protocol;

/// <summary>
/// An established connection ended unexpectedly: the peer vanished, the connection was reset,
/// a write hit a broken pipe, or the connection was aborted.
/// </summary>
public sealed class ChatConnectionLostException : ChatException
{
    /// <summary>Creates the exception with a message for the user.</summary>
    /// <param name="message">What happened, in words a person understands.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ChatConnectionLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
