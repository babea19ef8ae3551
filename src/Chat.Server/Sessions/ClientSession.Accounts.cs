using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// The session's part in accounts and moderation (docs/protocol.md, section 7, Accounts and
/// moderation): bans and a name's password at the hello, the password of a registered name taken by
/// a rename, <see cref="RegisterName"/>, mutes, and an operator's <see cref="OperatorRequest"/>.
/// </summary>
internal sealed partial class ClientSession
{
    private volatile string? _provenName;
    private volatile string? _operatorName;

    /// <summary>The server's accounts and bans; none for a session of its own (then nothing is registered or banned).</summary>
    public SessionModeration? Moderation { get; init; }

    /// <summary>Whether the user gave an operator account's name and password in its hello.</summary>
    public bool IsOperator => _operatorName is not null;

    /// <summary>Whether the name the user holds is registered (or an operator account) and the user proved it with its password.</summary>
    public bool IsRegistered => _provenName is { } proven && UserNameRules.Comparer.Equals(proven, Name) && Moderation?.Accounts.Find(proven) is not null;

    /// <summary>
    /// The hello's checks of the name asked for, after the name rules: a ban of the name or of the
    /// address refuses it (<see cref="RejectReason.Banned"/>); a registered name or an operator account
    /// needs its password (<see cref="Hello.NamePassword"/>), checked off the read loop, and a missing
    /// or wrong one is refused with <see cref="RejectReason.NameRegistered"/> after the same delay as a
    /// wrong server password. A version-1 client cannot give a name's password: a registered name is
    /// refused to it as taken.
    /// </summary>
    /// <returns>Whether the client may go on; otherwise the session's end is decided.</returns>
    private async ValueTask<bool> CheckNameAsync(Hello hello, string name, int version)
    {
        if (Moderation is not { } moderation)
        {
            return true;
        }

        if (moderation.Bans.FindNameBan(name) is { } nameBan)
        {
            return RejectBanned(hello, SanctionTexts.NameBanned(name, nameBan), nameBan, version);
        }

        if (moderation.Bans.FindAddressBan(Admission?.Address) is { } addressBan)
        {
            return RejectBanned(hello, SanctionTexts.AddressBanned(addressBan), addressBan, version);
        }

        if (moderation.Accounts.Find(name) is not { } account)
        {
            return true;
        }

        if (version < 2)
        {
            return Reject(hello, RejectReason.NameTaken, $"The name {name} is registered, and a client of protocol version 1 cannot give its password; please choose another.");
        }

        if (hello.NamePassword.Length > 0 && await moderation.Passwords.VerifyAsync(hello.NamePassword, account.Hash, _stopping.Token))
        {
            _provenName = name;
            if (account.IsOperator)
            {
                _operatorName = name;
            }

            return true;
        }

        Admission?.CountBadPassword();
        await Task.Delay(_options.PasswordDelay, _time, _stopping.Token);
        return Reject(
            hello,
            RejectReason.NameRegistered,
            hello.NamePassword.Length == 0 ? RegisteredText(name) : WrongPasswordText(name));
    }

    private bool RejectBanned(Hello hello, string text, Sanction ban, int version)
    {
        _metrics.Refused(RefusalKind.Banned);
        if (Disconnect(SessionEnd.RejectedBanned(text, version >= 2 ? ban.Until : null)))
        {
            LogRejected(hello, RejectReason.Banned, text);
        }

        return false;
    }

    /// <summary>
    /// Whether the user may take a name by a rename: not while muted, not a banned name, and a
    /// registered name only with its password (a wrong one answered after the password delay).
    /// </summary>
    /// <returns>Whether it may, and whether it proved the name's password; otherwise the client has been told why.</returns>
    private async ValueTask<(bool Allowed, bool Proven)> MayTakeNameAsync(string name, string password)
    {
        if (Moderation is not { } moderation)
        {
            return (true, false);
        }

        if (moderation.Bans.FindMute(Name) is { } mute)
        {
            Deliver(EncodedMessage.Encode(new ErrorMessage(ErrorCode.Muted, $"You are muted {mute.UntilText()}; you cannot change your name meanwhile.") { Until = mute.Until }));
            return (false, false);
        }

        if (moderation.Bans.FindNameBan(name) is { } ban)
        {
            Reply(ErrorCode.NotAllowed, SanctionTexts.NameBanned(name, ban));
            return (false, false);
        }

        if (moderation.Accounts.Find(name) is not { } account)
        {
            return (true, false);
        }

        if (_provenName is { } proven && UserNameRules.Comparer.Equals(proven, name))
        {
            return (true, true);
        }

        if (password.Length > 0 && await moderation.Passwords.VerifyAsync(password, account.Hash, _stopping.Token))
        {
            return (true, true);
        }

        if (password.Length > 0)
        {
            Admission?.CountBadPassword();
            await Task.Delay(_options.PasswordDelay, _time, _stopping.Token);
        }

        Reply(ErrorCode.NameRegistered, password.Length == 0 ? RegisteredText(name) : WrongPasswordText(name));
        return (false, false);
    }

