namespace Chat.Protocol;

/// <summary>
/// The server refused to let the client in: the name is taken, reserved or invalid, the
/// server is full, it does not speak the client's protocol version, or it asks for a password
/// and none or a wrong one was given (<see cref="IsPasswordProblem"/>).
/// </summary>
public sealed class ChatRejectedException : ChatException
{
    /// <summary>Creates the exception from the server's rejection.</summary>
    /// <param name="reason">The server's reason code.</param>
    /// <param name="serverText">The server's explanation.</param>
    public ChatRejectedException(RejectReason reason, string serverText)
        : base(Describe(reason, serverText))
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

    /// <summary>Whether the server asks for a password and none or a wrong one was given: trying again with the right one could succeed.</summary>
    public bool IsPasswordProblem => Reason == RejectReason.BadPassword;

    private static string Describe(RejectReason reason, string serverText) => reason switch
    {
        // In our own words whatever the server sent (ServerText keeps that): the user must learn what to do.
        RejectReason.BadPassword => "The server needs a password, and none or a wrong one was given.",
        _ when string.IsNullOrWhiteSpace(serverText) => $"The server refused to let you in ({reason}).",
        _ => serverText,
    };
}
