using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Framing;

/// <summary>
/// Decoding hostile or sloppy bodies: every problem is a <see cref="ChatProtocolException"/> that
/// names what was wrong, and nothing the application receives holds a null it was promised not to.
/// </summary>
public class MessageSerializerTests
{
    public static TheoryData<string, string> MalformedBodies => new()
    {
        // body (hex)                                      the error names
        { "920C91C0",                                      "Ping.Token is nil" },
        { "920C90",                                        "Ping.Token is missing" },
        { "920CC0",                                        "Ping must be an array of fields" },
        { "920C91A131",                                    "Ping.Token must be an integer" },
        { "92019301A161A161",                              "Hello.ClientVersion is missing" },
        { "92019401C0A161A161",                            "Hello.UserName is nil" },
        { "9205939001A161A161",                            "TextPosted.Id must be an integer" },
        { "92059301A161A161",                              "TextPosted.Timestamp is missing" },
        { "92059401A161A16101",                            "TextPosted.Timestamp must be a timestamp" },
        { "92059401A161A161D60500000000",                  "TextPosted.Timestamp must be a timestamp (extension type -1)" },
        { "920991C0",                                      "PrivateMessage.From is nil" },
        { "92069192A161C0",                                "UsersJoined.UserNames[1] is nil" },
        { "9206919201A161",                                "UsersJoined.UserNames[0] must be a string" },
        { "920691A161",                                    "UsersJoined.UserNames must be an array" },
        { "92079191C0",                                    "UsersLeft.Departures[0] must be an array of fields" },
        { "92079191 91A161",                               "UsersLeft.Departures[0].Reason is missing" },
        { "920791929201C0 92A16101",                       "UsersLeft.Departures[0].UserName must be a string" },
        { "920B9305A161A3796573",                          "ErrorMessage.Fatal must be true or false" },
        { "92029801A161A16191A161A16191C000 00",           "Welcome.Recent[0] must be an array of fields" },
        { "92029801A161A16191A161A1619192 01 A161 00 00",  "Welcome.Recent[0].Text is missing" },
        { "92029701A161A16191A161A1619000",                "Welcome.MaxFrameLength is missing" },
        { "920E91C0",                                      "Goodbye.Text is nil" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void AMissingNilOrMistypedFieldIsAProtocolErrorNamingIt(string body, string named)
    {
        var ex = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(Hex.Parse(body)));

        Assert.Equal(ErrorCode.ProtocolViolation, ex.Code);
        Assert.Equal($"Received a malformed message: {named}.", ex.Message);
    }

    public static TheoryData<string> NotMessages => new()
    {
        "C0",                 // nil
        "0C",                 // a bare integer
        "A450696E67",         // a string
        "910C",               // [12]: no fields element
        "930C9101 01",        // [12, [1], 1]: three elements
        "81 0C 9101",         // {12: [1]}: a map
        "92A450696E679101",   // ["Ping", [1]]: the type is not an integer
        "92CF0000000100000000 90", // a type that does not fit in 32 bits
        "920191",             // truncated inside the fields
        "9201DD7FFFFFFF",     // an array header claiming 2^31 elements
        "9201 94 CF FFFFFFFFFFFFFFFF A161 A161 A161", // ProtocolVersion out of range for an int
    };

    [Theory]
    [MemberData(nameof(NotMessages))]
    public void BytesThatAreNotAMessageAreAProtocolError(string body)
    {
        var ex = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(Hex.Parse(body)));
        Assert.StartsWith("Received a malformed message: ", ex.Message);
    }

    public static TheoryData<string, string> FailuresInOurOwnWords => new()
    {
        // body (hex)                                      the whole error text
        { "",                                              "Received an empty frame: every frame holds one message." },
        { "920191",                                        "Received a malformed message: the message ends in the middle of Hello." },
        { "92019401A161A1",                                "Received a malformed message: the message ends in the middle of Hello.ClientName." },
        { "92CF0000000100000000 90",                       "Received a malformed message: the message type is out of range." },
        { "9201 94 CF FFFFFFFFFFFFFFFF A161 A161 A161",    "Received a malformed message: Hello.ProtocolVersion is out of range." },
        { "920C91 CF FFFFFFFFFFFFFFFF",                    "Received a malformed message: Ping.Token is out of range." },
        { "92059401A161A161D6FF000000",                    "Received a malformed message: the message ends in the middle of TextPosted.Timestamp." },
        { "920A92A161 C705FF0000000000",                   "Received a malformed message: ServerNotice.Timestamp is not a timestamp of 4, 8 or 12 bytes." },
        { "920E92A161 DD7FFFFFFF",                         "Received a malformed message: the message ends in the middle of Goodbye field 1." },
        { "92019401 DBFFFFFFFF",                           "Received a malformed message: Hello.UserName announces more bytes than the message holds." }, // a length MessagePack cannot slice
        { "920491 DBFFFFFFFF",                             "Received a malformed message: SendText.Text announces more bytes than the message holds." },
    };