    /// <summary>Refuses a line or a private message while the user is muted, with when the mute ends.</summary>
    /// <returns>Whether the message was refused.</returns>
    private bool RefuseMuted()
    {
        if (Moderation?.Bans.FindMute(Name) is not { } mute)
        {
            return false;
        }

        Deliver(EncodedMessage.Encode(new ErrorMessage(ErrorCode.Muted, SanctionTexts.Muted(mute)) { Until = mute.Until }));
        return true;
    }

    /// <summary>
    /// Registers the name the user holds with a password, or changes the password of a registered name
    /// the user proved: the password follows <see cref="NamePasswordRules"/>, is hashed off the read loop,
    /// and the registration is stored before it is answered (<see cref="NameRegistered"/>).
    /// </summary>
    /// <returns>Whether to go on reading.</returns>
    private async ValueTask<bool> RegisterNameAsync(RegisterName request)
    {
        var name = Name;
        if (Moderation is not { } moderation || !_options.Registration)
        {
            Reply(ErrorCode.NotAllowed, "This server does not let users register their names.", requestId: request.RequestId);
            return End is null;
        }

        if (moderation.Accounts.IsOperator(name))
        {
            Reply(ErrorCode.NotAllowed, $"The name {name} is an operator account of the server's configuration; its password is set there, not from the chat.", requestId: request.RequestId);
            return End is null;
        }

        var changing = moderation.Accounts.Find(name) is not null;
        if (changing && !IsRegistered)
        {
            Reply(ErrorCode.NotAllowed, $"The name {name} is registered already, and you did not give its password.", requestId: request.RequestId);
            return End is null;
        }

        if (NamePasswordRules.Check(request.Password) is { } problem)
        {
            Reply(ErrorCode.PasswordRejected, $"{problem} The name was not registered.", requestId: request.RequestId);
            return End is null;
        }

        var hash = await moderation.Passwords.HashAsync(request.Password, _stopping.Token);
        try
        {
            moderation.Accounts.Register(name, hash);
        }
        catch (InvalidOperationException)
        {
            Reply(ErrorCode.NotAllowed, $"The name {name} is an operator account of the server's configuration; its password is set there, not from the chat.", requestId: request.RequestId);
            return End is null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRegistrationFailed(_logger, Describe(), moderation.Accounts.Path, ex);
            Reply(ErrorCode.InternalError, "The server could not store the registration; the name is not registered.", requestId: request.RequestId);
            return End is null;
        }

        _provenName = name;
        var client = Describe();
        LogRegistered(_logger, client, changing ? "changed the password of its registered name" : "registered its name");
        Deliver(EncodedMessage.Encode(new NameRegistered(request.RequestId, name)));
        return End is null;
    }

    /// <summary>Runs an operator's command through the operator console and answers with what it printed; refuses a client that is not an operator.</summary>
    /// <returns>Whether to go on reading.</returns>
    private async ValueTask<bool> RunOperatorRequestAsync(OperatorRequest request)
    {
        if (Moderation is not { } moderation || _operatorName is not { } account)
        {
            Reply(ErrorCode.NotAllowed, "Only an operator may send operator commands: connect with an operator account's name and password.", requestId: request.RequestId);
            return End is null;
        }

        var reply = await moderation.RunOperatorCommandAsync(request.RequestId, $"{account} (operator)", request.Command ?? string.Empty);
        Deliver(EncodedMessage.Encode(reply));
        return End is null;
    }

    private static string RegisteredText(string name) => $"The name {name} is registered; give its password to use it.";

    private static string WrongPasswordText(string name) => $"The password given for the name {name} is wrong.";
}
