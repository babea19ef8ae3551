using System.Net.Sockets;

namespace Chat.Server;

/// <summary>
/// The other end of a <see cref="ConsoleSocketListener"/>: connects to a running server's console
/// socket and sends it command lines, one at a time, each answered with a <see cref="ConsoleReply"/>
/// (<see cref="ConsoleWire"/>). Used by <c>Chat.Server console</c>.
/// </summary>
internal sealed class ConsoleClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private ConsoleClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, ConsoleWire.Encoding, detectEncodingFromByteOrderMarks: false);
    }

    /// <summary>Connects to a console socket.</summary>
    /// <param name="path">The socket.</param>
    /// <param name="missing">What to say when nothing answers there (no socket, or one left by a server that stopped), given the reason in a few words.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ConsoleSocketException">Nobody answers, or this user may not connect; in words naming the path.</exception>
    public static async Task<ConsoleClient> ConnectAsync(string path, Func<string, string> missing, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(missing);
        var bytes = ConsoleWire.Encoding.GetByteCount(path);
        if (bytes > ConsoleWire.MaxPathBytes)
        {
            throw new ConsoleSocketException($"The console socket's path {path} is {bytes} bytes long, more than the {ConsoleWire.MaxPathBytes} a Unix socket's path may have: give it relative to a nearer folder.");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new ConsoleClient(socket);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ConsoleSocketException(ex.SocketErrorCode switch
            {
                SocketError.AccessDenied => $"Permission denied for {path}: only the user the server runs as may use its console; run this as that user (sudo -u <user> ...).",
                _ when !File.Exists(path) => missing($"no socket at {path}"),
                SocketError.ConnectionRefused => missing($"the socket {path} is left from a server that stopped"),
                _ => $"Cannot reach the server's console at {path}: {ex.Message}.",
            }, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command line and reads its reply.</summary>
    /// <param name="line">The command, without a line end.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ConsoleSocketException">The server ended the connection before it answered in full.</exception>
    public async Task<ConsoleReply> SendAsync(string line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A command is one line.", nameof(line));
        }

        try
        {
            await _stream.WriteAsync(ConsoleWire.Encoding.GetBytes(line + "\n"), cancellationToken);
        }
        catch (IOException)
        {
            // The server closed first; it may have said why (a client it does not take): that is its reply.
        }

        return await ReceiveAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private async Task<ConsoleReply> ReceiveAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            string? received;
            try
            {
                received = await _reader.ReadLineAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                throw new ConsoleSocketException("The server closed the console connection before it answered.", ex);
            }

            if (received is null)
            {
                throw new ConsoleSocketException("The server closed the console connection before it answered.");
            }

            if (ConsoleWire.IsStatus(received, out var status))
            {
                return new ConsoleReply(lines, status!);
            }

            lines.Add(ConsoleWire.Unstuff(received));
        }
    }
}

/// <summary>The server's answer to one console command.</summary>
/// <param name="Lines">What the command wrote.</param>
/// <param name="Status">Its status line: <see cref="ConsoleWire.Ok"/>, <see cref="ConsoleWire.Failed"/>, <see cref="ConsoleWire.Closed"/> or <see cref="ConsoleWire.Refused"/>.</param>
internal sealed record ConsoleReply(IReadOnlyList<string> Lines, string Status)
{
    /// <summary>Whether the command was done (the server may have closed with it).</summary>
    public bool Succeeded => Status is ConsoleWire.Ok or ConsoleWire.Closed;

    /// <summary>Whether the command closed the server.</summary>
    public bool Closed => Status == ConsoleWire.Closed;
}
