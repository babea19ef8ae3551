using System.Text;

namespace Chat.Protocol;

public sealed partial record ChatClientOptions
{
    private readonly string _password = string.Empty;
    private readonly string _namePassword = string.Empty;

    /// <summary>
    /// The server's password, sent in <see cref="Hello.Password"/>; empty (the default) for a
    /// server that asks for none. A server that asks for one refuses a missing or wrong password
    /// with <see cref="RejectReason.BadPassword"/> (<see cref="ChatRejectedException.IsPasswordProblem"/>).
    /// It travels as it is: it stays secret only over TLS. <see cref="ToString"/> never shows it;
    /// <see langword="null"/> counts as empty.
    /// </summary>
    public string Password
    {
        get => _password;
        init => _password = value ?? string.Empty;
    }

    /// <summary>
    /// The password of the user name, sent in <see cref="Hello.NamePassword"/>: needed when the name
    /// is registered (<see cref="ChatClient.RegisterNameAsync"/>) or is one of the server's operator
    /// accounts; empty (the default) for a name nobody registered. A registered name without it, or
    /// with a wrong one, is refused with <see cref="RejectReason.NameRegistered"/>
    /// (<see cref="ChatRejectedException.IsNamePasswordProblem"/>). A client that reconnects
    /// (<see cref="Reconnect"/>) gives it again each time, or the one its last registration or rename
    /// set. It travels as it is: it stays secret only over TLS. <see cref="ToString"/> never shows it;
    /// <see langword="null"/> counts as empty.
    /// </summary>
    public string NamePassword
    {
        get => _namePassword;
        init => _namePassword = value ?? string.Empty;
    }

    // The record's generated ToString would print the passwords: this one says only whether there
    // is one. A public property added to the record must be added here too.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientName = ").Append(ClientName)
            .Append(", ClientVersion = ").Append(ClientVersion)
            .Append(", HandshakeTimeout = ").Append(HandshakeTimeout)
            .Append(", KeepAliveInterval = ").Append(KeepAliveInterval)
            .Append(", ServerTimeout = ").Append(ServerTimeout)
            .Append(", ReceiveQueueCapacity = ").Append(ReceiveQueueCapacity)
            .Append(", ReceivePresence = ").Append(ReceivePresence)
            .Append(", Connection = ").Append(Connection)
            .Append(", Reconnect = ").Append(Reconnect?.ToString() ?? "(off)")
            .Append(", TimeProvider = ").Append(TimeProvider)
            .Append(", Password = ").Append(Password.Length == 0 ? "(none)" : "(given)")
            .Append(", NamePassword = ").Append(NamePassword.Length == 0 ? "(none)" : "(given)");
        return true;
    }
}
