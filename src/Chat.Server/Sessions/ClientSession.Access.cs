using Chat.Protocol;

namespace Chat.Server;

/// <summary>The session's part in who may come in: the password and the users per address (see <see cref="ConnectionAdmission"/>).</summary>
internal sealed partial class ClientSession
{
    /// <summary>The connection's place in the server's admission, which counts it under its address; none for a session of its own.</summary>
    public AdmissionTicket? Admission { get; init; }

    /// <summary>
    /// Checks the hello's password against the server's. A missing or wrong one is counted for the
    /// summary log and refused with <see cref="RejectReason.BadPassword"/> after
    /// <see cref="ChatServerOptions.PasswordDelay"/>: a timer's wait, which holds no thread and
    /// keeps no other handshake waiting.
    /// </summary>
    /// <returns>Whether the client may go on; otherwise the session's end is decided.</returns>
    private async ValueTask<bool> CheckPasswordAsync(Hello hello)
    {
        var password = _options.Password;
        if (password is null || password.Matches(hello.Password))
        {
            return true;
        }

        Admission?.CountBadPassword();
        var text = string.IsNullOrEmpty(hello.Password)
            ? "This server asks for a password, and your client gave none."
            : "The password is wrong.";
        await Task.Delay(_options.PasswordDelay, _time, _stopping.Token);
        Disconnect(SessionEnd.BadPassword(text));
        return false;
    }

    /// <summary>Counts the user under its address in the room, unless the address has as many as it may.</summary>
    /// <returns>Whether the user may join; otherwise the session's end is decided.</returns>
    private bool AdmitMember()
    {
        if (Admission is null || Admission.TryAddMember())
        {
            return true;
        }

        _metrics.Refused(RefusalKind.MembersPerAddress);
        Disconnect(SessionEnd.Refused(RejectReason.ServerFull, RefusalKind.MembersPerAddress.ToClientText(_options)));
        return false;
    }
}
