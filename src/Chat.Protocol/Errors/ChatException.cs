namespace Chat.Protocol;

/// <summary>
/// The base of every failure this library reports. Its <see cref="Exception.Message"/> is a
/// sentence meant for the person using the program.
/// </summary>
public class ChatException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public ChatException()
        : base("The chat connection failed.")
    {
    }

    /// <summary>Creates an exception with a message for the user.</summary>
    /// <param name="message">What went wrong, in words a person understands.</param>
    public ChatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message for the user and the failure that caused it.</summary>
    /// <param name="message">What went wrong, in words a person understands.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ChatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