    [Theory]
    [MemberData(nameof(FailuresInOurOwnWords))]
    public void DecodingFailuresAreDescribedInOurOwnWordsNamingTheField(string body, string text)
    {
        var ex = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(Hex.Parse(body)));

        Assert.Equal(ErrorCode.ProtocolViolation, ex.Code);
        Assert.Equal(text, ex.Message);
    }

    [Theory]
    [InlineData("920C9101 C0")]   // Ping, then a stray nil
    [InlineData("926391A161 01")] // an unknown type, then a stray integer
    public void BytesAfterTheEndOfTheMessageAreAProtocolError(string body)
    {
        var ex = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(Hex.Parse(body)));
        Assert.Equal("Received a malformed message: there are bytes after the end of the message.", ex.Message);
    }

    [Theory]
    [InlineData("9263 92A6667574757265 01")] // [99, ["future", 1]]
    [InlineData("92CD1000 C0")]              // [4096, nil]
    [InlineData("92FF 90")]                  // [-1, []]
    [InlineData("9200 81A161A162")]          // [0, {"a": "b"}]
    public void AnUnknownMessageTypeDecodesToNull(string body) =>
        Assert.Null(MessageSerializer.Decode(Hex.Parse(body)));

    [Fact]
    public void OmittedOptionalTrailingFieldsTakeTheirDefaults()
    {
        Assert.Equal(new SendText("a") { Kind = TextKind.Plain }, MessageSerializer.Decode(Hex.Parse("920491A161")));
        Assert.Equal(new SendPrivate("b", "a") { Kind = TextKind.Plain }, MessageSerializer.Decode(Hex.Parse("920892A162A161")));
        Assert.Equal(new ErrorMessage(ErrorCode.Kicked, "a") { Fatal = false }, MessageSerializer.Decode(Hex.Parse("920B920AA161")));
        Assert.Equal(new Goodbye(string.Empty), MessageSerializer.Decode(Hex.Parse("920E90")));

        var left = Assert.IsType<UsersLeft>(MessageSerializer.Decode(Hex.Parse("9207919192A16201")));
        Assert.Equal(new Departure("b", LeaveReason.Quit) { Text = string.Empty }, Assert.Single(left.Departures));

        var posted = Assert.IsType<TextPosted>(MessageSerializer.Decode(Hex.Parse("92059401A161A162D6FF00000000")));
        Assert.Equal(TextKind.Plain, posted.Kind);
    }

    [Fact]
    public void FieldsAddedByANewerPeerAreIgnored()
    {
        // Ping with a second field this version does not know: [12, [7, "extra", [1, 2]]]
        Assert.Equal(new Ping(7), MessageSerializer.Decode(Hex.Parse("920C9307A565787472619201 02")));
    }

    [Fact]
    public void EnumValuesFromANewerPeerArePassedThrough()
    {
        // A reason this version does not define (99) is still a rejection; the text explains it.
        var rejected = Assert.IsType<Rejected>(MessageSerializer.Decode(Hex.Parse("920392 63 A161")));
        Assert.Equal((RejectReason)99, rejected.Reason);
    }

    [Fact]
    public void DeepNestingInAKnownMessageIsAProtocolErrorNotACrash()
    {
        // Welcome.Recent holding an array nested 100 000 deep.
        var body = Hex.Parse("92029801A161A16191A161A16191")
            .Concat(Enumerable.Repeat((byte)0x91, 100_000)).Append((byte)0xC0)
            .Concat(Hex.Parse("0000")).ToArray();

        var ex = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(body));
        Assert.Contains("Welcome.Recent[0]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNestingInAnUnknownMessageIsSkippedNotACrash()
    {
        var body = Hex.Parse("9263").Concat(Enumerable.Repeat((byte)0x91, 1_000_000)).Append((byte)0xC0).ToArray();
        Assert.Null(MessageSerializer.Decode(body));
    }

    [Fact]
    public void DeepNestingInAnExtraFieldIsSkippedNotACrash()
    {
        var body = Hex.Parse("920C920791").Concat(Enumerable.Repeat((byte)0x91, 1_000_000)).Append((byte)0xC0).ToArray();
        Assert.Equal(new Ping(7), MessageSerializer.Decode(body));
    }

    [Fact]
    public void DecodingTheSameBytesTwiceGivesEqualMessages()
    {
        var body = MessageSerializer.ToBody(SampleMessages.Welcome);
        Assert.Equivalent(MessageSerializer.Decode(body), MessageSerializer.Decode(body), strict: true);
    }
}
