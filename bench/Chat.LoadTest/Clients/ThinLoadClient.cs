using System.Net.Sockets;
using Chat.Protocol;

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

    private readonly ReceiveBuffer _buffer;
    private readonly int _maxFrameLength;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private ThinLoadClient(
        int index, Socket socket, ReceiveBuffer buffer, Welcome welcome, ChatConnectionOptions options, RunProblems problems)
        : base(index, socket, options.CloseTimeout, problems)
    {
        _buffer = buffer;
        _maxFrameLength = options.MaxFrameLength;
        Welcome = welcome;
        Reading = Task.Run(ReadAsync);
    }

    public override Welcome Welcome { get; }

    public override Task Reading { get; }

    /// <summary>Says goodbye, waits (up to the close timeout) for the server to close its side, and closes the socket. Safe to call twice.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        EndExpected = true;
        await SayGoodbyeAsync().ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        Socket.Dispose();
        await Reading.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
