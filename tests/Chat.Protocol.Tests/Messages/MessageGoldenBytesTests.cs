using System.Buffers;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Messages;

/// <summary>
/// The exact bytes of one frame per message type. If one of these fails, the wire format has
/// changed: every deployed client and server would stop understanding the new one. Change a
/// golden only together with docs/protocol.md, and either a protocol version bump or an optional
/// field appended under its versioning rules (then keep the old bytes in <see cref="EarlierRevisions"/>).
/// </summary>
public class MessageGoldenBytesTests
{
    public static TheoryData<string, string> Goldens => new()
    {
        { "Hello", "0000002292019601A5616C696365AF436861742E436C69656E742E547569A5312E302E30C2A0" },
        { "Welcome", "0000004C92029C01A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919507A3626F62A26869D6FF695735A501CD0FA0CD800002CB40040000000000001ECD7530" },
        { "Rejected", "0000001F92039201BA546865206E616D652022616C696365222069732074616B656E2E" },
        { "SendText", "0000000A920492A568656C6C6F00" },
        { "TextPosted", "0000001B9205952AA5616C696365A568656C6C6FD7FF3B9ACA00695735A500" },
        { "UsersJoined", "0000000F92069192A56361726F6CA464617665" },
        { "UsersLeft", "000000199207919293A3626F6201A362796593A365766503A47370616D" },
        { "SendPrivate", "0000000D920893A3626F62A47073737401" },
        { "PrivateMessage", "00000019920995A5616C696365A3626F62A470737374D6FF695735A500" },
        { "ServerNotice", "0000001A920A92B052657374617274206174206E6F6F6E2ED6FF695735A5" },
        { "ErrorMessage", "0000001A920B9305B44E6F2075736572206E616D656420227A6564222EC2" },
        { "Ping", "0000000C920C91CF0000011F71FB04CB" },
        { "Pong", "00000004920D91FF" },
        { "Goodbye", "00000007920E91A3627965" },
        { "ServerShutdown", "00000010920F91AC4D61696E74656E616E63652E" },
    };

    /// <summary>
    /// Frames as a peer wrote them before an optional field was appended: they still decode, the
    /// missing field taking its documented default.
    /// </summary>
    public static TheoryData<string, ChatMessage> EarlierRevisions => new()
    {
        // Before Hello.Password: five fields.
        { "0000002192019501A5616C696365AF436861742E436C69656E742E547569A5312E302E30C2", SampleMessages.Hello },
        // Before Hello.OmitPresence: four fields.
        { "0000002092019401A5616C696365AF436861742E436C69656E742E547569A5312E302E30", SampleMessages.Hello with { OmitPresence = false } },
        // Before Welcome.UserCount: eight fields.
        { "0000003E92029801A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919507A3626F62A26869D6FF695735A501CD0FA0CD8000", SampleMessages.Welcome with { UserCount = 0, MessageRate = 0, MessageBurst = 0, PingIntervalMilliseconds = 0 } },
        // Before Welcome.MessageRate, MessageBurst and PingIntervalMilliseconds: nine fields.
        { "0000003F92029901A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919507A3626F62A26869D6FF695735A501CD0FA0CD800002", SampleMessages.Welcome with { MessageRate = 0, MessageBurst = 0, PingIntervalMilliseconds = 0 } },
    };

    [Theory]
    [MemberData(nameof(EarlierRevisions))]
    public void DecodesWhatAnEarlierRevisionWrote(string hex, ChatMessage expected) =>
        Assert.Equivalent(expected, DecodeFrame(Hex.Parse(hex)), strict: true);

    [Fact]
    public void AnOptedOutHelloEndsInTrue()
    {
        var frame = Hex.Format(MessageSerializer.ToFrame(SampleMessages.Hello with { OmitPresence = true }));

        Assert.Equal(Goldens.Single(row => (string)row[0] == "Hello")[1].ToString()![..^4] + "C3A0", frame);
    }

    [Fact]
    public void AHelloWithAPasswordEndsInIt()
    {
        var frame = Hex.Format(MessageSerializer.ToFrame(SampleMessages.Hello with { Password = "s3cret" }));

        // The prefix grows by the six bytes of the password; the last field is the string "s3cret".
        Assert.Equal("00000028" + Goldens.Single(row => (string)row[0] == "Hello")[1].ToString()![8..^2] + "A6733363726574", frame);
    }

