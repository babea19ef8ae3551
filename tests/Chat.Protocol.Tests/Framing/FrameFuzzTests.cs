using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;
using MessagePack;

namespace Chat.Protocol.Tests.Framing;

/// <summary>
/// Seeded random input for the frame reader and the decoder. Whatever arrives, a receive ends in
/// a message, a clean end, or a <see cref="ChatProtocolException"/>: never a hang, a crash or any
/// other exception. The seeds are fixed, so a failure names the seed and iteration that reproduce it.
/// </summary>
public class FrameFuzzTests
{
    private const int Iterations = 400;
    private const int MaxFrameLength = 4096;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20260101)]
    public async Task RandomBytesEndInAMessageOrAProtocolError(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            await FeedAsync(random, bytes, seed, i);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task FramesWithRandomBodiesEndInAMessageOrAProtocolError(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var body = new byte[random.Next(0, 48)];
            random.NextBytes(body);
            if (body.Length >= 2 && random.Next(2) == 0)
            {
                body[0] = 0x92;                          // make most of them look like [id, ...]
                body[1] = (byte)random.Next(0, 17);
            }

            await FeedAsync(random, Hex.Frame(body), seed, i);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    public async Task MutatedValidFramesEndInAMessageOrAProtocolError(int seed)
    {
        var random = new Random(seed);
        var valid = SampleMessages.All.Select(MessageSerializer.ToBody).ToArray();
        for (var i = 0; i < Iterations; i++)
        {
            var body = Mutate(random, valid[random.Next(valid.Length)]);
            var frame = random.Next(4) == 0
                ? Mutate(random, Hex.Frame(body))        // sometimes break the prefix too
                : Hex.Frame(body);
            await FeedAsync(random, frame, seed, i);
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public async Task RandomMessagePackValuesEndInAMessageOrAProtocolError(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var writer = new System.Buffers.ArrayBufferWriter<byte>();
            var pack = new MessagePackWriter(writer);
            pack.WriteArrayHeader(2);
            pack.Write(random.Next(-2, 18));
            WriteRandomValue(ref pack, random, depth: 0);
            pack.Flush();
            await FeedAsync(random, Hex.Frame(writer.WrittenSpan), seed, i);
        }
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    public void TheDecoderAloneThrowsOnlyProtocolErrors(int seed)
    {
        var random = new Random(seed);
        var valid = SampleMessages.All.Select(MessageSerializer.ToBody).ToArray();
        for (var i = 0; i < 20 * Iterations; i++)
        {
            var body = Mutate(random, valid[random.Next(valid.Length)]);
            try
            {
                MessageSerializer.Decode(body);
            }
            catch (ChatProtocolException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"Seed {seed}, iteration {i}, body {Hex.Format(body)}: {ex}");
            }
        }
    }

    /// <summary>Delivers the bytes in random chunks, ends the stream, and receives until the end or an error.</summary>
    private static async Task FeedAsync(Random random, byte[] bytes, int seed, int iteration)
    {
        await using var pipe = new RawPipeConnection(ChatConnectionOptions.Default with { MaxFrameLength = MaxFrameLength });
        for (var offset = 0; offset < bytes.Length;)
        {
            var chunk = Math.Min(bytes.Length - offset, random.Next(1, 16));
            await pipe.WriteAsync(bytes[offset..(offset + chunk)]);
            offset += chunk;
        }

        await pipe.EndAsync();
        try
        {
            // Each frame is at least 4 bytes, so this many receives must reach the end.
            for (var i = 0; i <= bytes.Length / 4 + 1; i++)
            {
                if (await pipe.Connection.ReceiveAsync().AsTask().WaitAsync(TestTimeout.Value) is null)
                {
                    return;
                }
            }

            Assert.Fail($"Seed {seed}, iteration {iteration}: more messages than the bytes can hold: {Hex.Format(bytes)}");
        }
        catch (ChatProtocolException)
        {
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Seed {seed}, iteration {iteration}: the receive hung on {Hex.Format(bytes)}");
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"Seed {seed}, iteration {iteration}, bytes {Hex.Format(bytes)}: {ex}");
        }
    }

    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = new List<byte>(original);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }

    private static void WriteRandomValue(ref MessagePackWriter writer, Random random, int depth)
    {
        switch (depth > 3 ? random.Next(7) : random.Next(9))
        {
            case 0:
                writer.WriteNil();
                break;
            case 1:
                writer.Write(random.Next(2) == 0);
                break;
            case 2:
                writer.Write(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
                break;
            case 3:
                writer.Write(ulong.MaxValue - (ulong)random.Next(3));
                break;
            case 4:
                writer.Write(new string('s', random.Next(0, 40)));
                break;
            case 5:
                writer.Write(DateTime.UnixEpoch.AddSeconds(random.Next()));
                break;
            case 6:
                writer.WriteExtensionFormat(new ExtensionResult((sbyte)random.Next(-2, 3), new byte[random.Next(0, 13)]));
                break;
            case 7:
                var count = random.Next(0, 9);
                writer.WriteArrayHeader(count);
                for (var i = 0; i < count; i++)
                {
                    WriteRandomValue(ref writer, random, depth + 1);
                }

                break;
            default:
                var pairs = random.Next(0, 3);
                writer.WriteMapHeader(pairs);
                for (var i = 0; i < pairs; i++)
                {
                    writer.Write(i);
                    WriteRandomValue(ref writer, random, depth + 1);
                }

                break;
        }
    }
}
