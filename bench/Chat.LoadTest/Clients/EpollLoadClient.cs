using System.Net.Sockets;
using Chat.LoadTest.Clients.Epoll;
using Chat.Protocol;

namespace Chat.LoadTest.Clients;

/// <summary>
/// A thin client whose socket is read by a <see cref="ReceiveLoop"/> (<c>--client epoll</c>, Linux
/// x86-64): what <see cref="ThinLoadClient"/> does with each frame, without .NET's async sockets on
/// the receiving side, so that a delivery costs a recv on a thread already awake rather than an
/// epoll wake-up, a thread-pool work item and a continuation. It says hello as the thin client does
/// (<see cref="ThinHandshake"/>); its socket never waits in .NET's own epoll engine, so no byte wakes
/// that engine: the connect is a blocking one (at once on loopback), and the loop reads the welcome.
/// Sending is as the thin client's: one frame at a time, with the socket's async send (which
/// completes at once while the socket's send buffer has room).
/// </summary>
internal sealed partial class EpollLoadClient : RawSocketLoadClient
{
    private readonly ReceiveBuffer _buffer = new(ThinLoadClient.BufferSize);
    private readonly ReceiveLoop _loop;
    private readonly int _maxFrameLength;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<Welcome> _welcomed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Welcome? _welcome;
    private int _endedOnce;
    private int _disposed;

    private EpollLoadClient(int index, Socket socket, ReceiveLoop loop, ChatConnectionOptions options, RunProblems problems)
        : base(index, socket, options.CloseTimeout, problems)
    {
        _loop = loop;
        _maxFrameLength = options.MaxFrameLength;
        Fd = (int)socket.SafeHandle.DangerousGetHandle();
    }

    public override Welcome? Welcome => Volatile.Read(ref _welcome);

    /// <summary>Completes when the receive loop has stopped reading this client: the session is over.</summary>
    public override Task Reading => _ended.Task;

    /// <summary>The socket's file descriptor, as the receive loop registers it.</summary>
    internal int Fd { get; }

    /// <summary>The client's key in its receive loop's epoll set.</summary>
    internal ulong Token { get; set; }

    /// <summary>
    /// Says goodbye, waits (up to the close timeout) for the server to close its side, has the
    /// receive loop let go of the socket, and closes it. Safe to call twice.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        EndExpected = true;
        if (!Reading.IsCompleted)
        {
            await SayGoodbyeAsync().ConfigureAwait(false);
        }

        await LetGoAsync().ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        Socket.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Has the loop stop reading this socket, and waits until it has (one of its waits, at most a
    /// few if the loop is stopping), so that the descriptor is closed only once no thread reads it.
    /// </summary>
    private async Task LetGoAsync()
    {
        if (!Reading.IsCompleted)
        {
            _loop.RequestRemoval(this);
        }

        try
        {
            await Reading.WaitAsync(ReceiveLoops.JoinTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException) when (_loop.Ended)
        {
            // The loop ended without this client (it was stopping as the client registered): nobody reads the socket.
        }
    }
}
