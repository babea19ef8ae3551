using System.Net.Sockets;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.LoadTest.Clients;

internal sealed partial class ThinLoadClient
{
    /// <summary>
    /// Connects client <paramref name="index"/> to the server with a raw socket, says hello as
    /// <see cref="ChatClient"/> does with presence declined (<see cref="Hello.OmitPresence"/>), and
    /// reads up to the welcome, decoding with the library (answering a ping on the way). Bytes that
    /// follow the welcome stay in the buffer for the read loop.
    /// </summary>
    /// <exception cref="ChatException">The connection failed, timed out, or the server refused or broke the protocol.</exception>
    public static async Task<ThinLoadClient> ConnectAsync(
        string host, int port, int index, string userName, ChatClientOptions options, RunProblems problems, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await ConnectSocketAsync(socket, host, port, options.Connection.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            var buffer = new ReceiveBuffer(BufferSize);
            using var timeout = new CancellationTokenSource(options.HandshakeTimeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            Welcome welcome;
            try
            {
                var hello = new Hello(ProtocolInfo.Version, UserNameRules.Normalize(userName), options.ClientName, options.ClientVersion)
                {
                    OmitPresence = true,
                    Password = options.Password,
                    NamePassword = options.NamePassword,
                };
                await socket.SendAsync(MessageSerializer.ToFrame(hello), SocketFlags.None, linked.Token).ConfigureAwait(false);
                welcome = await ReceiveWelcomeAsync(socket, buffer, options.Connection.MaxFrameLength, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ChatTimeoutException(
                    $"The server did not answer the greeting within {options.HandshakeTimeout.TotalSeconds:0.#} s.", ex);
            }

            if (welcome.ProtocolVersion is < ProtocolInfo.LowestVersion or > ProtocolInfo.Version)
            {
                throw new ChatProtocolException(
                    $"The server answered in protocol version {welcome.ProtocolVersion}, but this client speaks version {ProtocolInfo.Version}.");
            }

            return new ThinLoadClient(index, socket, buffer, welcome, options.Connection, problems);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ChatConnectionLostException($"Joining {host}:{port} failed: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task ConnectSocketAsync(Socket socket, string host, int port, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(connectTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            throw new ChatConnectionRefusedException(host, port, ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ChatTimeoutException($"Connecting to {host}:{port} took longer than {connectTimeout.TotalSeconds:0.#} s.", ex);
        }
    }

    /// <summary>Reads frames until the welcome, as <see cref="ChatClient"/> does; throws what a refusal means.</summary>
    private static async Task<Welcome> ReceiveWelcomeAsync(Socket socket, ReceiveBuffer buffer, int maxFrameLength, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (buffer.TryTakeFrame(maxFrameLength, out var body))
            {
                switch (MessageSerializer.Decode(body))
                {
                    case Welcome welcome:
                        return welcome;
                    case Ping ping:
                        await socket.SendAsync(MessageSerializer.ToFrame(new Pong(ping.Token)), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                        break;
                    case Rejected rejected:
                        throw new ChatRejectedException(rejected.Reason, rejected.Text, rejected.Until);
                    case ErrorMessage { Code: ErrorCode.Banned } banned:
                        throw new ChatRejectedException(RejectReason.Banned, banned.Text, banned.Until);
                    case ErrorMessage error:
                        throw new ChatException($"The server refused the connection: {error.Text}");
                    case ServerShutdown shutdown:
                        throw new ChatException($"The server is shutting down: {shutdown.Text}");
                    case null:
                        break; // a message type this library does not know: skipped, as the library does
                    case var other:
                        throw new ChatProtocolException($"The server sent {other.GetType().Name} before its welcome, which breaks the protocol.");
                }
            }

            buffer.MakeRoom(maxFrameLength);
            var received = await socket.ReceiveAsync(buffer.FreeSpace, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                throw new ChatConnectionLostException("The server closed the connection before welcoming you.");
            }

            buffer.Commit(received);
        }
    }
}