    [Fact]
    public void AHellosTextNeverShowsItsPassword()
    {
        var text = (SampleMessages.Hello with { Password = "s3cret" }).ToString();

        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.Contains("Password = (given)", text, StringComparison.Ordinal);
        Assert.Contains("UserName = alice", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMessageTypeHasAGolden()
    {
        var covered = Goldens.Select(row => (string)row[0]).ToHashSet();
        var all = typeof(ChatMessage).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ChatMessage)) && !t.IsAbstract)
            .Select(t => t.Name);
        Assert.Equal(all.Order(), covered.Order());
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void EncodesToTheGoldenBytes(string typeName, string hex) =>
        Assert.Equal(hex, Hex.Format(MessageSerializer.ToFrame(SampleMessages.Named(typeName))));

    [Theory]
    [MemberData(nameof(Goldens))]
    public void DecodesTheGoldenBytes(string typeName, string hex) =>
        Assert.Equivalent(SampleMessages.Named(typeName), DecodeFrame(Hex.Parse(hex)), strict: true);

    [Fact]
    public void PingMatchesBytesWrittenByHandFromTheMessagePackSpec()
    {
        var expected = Hex.Parse("""
            00 00 00 0C                  # frame prefix: body length 12, unsigned 32-bit big-endian
            92                           # fixarray of 2: the union [id, fields]
            0C                           # positive fixint 12: MessageIds.Ping
            91                           # fixarray of 1: Ping's fields
            CF 00 00 01 1F 71 FB 04 CB   # uint 64: Token 1234567890123 = 0x0000011F71FB04CB
            """);

        Assert.Equal(expected, MessageSerializer.ToFrame(new Ping(1_234_567_890_123)));
        Assert.Equal(new Ping(1_234_567_890_123), DecodeFrame(expected));
    }

    [Fact]
    public void GoodbyeMatchesBytesWrittenByHandFromTheMessagePackSpec()
    {
        var expected = Hex.Parse("""
            00 00 00 07                  # frame prefix: body length 7
            92                           # fixarray of 2
            0E                           # positive fixint 14: MessageIds.Goodbye
            91                           # fixarray of 1
            A3 62 79 65                  # fixstr of 3 UTF-8 bytes: "bye"
            """);

        Assert.Equal(expected, MessageSerializer.ToFrame(new Goodbye("bye")));
        Assert.Equal(new Goodbye("bye"), DecodeFrame(expected));
    }

    [Fact]
    public void TextPostedMatchesBytesWrittenByHandFromTheMessagePackSpec()
    {
        // The timestamp extension (type -1), 64-bit form: nanoseconds in the upper 30 bits,
        // seconds since 1970-01-01T00:00:00Z in the lower 34 bits.
        const ulong seconds = 1_767_323_045; // 2026-01-02T03:04:05Z
        const ulong nanoseconds = 250_000_000;
        Assert.Equal(0x3B9ACA00_695735A5UL, (nanoseconds << 34) | seconds);
        Assert.Equal(
            new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            DateTime.UnixEpoch.AddSeconds(seconds));

        var expected = Hex.Parse("""
            00 00 00 1B                  # frame prefix: body length 27
            92                           # fixarray of 2
            05                           # positive fixint 5: MessageIds.TextPosted
            95                           # fixarray of 5: TextPosted's fields
            2A                           # [0] Id: positive fixint 42
            A5 61 6C 69 63 65            # [1] Author: fixstr "alice"
            A5 68 65 6C 6C 6F            # [2] Text: fixstr "hello"
            D7 FF                        # [3] Timestamp: fixext 8, type -1 (timestamp)
            3B 9A CA 00 69 57 35 A5      #     (250000000 << 34) | 1767323045
            00                           # [4] Kind: positive fixint 0 = Plain
            """);

        var message = new TextPosted(42, "alice", "hello", new DateTime(2026, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc)) { Kind = TextKind.Plain };
        Assert.Equal(expected, MessageSerializer.ToFrame(message));
        Assert.Equal(message, DecodeFrame(expected));
    }

    [Fact]
    public void WholeSecondTimestampsUseThe32BitForm()
    {
        var expected = Hex.Parse("""
            00 00 00 0D                  # body length 13
            92 0A 92                     # [10, [ ... ]]: ServerNotice, two fields
            A3 6E 65 77                  # Text: "new"
            D6 FF 69 57 35 A5            # Timestamp: fixext 4, type -1, seconds 1767323045
            """);

        Assert.Equal(expected, MessageSerializer.ToFrame(new ServerNotice("new", SampleMessages.WholeSecond)));
    }

    private static ChatMessage? DecodeFrame(byte[] frame)
    {
        var buffer = new ReadOnlySequence<byte>(frame);
        Assert.True(FrameReader.TryReadFrame(ref buffer, int.MaxValue, out var body));
        Assert.True(buffer.IsEmpty);
        return MessageSerializer.Decode(body);
    }
}
