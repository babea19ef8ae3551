namespace Chat.Protocol;

public sealed partial class ChatClient
{
    /// <summary>Connects to a chat server over TCP and joins its room.</summary>
    /// <param name="host">The server's host name or IP address.</param>
    /// <param name="port">The server's TCP port.</param>
    /// <param name="userName">The name to appear under; checked against <see cref="UserNameRules"/> before connecting.</param>
    /// <param name="options">Settings; <see cref="ChatClientOptions.Default"/> when omitted.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The client, in the room.</returns>
    /// <exception cref="ChatRejectedException">
    /// The name breaks the rules, or the server refused it, the client, its password (<see cref="ChatClientOptions.Password"/>)
    /// or the name's (<see cref="ChatClientOptions.NamePassword"/>), or a ban of the name or the address
    /// (<see cref="ChatRejectedException.IsBanned"/>, until <see cref="ChatRejectedException.Until"/>).
    /// </exception>
    /// <exception cref="ChatConnectionRefusedException">No server listens at <paramref name="host"/>:<paramref name="port"/>.</exception>
    /// <exception cref="ChatHostNotFoundException">The host name does not resolve.</exception>
    /// <exception cref="ChatTimeoutException">The server did not answer in time.</exception>
    /// <exception cref="ChatException">Any other failure, described in words.</exception>
    public static async Task<ChatClient> ConnectAsync(
        string host,
        int port,
        string userName,
        ChatClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= ChatClientOptions.Default;
        options.Validate();
        CheckName(userName);

        var connection = await ChatConnection.ConnectAsync(host, port, options.Connection, cancellationToken).ConfigureAwait(false);
        try
        {
            var welcome = await GreetAsync(connection, userName, options.NamePassword, options, cancellationToken).ConfigureAwait(false);
            return new ChatClient(connection, welcome, options, new ServerAddress(host, port));
        }
        catch
        {
            connection.Abort("Joining the room failed.");
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Joins a room over a connection that is already open, such as one end of
    /// <see cref="ChatConnection.CreatePair"/>. The client owns the connection from now on: if
    /// joining fails, the connection is closed.
    /// </summary>
    /// <remarks>
    /// A client joined this way cannot reconnect (<see cref="ChatClientOptions.Reconnect"/> is
    /// ignored): it does not know where the connection leads. Its session's end is its end.
    /// </remarks>
    /// <param name="connection">An open connection to a server.</param>
    /// <param name="userName">The name to appear under.</param>
    /// <param name="options">Settings; <see cref="ChatClientOptions.Default"/> when omitted.</param>
    /// <param name="cancellationToken">Stops waiting for the server.</param>
    /// <returns>The client, in the room.</returns>
    /// <exception cref="ChatRejectedException">The name breaks the rules, or the server refused it or the client (a ban included: <see cref="ChatRejectedException.IsBanned"/>).</exception>
    /// <exception cref="ChatTimeoutException">The server did not answer within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatException">The connection failed or the server broke the protocol.</exception>
    public static async Task<ChatClient> JoinAsync(
        IChatConnection connection,
        string userName,
        ChatClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= ChatClientOptions.Default;
        try
        {
            options.Validate();
            CheckName(userName);
            var welcome = await GreetAsync(connection, userName, options.NamePassword, options, cancellationToken).ConfigureAwait(false);
            return new ChatClient(connection, welcome, options, address: null);
        }
        catch
        {
            // The session never started: nothing the server still sends matters. (When the server
            // ended the handshake itself, the connection was already closed gracefully.)
            connection.Abort("Joining the room failed.");
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Says hello (with the name's password, if any) and waits for the welcome; throws what the server's refusal means.</summary>
    private static async Task<Welcome> GreetAsync(
        IChatConnection connection, string userName, string namePassword, ChatClientOptions options, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.HandshakeTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var hello = new Hello(
                ProtocolInfo.Version, UserNameRules.Normalize(userName), options.ClientName, options.ClientVersion)
            {
                OmitPresence = !options.ReceivePresence,
                Password = options.Password,
                NamePassword = namePassword,
            };
            await connection.SendAsync(hello, linked.Token).ConfigureAwait(false);
            var welcome = await ReceiveWelcomeAsync(connection, linked.Token).ConfigureAwait(false);
            if (welcome.ProtocolVersion is < ProtocolInfo.LowestVersion or > ProtocolInfo.Version)
            {
                throw new ChatProtocolException(
                    $"The server answered in protocol version {welcome.ProtocolVersion}, but this client speaks version {ProtocolInfo.Version}.");
            }

            return welcome;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ChatTimeoutException(
                $"The server did not answer the greeting within {options.HandshakeTimeout.TotalSeconds:0.#} s.", ex);
        }
    }

    private static void CheckName(string userName)
    {
        var problem = UserNameRules.Check(userName);
        if (problem != UserNameProblem.None)
        {
            throw new ChatRejectedException(UserNameRules.ToRejectReason(problem), UserNameRules.Describe(problem, userName));
        }
    }

    private static async Task<Welcome> ReceiveWelcomeAsync(IChatConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            switch (message)
            {
                case Welcome welcome:
                    return welcome;
                case Ping ping:
                    await connection.SendAsync(new Pong(ping.Token), cancellationToken).ConfigureAwait(false);
                    break;

                // The server closes the connection after each of these; close ours gracefully in turn.
                case Rejected rejected:
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw new ChatRejectedException(rejected.Reason, rejected.Text, rejected.Until);
                case ErrorMessage { Code: ErrorCode.Banned } banned:
                    // The address is banned: said at connect, instead of the handshake's answer.
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw new ChatRejectedException(RejectReason.Banned, banned.Text, banned.Until);
                case ErrorMessage { Code: ErrorCode.TlsRequired }:
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw new ChatTlsException(
                        ChatTlsProblem.ServerRequiresTls,
                        "The server requires TLS; connect with TLS turned on (ChatConnectionOptions.Tls).");
                case ErrorMessage error:
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw new ChatException($"The server refused the connection: {error.Text}");
                case ServerShutdown shutdown:
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw new ChatException($"The server is shutting down: {shutdown.Text}");
                case null:
                    throw new ChatConnectionLostException("The server closed the connection before welcoming you.");
                default:
                    throw new ChatProtocolException(
                        $"The server sent {message.GetType().Name} before its welcome, which breaks the protocol.");
            }
        }
    }
}
