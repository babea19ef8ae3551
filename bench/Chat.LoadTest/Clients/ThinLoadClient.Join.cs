using System.Net.Sockets;
using Chat.Protocol;

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
                await socket.SendAsync(ThinHandshake.HelloFrame(userName, options), SocketFlags.None, linked.Token).ConfigureAwait(false);
                welcome = await ReceiveWelcomeAsync(socket, buffer, options.Connection.MaxFrameLength, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ChatTimeoutException(
                    $"The server did not answer the greeting within {options.HandshakeTimeout.TotalSeconds:0.#} s.", ex);
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

    /// <summary>Reads frames until the welcome, as <see cref="ChatClient"/> does (see <see cref="ThinHandshake.TryTakeReply"/>).</summary>
    private static async Task<Welcome> ReceiveWelcomeAsync(Socket socket, ReceiveBuffer buffer, int maxFrameLength, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (ThinHandshake.TryTakeReply(buffer, maxFrameLength, out var reply))
            {
                if (reply is Welcome welcome)
                {
                    return welcome;
                }

                await socket.SendAsync(ThinHandshake.PongFrame((Ping)reply!), SocketFlags.None, cancellationToken).ConfigureAwait(false);
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
