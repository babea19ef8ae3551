using System.Net.Sockets;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.LoadTest.Clients;

/// <summary>
/// A simulated user that declined presence, on a raw socket instead of the client library (issue
/// 17's "deliberately thin client"): it says hello and reads up to its welcome with the library's
/// serializer, then reads every line without allocating (<see cref="ReadAsync"/>). It sends its
/// lines as the library would, one SendText frame each. No TLS: with <c>--tls</c> every client is
/// a <see cref="LibraryLoadClient"/>.
/// </summary>
internal sealed partial class ThinLoadClient : RawSocketLoadClient
{
    /// <summary>The receive buffer's size until a larger frame arrives: a few dozen lines per read at the usual lengths.</summary>
    public const int BufferSize = 8 * 1024;

    private static readonly byte[] s_goodbye = MessageSerializer.ToFrame(new Goodbye());

    private readonly Socket _socket;
    private readonly ReceiveBuffer _buffer;
    private readonly int _maxFrameLength;
    private readonly TimeSpan _closeTimeout;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private ThinLoadClient(
        int index, Socket socket, ReceiveBuffer buffer, Welcome welcome, ChatConnectionOptions options, RunProblems problems)
        : base(index, problems)
    {
        _socket = socket;
        _buffer = buffer;
        _maxFrameLength = options.MaxFrameLength;
        _closeTimeout = options.CloseTimeout;
        Welcome = welcome;
        Reading = Task.Run(ReadAsync);
    }

    public override Welcome Welcome { get; }

    public override Task Reading { get; }

    /// <summary>Sends one SendText frame for <paramref name="text"/>, encoded by the library.</summary>
    /// <exception cref="ChatConnectionLostException">The socket failed.</exception>
    public override ValueTask SendAsync(string text, CancellationToken cancellationToken) =>
        SendFrameAsync(MessageSerializer.ToFrame(new SendText(text)), cancellationToken);

    /// <summary>Says goodbye, waits (up to the close timeout) for the server to close its side, and closes the socket. Safe to call twice.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        EndExpected = true;
        using (var timeout = new CancellationTokenSource(_closeTimeout))
        {
            try
            {
                await SendFrameAsync(s_goodbye, timeout.Token).ConfigureAwait(false);
                _socket.Shutdown(SocketShutdown.Send);
                await Reading.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ChatException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Gone already, or slow to close: close anyway.
            }
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await Reading.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async ValueTask SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!frame.IsEmpty)
            {
                var sent = await _socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                frame = frame[sent..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw new ChatConnectionLostException($"Sending failed: {ex.Message}", ex);
        }
        finally
        {
            _sending.Release();
        }
    }
}
