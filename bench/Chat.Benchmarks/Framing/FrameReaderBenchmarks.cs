using System.Buffers;
using BenchmarkDotNet.Attributes;
using Chat.Benchmarks.Fixtures;
using Chat.Benchmarks.Messages;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Benchmarks.Framing;

/// <summary>
/// Splitting received bytes into frames: 1,000 back-to-back TextPosted frames in one segment,
/// in 4 KiB segments (a pipe's buffers: some frames straddle two), and in 7-byte segments (every
/// prefix and body is split); and framing plus decoding. Reported per frame.
/// </summary>
[MemoryDiagnoser]
public class FrameReaderBenchmarks
{
    private const int Frames = 1000;

    private ReadOnlySequence<byte> _single;
    private ReadOnlySequence<byte> _pipeSegments;
    private ReadOnlySequence<byte> _tinySegments;

    [GlobalSetup]
    public void Setup()
    {
        var writer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < Frames; i++)
        {
            MessageSerializer.WriteFrame(writer, SampleMessages.Posted(i));
        }

        var bytes = writer.WrittenSpan.ToArray();
        _single = new ReadOnlySequence<byte>(bytes);
        _pipeSegments = SegmentedSequence.Create(bytes, 4096);
        _tinySegments = SegmentedSequence.Create(bytes, 7);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long SingleSegment() => ReadAll(_single);

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Segments4K() => ReadAll(_pipeSegments);

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Segments7Bytes() => ReadAll(_tinySegments);

    /// <summary>The whole receive path of a connection: framing and decoding, over a pipe's segments.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public long Segments4KDecoded()
    {
        var buffer = _pipeSegments;
        long ids = 0;
        while (FrameReader.TryReadFrame(ref buffer, ProtocolInfo.DefaultServerMaxFrameLength, out var body))
        {
            ids += ((TextPosted)MessageSerializer.Decode(body)!).Id;
        }

        return ids;
    }

    private static long ReadAll(ReadOnlySequence<byte> buffer)
    {
        long bodyBytes = 0;
        while (FrameReader.TryReadFrame(ref buffer, ProtocolInfo.DefaultServerMaxFrameLength, out var body))
        {
            bodyBytes += body.Length;
        }

        return bodyBytes;
    }
}
