using BenchmarkDotNet.Attributes;
using Chat.Benchmarks.Fixtures;
using Chat.Benchmarks.Messages;
using Chat.Protocol.Wire;

namespace Chat.Benchmarks.Broadcast;

/// <summary>
/// The broadcast path: lines encoded once (<see cref="EncodedMessage"/>) sent to every one of
/// <see cref="Connections"/> in-memory connections, one flush per message or one flush per
/// batch of <see cref="Batch"/>. One operation is one broadcast of the batch to every
/// connection, the client ends drained at the byte level; the Time/delivery and Alloc/delivery
/// columns divide it by Connections × Batch. The goal for Alloc/delivery is zero.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerDeliveryColumn.Config))]
public class BroadcastBenchmarks : IAsyncDisposable
{
    private InMemoryPeers _peers = null!;
    private EncodedMessage[] _lines = [];

    [Params(100, 1000)]
    public int Connections { get; set; }

    [Params(1, 16)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _peers = new InMemoryPeers(Connections);
        _lines = Enumerable.Range(1, Batch).Select(i => EncodedMessage.Encode(SampleMessages.Posted(i))).ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await _peers.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Each line is sent to each connection with its own flush: <see cref="IChatConnection.SendAsync(EncodedMessage, CancellationToken)"/>.</summary>
    [Benchmark(Baseline = true)]
    public async Task SendEach()
    {
        var connections = _peers.Connections;
        for (var c = 0; c < connections.Count; c++)
        {
            for (var i = 0; i < _lines.Length; i++)
            {
                await connections[c].SendAsync(_lines[i]);
            }
        }

        _peers.Drain();
    }

    /// <summary>All lines go to each connection in one write and one flush: <see cref="IChatConnection.SendAsync(ReadOnlyMemory{EncodedMessage}, CancellationToken)"/>.</summary>
    [Benchmark]
    public async Task SendBatched()
    {
        var connections = _peers.Connections;
        var lines = _lines.AsMemory();
        for (var c = 0; c < connections.Count; c++)
        {
            await connections[c].SendAsync(lines);
        }

        _peers.Drain();
    }

    /// <summary>
    /// As <see cref="SendBatched"/>, but each client end is drained right after its send, as if
    /// every socket took its bytes at once. The difference from <see cref="SendBatched"/> is what
    /// it costs to have every connection's buffer outstanding at the same time (buffer pools
    /// run dry), as a server has while its sockets catch up.
    /// </summary>
    [Benchmark]
    public async Task SendBatchedDrainEach()
    {
        var connections = _peers.Connections;
        var lines = _lines.AsMemory();
        for (var c = 0; c < connections.Count; c++)
        {
            await connections[c].SendAsync(lines);
            _peers.Drain(c);
        }
    }
}
