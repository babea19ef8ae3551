using Chat.Protocol.Wire;
using MessagePack;

namespace Chat.Protocol.Tests.Framing;

/// <summary><see cref="MessageSerializer.Prepare"/> and the samples it encodes and decodes.</summary>
public class MessageSerializerPrepareTests
{
    [Fact]
    public void ThereIsASampleOfEveryMessageTypeOnTheWire()
    {
        var types = typeof(ChatMessage).GetCustomAttributes(typeof(UnionAttribute), inherit: false)
            .Select(a => ((UnionAttribute)a).SubType)
            .ToHashSet();

        var samples = Chat.Protocol.Internal.WarmUpMessages.OfEveryType().Select(m => m.GetType()).ToList();

        Assert.Equal(types.Count, samples.Count);
        Assert.Equal(types, samples.ToHashSet());
    }

    [Fact]
    public void EverySampleSurvivesTheWireWithItsFieldsFilled()
    {
        foreach (var sample in Chat.Protocol.Internal.WarmUpMessages.OfEveryType())
        {
            var frame = MessageSerializer.ToFrame(sample);
            var decoded = MessageSerializer.Decode(frame.AsMemory(ProtocolInfo.FramePrefixLength));

            Assert.Equivalent(sample, decoded, strict: true);
        }
    }

    [Fact]
    public void PreparingTwiceIsHarmless()
    {
        MessageSerializer.Prepare();
        MessageSerializer.Prepare();

        var line = new TextPosted(1, "alice", "hello", DateTime.UnixEpoch);
        Assert.Equivalent(line, MessageSerializer.Decode(MessageSerializer.ToFrame(line).AsMemory(ProtocolInfo.FramePrefixLength)), strict: true);
    }
}
