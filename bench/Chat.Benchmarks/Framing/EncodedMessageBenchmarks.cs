using BenchmarkDotNet.Attributes;
using Chat.Benchmarks.Messages;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Benchmarks.Framing;

/// <summary>Encoding a message once for the whole room: what the server pays per line posted, not per delivery.</summary>
[MemoryDiagnoser]
public class EncodedMessageBenchmarks
{
    private readonly TextPosted _posted = SampleMessages.Posted(123_456);
    private readonly ChatMessage _presence = SampleMessages.All["UsersJoined(1000)"];

    [Benchmark(Baseline = true)]
    public EncodedMessage EncodeTextPosted() => EncodedMessage.Encode(_posted);

    [Benchmark]
    public EncodedMessage EncodeUsersJoined1000() => EncodedMessage.Encode(_presence);
}
