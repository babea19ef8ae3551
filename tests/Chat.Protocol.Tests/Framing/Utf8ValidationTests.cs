using System.Buffers;
using System.Text;
using Chat.Protocol.Internal;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Framing;

/// <summary>
/// Bytes that are not UTF-8 in any string field, at any depth, are a protocol error naming the
/// field, on the fast path and on the general path alike, whole or split across segments; they
/// never turn into U+FFFD.
/// </summary>
public class Utf8ValidationTests
{
    // Eight bytes, so that every bad sequence fits in its place without changing the string's header.
    private const string Marker = "MARKMARK";

    private static readonly Dictionary<string, ChatMessage> s_withMarker = new()
    {
        ["Hello.UserName"] = SampleMessages.Hello with { UserName = Marker },
        ["Hello.ClientName"] = SampleMessages.Hello with { ClientName = Marker },
        ["Hello.ClientVersion"] = SampleMessages.Hello with { ClientVersion = Marker },
        ["Welcome.UserName"] = SampleMessages.Welcome with { UserName = Marker },
        ["Welcome.ServerName"] = SampleMessages.Welcome with { ServerName = Marker },
        ["Welcome.Users[1]"] = SampleMessages.Welcome with { Users = ["alice", Marker] },
        ["Welcome.MessageOfTheDay"] = SampleMessages.Welcome with { MessageOfTheDay = Marker },
        ["Welcome.Recent[0].Author"] = SampleMessages.Welcome with { Recent = [SampleMessages.TextPosted with { Author = Marker }] },
        ["Welcome.Recent[1].Text"] = SampleMessages.Welcome with { Recent = [SampleMessages.TextPosted, SampleMessages.TextPosted with { Text = Marker }] },
        ["Rejected.Text"] = SampleMessages.Rejected with { Text = Marker },
        ["SendText.Text"] = SampleMessages.SendText with { Text = Marker },
        ["TextPosted.Author"] = SampleMessages.TextPosted with { Author = Marker },
        ["TextPosted.Text"] = SampleMessages.TextPosted with { Text = Marker },
        ["UsersJoined.UserNames[0]"] = new UsersJoined([Marker, "dave"]),
        ["UsersLeft.Departures[1].UserName"] = new UsersLeft([new Departure("bob", LeaveReason.Quit) { Text = "bye" }, new Departure(Marker, LeaveReason.Quit)]),
        ["UsersLeft.Departures[0].Text"] = new UsersLeft([new Departure("bob", LeaveReason.Quit) { Text = Marker }]),
        ["SendPrivate.To"] = SampleMessages.SendPrivate with { To = Marker },
        ["SendPrivate.Text"] = SampleMessages.SendPrivate with { Text = Marker },
        ["PrivateMessage.From"] = SampleMessages.PrivateMessage with { From = Marker },
        ["PrivateMessage.To"] = SampleMessages.PrivateMessage with { To = Marker },
        ["PrivateMessage.Text"] = SampleMessages.PrivateMessage with { Text = Marker },
        ["ServerNotice.Text"] = SampleMessages.ServerNotice with { Text = Marker },
        ["ErrorMessage.Text"] = SampleMessages.ErrorMessage with { Text = Marker },
        ["Goodbye.Text"] = new Goodbye(Marker),
        ["ServerShutdown.Text"] = new ServerShutdown(Marker),
    };

    /// <summary>Byte sequences that are not UTF-8, each padded with ASCII to the marker's length.</summary>
    public static TheoryData<string> BadSequences => new()
    {
        "FF",       // a byte UTF-8 never uses
        "80",       // a lone continuation byte
        "C0AF",     // an overlong encoding of '/'
        "E080AF",   // an overlong encoding in three bytes
        "EDA080",   // the surrogate U+D800, encoded in UTF-8
        "EDBFBF",   // the surrogate U+DFFF
        "F4908080", // past U+10FFFF
        "E282",     // a three-byte sequence cut short
    };

