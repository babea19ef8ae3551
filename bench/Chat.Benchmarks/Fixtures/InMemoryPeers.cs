using System.Buffers;
using System.IO.Pipelines;
using Chat.Protocol;
using Chat.Protocol.Wire.Transports;
using Chat.Protocol.Wire;

namespace Chat.Benchmarks.Fixtures;

/// <summary>
/// N in-memory connections, as <see cref="ChatConnection.CreatePair"/> makes them, whose far
/// (client) ends are drained at the byte level, so that a benchmark measures only the sending
/// side: what a server pays to deliver, not what clients pay to decode.
/// </summary>
/// <remarks>
/// <see cref="Room.RoomFanOutBenchmarks"/> hands <see cref="Connections"/> to the server's
/// sessions, says hello for each client with <see cref="SendRaw"/>, posts to the room, and calls
/// <see cref="DrainAsync"/> (the server sends from its own tasks) until
/// <see cref="BytesReceived"/> reaches what was expected.
/// </remarks>
internal sealed class InMemoryPeers : IAsyncDisposable
{
    private readonly MemoryTransport[] _clientEnds;
    private readonly ChatConnection[] _connections;

    /// <param name="count">How many connections.</param>
    /// <param name="options">The server side's connection settings; the default server frame limit when omitted.</param>
    public InMemoryPeers(int count, ChatConnectionOptions? options = null)
    {
        options ??= new ChatConnectionOptions { MaxFrameLength = ProtocolInfo.DefaultServerMaxFrameLength };
        _clientEnds = new MemoryTransport[count];
        _connections = new ChatConnection[count];
        for (var i = 0; i < count; i++)
        {
            // What ChatConnection.CreatePair does, keeping the client's transport to drain it without decoding.
            var (client, server) = MemoryTransport.CreatePair(options);
            _clientEnds[i] = client;
            _connections[i] = new ChatConnection(server, options);
        }
    }

    /// <summary>The server's ends: send to these.</summary>
    public IReadOnlyList<IChatConnection> Connections => _connections;

    /// <summary>Every byte the client ends have taken so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Takes whatever each client end has received, without waiting. Returns the bytes taken.</summary>
    public long Drain()
    {
        long taken = 0;
        foreach (var end in _clientEnds)
        {
            taken += DrainOne(end.Input);
        }

        BytesReceived += taken;
        return taken;
    }

    /// <summary>Takes whatever client end <paramref name="index"/> has received, without waiting. Returns the bytes taken.</summary>
    public long Drain(int index)
    {
        var taken = DrainOne(_clientEnds[index].Input);
        BytesReceived += taken;
        return taken;
    }

    /// <summary>Writes raw bytes from client end <paramref name="index"/>, for the server's end to receive.</summary>
    public void SendRaw(int index, ReadOnlySpan<byte> bytes)
    {
        var output = _clientEnds[index].Output;
        output.Write(bytes);
        var flushing = output.FlushAsync();
        if (!flushing.IsCompleted)
        {
            flushing.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Drains for at least <paramref name="quiet"/>, and until nothing has arrived for that long.</summary>
    /// <returns><see langword="true"/> when nothing arrived at all in the meantime.</returns>
    public bool Quiet(TimeSpan quiet)
    {
        var clean = true;
        var last = DateTime.UtcNow;
        while (DateTime.UtcNow - last < quiet)
        {
            if (Drain() > 0)
            {
                clean = false;
                last = DateTime.UtcNow;
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        return clean;
    }

    /// <summary>Takes bytes until <paramref name="bytes"/> more have arrived in all, waiting for senders on other threads.</summary>
    public async ValueTask DrainAsync(long bytes, CancellationToken cancellationToken = default)
    {
        var target = BytesReceived + bytes;
        while (BytesReceived < target)
        {
            if (Drain() == 0)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Abort("The benchmark is over.");
            await connection.DisposeAsync();
        }
    }

    private static long DrainOne(PipeReader input)
    {
        if (!input.TryRead(out var result))
        {
            return 0;
        }

        var length = result.Buffer.Length;
        input.AdvanceTo(result.Buffer.End);
        return length;
    }
}
