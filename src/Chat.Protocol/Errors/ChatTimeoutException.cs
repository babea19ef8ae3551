namespace Chat.Protocol;

/// <summary>The peer did not answer in time: connecting, during the handshake, or later.</summary>
public sealed class ChatTimeoutException : ChatException
{
    /// <summary>Creates the exception with a message for the user.</summary>
    /// <param name="message">What timed out, in words a person understands.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ChatTimeoutException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