    public static TheoryData<string, string> EveryStringFieldWithEveryBadSequence()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in s_withMarker.Keys)
        {
            foreach (var bad in BadSequences)
            {
                data.Add(field, bad);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStringFieldWithEveryBadSequence))]
    public void InvalidUtf8InAnyStringFieldIsAProtocolErrorNamingTheField(string field, string badHex)
    {
        var body = WithBadBytes(field, badHex);

        var ex = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(body));

        Assert.Equal(ErrorCode.ProtocolViolation, ex.Code);
        Assert.Equal($"Received a malformed message: {field} is not valid UTF-8.", ex.Message);
    }

    [Theory]
    [MemberData(nameof(EveryStringFieldWithEveryBadSequence))]
    public void InvalidUtf8IsFoundWhenTheBodyArrivesOneByteASegment(string field, string badHex)
    {
        var body = WithBadBytes(field, badHex);
        var sequence = Segments.Of(body, [.. Enumerable.Repeat(1, body.Length - 1)]);

        var ex = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(sequence));

        Assert.Equal($"Received a malformed message: {field} is not valid UTF-8.", ex.Message);
    }

    [Theory]
    [MemberData(nameof(EveryStringFieldWithEveryBadSequence))]
    public void TheFastPathNeverDecodesInvalidUtf8(string field, string badHex)
    {
        var body = WithBadBytes(field, badHex);

        Assert.False(FastPathDecoder.TryDecode(new ReadOnlySequence<byte>(body), out var message));
        Assert.Null(message);
    }

    [Fact]
    public void InvalidUtf8InALongTextSplitAcrossSegmentsIsFound()
    {
        // 2,000 bytes of text with the bad byte near the end, cut into 100-byte segments: the
        // text is gathered whole before it is checked.
        var text = new string('a', 1990) + Marker + "bb";
        var body = Replace(MessageSerializer.ToBody(SampleMessages.TextPosted with { Text = text }), "FF");
        var sequence = Segments.Of(body, [.. Enumerable.Repeat(100, (body.Length - 1) / 100)]);

        Assert.False(FastPathDecoder.TryDecode(sequence, out _));
        var ex = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(sequence));
        Assert.Equal("Received a malformed message: TextPosted.Text is not valid UTF-8.", ex.Message);
    }

    [Theory]
    [InlineData("zoë 名前 🙂")]
    [InlineData("\U0010FFFF\uE000")]
    public void ValidMultiByteTextCutAcrossSegmentsDecodesOnBothPaths(string text)
    {
        foreach (var message in new ChatMessage[] { SampleMessages.SendText with { Text = text }, SampleMessages.TextPosted with { Text = text } })
        {
            var body = MessageSerializer.ToBody(message);
            var sequence = Segments.Of(body, [.. Enumerable.Repeat(1, body.Length - 1)]);

            Assert.Equal(message, MessageSerializer.Decode(sequence));
            Assert.Equal(message, MessageSerializer.DecodeChecked(sequence));
        }
    }

    private static byte[] WithBadBytes(string field, string badHex) =>
        Replace(MessageSerializer.ToBody(s_withMarker[field]), badHex);

    /// <summary>Puts the bad bytes, padded with 'a' to the marker's length, where the marker was.</summary>
    private static byte[] Replace(byte[] body, string badHex)
    {
        var marker = Encoding.ASCII.GetBytes(Marker);
        var at = body.AsSpan().IndexOf(marker);
        Assert.True(at >= 0, "The marker is not in the encoded message.");
        Assert.Equal(-1, body.AsSpan(at + marker.Length).IndexOf(marker));

        var bad = Convert.FromHexString(badHex);
        var replaced = (byte[])body.Clone();
        replaced.AsSpan(at, marker.Length).Fill((byte)'a');
        bad.CopyTo(replaced.AsSpan(at));
        return replaced;
    }
}
