namespace Chat.Protocol;

/// <summary>
/// The server refused to let the client in: the name is taken, reserved or invalid, the
/// server is full, or it does not speak the client's protocol version.
/// </summary>
public sealed class ChatRejectedException : ChatException
{
    /// <summary>Creates the exception from the server's rejection.</summary>
    /// <param name="reason">The server's reason code.</param>
    /// <param name="serverText">The server's explanation.</param>
    public ChatRejectedException(RejectReason reason, string serverText)
        : base(string.IsNullOrWhiteSpace(serverText) ? $"The server refused to let you in ({reason})." : serverText)
    {
        Reason = reason;
        ServerText = serverText;
    }

    /// <summary>The server's reason code.</summary>
    public RejectReason Reason { get; }

    /// <summary>The server's explanation, as it sent it.</summary>
    public string ServerText { get; }

    /// <summary>Whether trying again with another user name could succeed.</summary>
    public bool IsNameProblem => Reason is RejectReason.NameTaken or RejectReason.NameReserved or RejectReason.NameInvalid;
}
