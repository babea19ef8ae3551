namespace Chat.Protocol;

public sealed partial class ChatClient
{
    /// <summary>The password of the name held now, given again at each reconnect: the options' until a registration or a rename changes it.</summary>
    private volatile string? _namePassword;
    private volatile bool _registered;

    /// <summary>
    /// Whether this client is one of the server's operators (<see cref="Welcome.Operator"/>): it gave
    /// an operator account's password (<see cref="ChatClientOptions.NamePassword"/>), and may run the
    /// server's console commands (<see cref="RunOperatorCommandAsync"/>). After a reconnect, the newest session's.
    /// </summary>
    public bool IsOperator => Welcome.Operator;

    /// <summary>
    /// Whether the name this client holds is registered and this client proved it: the welcome
    /// said so (<see cref="Welcome.Registered"/>), or this client registered it since
    /// (<see cref="RegisterNameAsync"/>). After a reconnect, the newest session's welcome decides.
    /// </summary>
    /// <remarks>
    /// A rename (<see cref="ChangeNameAsync(string, string, CancellationToken)"/>) with a name password
    /// makes it <see langword="true"/>: the server refuses a registered name with a wrong password, and
    /// ignores the password of a name nobody registered, so until the next welcome it may be
    /// <see langword="true"/> for such a name. A rename without one makes it <see langword="false"/>,
    /// unless only the letter case changed.
    /// </remarks>
    public bool IsRegistered => _registered;

    /// <summary>Whether the server lets users register their names (<see cref="Welcome.Registration"/>, <see cref="RegisterNameAsync"/>).</summary>
    public bool CanRegister => SupportsRooms && Welcome.Registration;

    private string CurrentNamePassword => _namePassword ?? _options.NamePassword;

    /// <summary>
    /// Registers the name this client holds, so that from now on it can be used only with
    /// <paramref name="password"/> (<see cref="ChatClientOptions.NamePassword"/>); for a name this
    /// client holds registered already (<see cref="IsRegistered"/>), changes its password. A client
    /// that reconnects gives the new password from then on.
    /// </summary>
    /// <remarks>
    /// The password travels as it is: it stays secret only over TLS. The server's rules are checked
    /// before anything is sent (<see cref="NamePasswordRules"/>): at least 8 characters, at most
    /// 256, no control characters.
    /// </remarks>
    /// <param name="password">The name's password from now on.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the request may still take effect).</param>
    /// <returns>The name registered, as the server writes it (<see cref="NameRegistered.UserName"/>).</returns>
    /// <exception cref="ChatRequestException">
    /// The password breaks the rules (<see cref="ErrorCode.PasswordRejected"/>), the server does not let
    /// users register (<see cref="CanRegister"/> is false, or it refused: <see cref="ErrorCode.NotAllowed"/>),
    /// or it refused otherwise: <see cref="ErrorCode.RateLimited"/>, ...
    /// </exception>
    /// <exception cref="NotSupportedException">The server speaks version 1, which has no registered names (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came, or the client is reconnecting.</exception>
    public async Task<string> RegisterNameAsync(string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        RequireRooms("Registering your name");
        if (NamePasswordRules.Check(password) is { } problem)
        {
            throw new ChatRequestException(ErrorCode.PasswordRejected, string.Empty, problem);
        }

        if (!CanRegister)
        {
            throw new ChatRequestException(ErrorCode.NotAllowed, string.Empty, "This server does not let users register their names.");
        }

        var id = _requests.NextRequestId();
        var answer = await RequestAsync(
            new RegisterName(id, password),
            message => message is NameRegistered registered && registered.RequestId == id,
            _ => false,
            $"registering {UserName}",
            cancellationToken,
            id,
            consumes: true).ConfigureAwait(false);
        _namePassword = password;
        _registered = true;
        return ((NameRegistered)answer).UserName;
    }

