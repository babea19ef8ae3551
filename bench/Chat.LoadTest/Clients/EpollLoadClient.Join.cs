using System.Net.Sockets;
using Chat.LoadTest.Clients.Epoll;
using Chat.Protocol;

namespace Chat.LoadTest.Clients;

internal sealed partial class EpollLoadClient
{
    /// <summary>
    /// Connects client <paramref name="index"/> to the server, says hello as <see cref="ThinLoadClient"/>
    /// does (<see cref="ThinHandshake"/>), hands the socket to the next of <paramref name="loops"/>,
    /// and waits for that loop to read the welcome (answering a ping on the way). Bytes that follow
    /// the welcome are the loop's to read.
    /// </summary>
    /// <remarks>
    /// The connect is a blocking one, on the calling thread: on loopback it completes at once, and
    /// an async connect would leave the socket registered with .NET's epoll engine, which every
    /// later byte would then wake as well (<see cref="ChatConnectionOptions.ConnectTimeout"/>
    /// is not applied: the kernel's own SYN retries bound it).
    /// </remarks>
    /// <exception cref="ChatException">The connection failed, timed out, or the server refused or broke the protocol.</exception>
    public static async Task<EpollLoadClient> ConnectAsync(
        string host, int port, int index, string userName, ChatClientOptions options, RunProblems problems, ReceiveLoops loops,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        EpollLoadClient? client = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            Connect(socket, host, port);
            socket.Blocking = false;
            client = new EpollLoadClient(index, socket, loops.Next(), options.Connection, problems);
            SendHello(socket, ThinHandshake.HelloFrame(userName, options));
            client._loop.Add(client);
            try
            {
                await client._welcomed.Task.WaitAsync(options.HandshakeTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new ChatTimeoutException(
                    $"The server did not answer the greeting within {options.HandshakeTimeout.TotalSeconds:0.#} s.", ex);
            }

            return client;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            await AbandonAsync(client, socket).ConfigureAwait(false);
            throw new ChatConnectionLostException($"Joining {host}:{port} failed: {ex.Message}", ex);
        }
        catch
        {
            await AbandonAsync(client, socket).ConfigureAwait(false);
            throw;
        }
    }

    private static void Connect(Socket socket, string host, int port)
    {
        try
        {
            socket.Connect(host, port);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            throw new ChatConnectionRefusedException(host, port, ex);
        }
    }

    /// <summary>Sends the hello on the fresh non-blocking socket: a few dozen bytes, which its empty send buffer takes whole.</summary>
    private static void SendHello(Socket socket, byte[] hello)
    {
        var sent = socket.Send(hello, SocketFlags.None, out var error);
        if (error != SocketError.Success || sent != hello.Length)
        {
            throw new ChatConnectionLostException($"Saying hello failed: {(error == SocketError.Success ? "the socket took part of it" : error)}.");
        }
    }

    /// <summary>A join that failed: the loop lets go of the socket (if it had it), and it is closed.</summary>
    private static async Task AbandonAsync(EpollLoadClient? client, Socket socket)
    {
        if (client is not null)
        {
            client.EndExpected = true;
            Interlocked.Exchange(ref client._disposed, 1);
            if (client.Token != 0)
            {
                await client.LetGoAsync().ConfigureAwait(false);
            }

            client._stopping.Dispose();
        }

        socket.Dispose();
    }
}
