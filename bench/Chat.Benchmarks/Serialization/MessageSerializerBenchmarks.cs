using System.Buffers;
using BenchmarkDotNet.Attributes;
using Chat.Benchmarks.Messages;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Benchmarks.Serialization;

/// <summary>Encoding a message into a frame and decoding a frame body, for every message type.</summary>
[MemoryDiagnoser]
public class MessageSerializerBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private ChatMessage _message = null!;
    private ReadOnlyMemory<byte> _body;

    [ParamsSource(nameof(Messages))]
    public string Message { get; set; } = "";

    public static IEnumerable<string> Messages => SampleMessages.Names;

    [GlobalSetup]
    public void Setup()
    {
        _message = SampleMessages.All[Message];
        _body = MessageSerializer.ToBody(_message);
    }

    /// <summary>Writes the whole frame (prefix and body) into a reused buffer, as a connection's send does.</summary>
    [Benchmark]
    public int Encode()
    {
        _output.ResetWrittenCount();
        return MessageSerializer.WriteFrame(_output, _message);
    }

    /// <summary>Decodes and validates one body, as a connection's receive does.</summary>
    [Benchmark]
    public ChatMessage? Decode() => MessageSerializer.Decode(_body);
}