    /// <summary>
    /// Takes another user name, giving its password: needed when the name wanted is registered (or
    /// is an operator account). Otherwise as <see cref="ChangeNameAsync(string, CancellationToken)"/>.
    /// A client that reconnects gives this password from then on.
    /// </summary>
    /// <param name="userName">The name wanted (<see cref="UserNameRules"/>).</param>
    /// <param name="namePassword">The name's password; an empty string for a name nobody registered. It travels as it is: it stays secret only over TLS.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the request may still take effect).</param>
    /// <returns>A task that completes when this client receives its own <see cref="UserRenamed"/>.</returns>
    /// <exception cref="ChatRequestException">
    /// The name breaks the rules or is reserved (<see cref="ErrorCode.NameInvalid"/>), or the server
    /// refused: <see cref="ErrorCode.NameTaken"/>, <see cref="ErrorCode.NameRegistered"/> (a registered name
    /// and a missing or wrong password), <see cref="ErrorCode.RateLimited"/>.
    /// </exception>
    /// <exception cref="NotSupportedException">The server speaks version 1, which has no renames (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came.</exception>
    public Task ChangeNameAsync(string userName, string namePassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(namePassword);
        return RenameAsync(userName, namePassword, cancellationToken);
    }

    /// <summary>
    /// Runs one of the server's operator commands, as it would be typed on the server's console
    /// (<c>kick bob flooding</c>, <c>ban 203.0.113.0/24 1d spam</c>, <c>help</c>; docs/protocol.md
    /// lists them). Only an operator (<see cref="IsOperator"/>) may: the server refuses anyone else.
    /// </summary>
    /// <param name="command">The command line; a leading '/' is ignored.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the command may still be carried out).</param>
    /// <returns>What the console printed, a line each, and whether the command failed (<see cref="OperatorReply.Failed"/>: unknown, used wrongly, or refused).</returns>
    /// <exception cref="ArgumentException"><paramref name="command"/> is empty or holds a line break.</exception>
    /// <exception cref="ChatRequestException">The server refused: <see cref="ErrorCode.NotAllowed"/> (this client is not an operator), <see cref="ErrorCode.RateLimited"/>, ...</exception>
    /// <exception cref="NotSupportedException">The server speaks version 1, which has no operator requests (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came, or the client is reconnecting.</exception>
    public async Task<OperatorReply> RunOperatorCommandAsync(string command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var line = command.Trim();
        if (line.TrimStart('/').Trim().Length == 0)
        {
            throw new ArgumentException("Say which operator command to run.", nameof(command));
        }

        if (line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("An operator command is one line.", nameof(command));
        }

        RequireRooms("Running an operator command");
        var id = _requests.NextRequestId();
        var answer = await RequestAsync(
            new OperatorRequest(id, line),
            message => message is OperatorReply reply && reply.RequestId == id,
            _ => false,
            "the operator command",
            cancellationToken,
            id,
            consumes: true).ConfigureAwait(false);
        return (OperatorReply)answer;
    }

    private async Task RenameAsync(string userName, string namePassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        RequireRooms("Changing your name");
        var name = UserNameRules.Normalize(userName);
        var problem = UserNameRules.Check(name);
        if (problem != UserNameProblem.None)
        {
            throw new ChatRequestException(ErrorCode.NameInvalid, string.Empty, UserNameRules.Describe(problem, name));
        }

        var sameName = UserNameRules.Comparer.Equals(name, UserName);
        await RequestAsync(
            new ChangeName(name) { NamePassword = namePassword },
            message => message is UserRenamed renamed && UserNameRules.Comparer.Equals(renamed.NewName, name),
            error => error.Code is ErrorCode.NameTaken or ErrorCode.NameInvalid or ErrorCode.NameRegistered,
            $"changing your name to {name}",
            cancellationToken).ConfigureAwait(false);

        if (namePassword.Length > 0)
        {
            _namePassword = namePassword;
            _registered = true;
        }
        else if (!sameName)
        {
            _namePassword = string.Empty;
            _registered = false;
        }
    }
}
