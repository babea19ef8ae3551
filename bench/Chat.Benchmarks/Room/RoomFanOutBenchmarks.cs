using System.Buffers;
using BenchmarkDotNet.Attributes;
using Chat.Benchmarks.Fixtures;
using Chat.Benchmarks.Messages;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Chat.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Benchmarks.Room;

/// <summary>
/// The server's own fan-out, end to end in memory: <see cref="Batch"/> lines posted to a
/// <see cref="Server.Room"/> (the default room) of <see cref="Connections"/> <see cref="ClientSession"/>s, each line
/// encoded once, queued for every member (<see cref="OutgoingQueue"/>), and written by each
/// member's writer to its connection, whose client end is drained at the byte level. One
/// operation is one batch reaching every member, all its bytes received; the Time/delivery and
/// Alloc/delivery columns divide it by Connections × Batch. What a line itself costs (its
/// TextPosted, EncodedMessage and frame, once per line) is shared by all its deliveries; a
/// delivery itself should allocate nothing.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerDeliveryColumn.Config))]
public class RoomFanOutBenchmarks : IAsyncDisposable
{
    private readonly ArrayBufferWriter<byte> _frame = new(1024);
    private InMemoryPeers _peers = null!;
    private RoomRegistry _rooms = null!;
    private Server.Room _room = null!;
    private ServerMetrics _metrics = null!;
    private ClientSession[] _sessions = [];
    private Task[] _running = [];

    [Params(100, 1000)]
    public int Connections { get; set; }

    [Params(1, 16)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = ChatServerOptions.Default with
        {
            MaxClients = Connections,
            MessageRate = 0,
            SendQueueLength = 100_000,
            IdleTimeout = TimeSpan.Zero,
            HandshakeTimeout = TimeSpan.FromMinutes(10),
        };
        _metrics = new ServerMetrics();
        var users = new UserDirectory(options.MaxClients, options.TimeProvider);
        _rooms = new RoomRegistry(options, new InMemoryRoomLogStore(options.HistoryLength, options.TimeProvider));
        _room = _rooms.Default;
        _peers = new InMemoryPeers(Connections);
        _sessions = new ClientSession[Connections];
        _running = new Task[Connections];
        for (var i = 0; i < Connections; i++)
        {
            _sessions[i] = new ClientSession(i, _peers.Connections[i], users, _rooms, options, _metrics, NullLogger.Instance);
            _running[i] = _sessions[i].RunAsync();
            _peers.SendRaw(i, MessageSerializer.ToFrame(new Hello(ProtocolInfo.Version, $"user{i:D5}", "Chat.Benchmarks", "1.0")));
        }

        // Let every member in, then take the welcomes and presence notices so that only lines remain.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (_room.Count < Connections || !_peers.Quiet(TimeSpan.FromMilliseconds(300)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Only {_room.Count} of {Connections} sessions joined the room.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        var farewell = EncodedMessage.Encode(new ServerShutdown("The benchmark is over."));
        _rooms.CloseAll();
        foreach (var session in _sessions)
        {
            session.Remove(LeaveReason.ServerShutdown, "The benchmark is over.", farewell);
        }

        await _peers.DisposeAsync();
        await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(30));
        await _rooms.DisposeAsync();
        _metrics.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Member 0 posts the batch; every member's connection receives every line.</summary>
    [Benchmark]
    public async Task PostToRoom()
    {
        long bytes = 0;
        for (var i = 0; i < Batch; i++)
        {
            if (!_room.Post(_sessions[0], SampleMessages.Line, TextKind.Plain))
            {
                throw new InvalidOperationException("The author is not in the room.");
            }

            bytes += FrameLength(_room.LastLine!);
        }

        await _peers.DrainAsync(bytes * Connections);
    }

    private int FrameLength(TextPosted posted)
    {
        _frame.ResetWrittenCount();
        return MessageSerializer.WriteFrame(_frame, posted);
    }
}
