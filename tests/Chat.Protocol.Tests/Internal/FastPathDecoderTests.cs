using System.Buffers;
using Chat.Protocol.Internal;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Internal;

/// <summary>
/// The one-pass decoder of common messages must decode exactly what the general, checking path
/// decodes, and leave everything unusual to it.
/// </summary>
public class FastPathDecoderTests
{
    public static TheoryData<string> CommonMessages => new()
    {
        nameof(Welcome), nameof(TextPosted), nameof(UsersJoined), nameof(UsersLeft), nameof(PrivateMessage),
    };

    public static IEnumerable<object[]> Variants()
    {
        yield return [SampleMessages.Welcome];
        yield return [SampleMessages.Welcome with { Users = [], Recent = [] }];
        yield return [SampleMessages.Welcome with { Users = [], UserCount = 10_000 }];
        yield return [SampleMessages.Welcome with { Users = [.. Enumerable.Range(0, 5000).Select(i => $"user{i}")] }];
        yield return [SampleMessages.TextPosted];
        yield return [SampleMessages.TextPosted with { Kind = TextKind.Action, Id = long.MaxValue, Timestamp = DateTime.MinValue.ToUniversalTime() }];
        yield return [SampleMessages.TextPosted with { Text = "zoë 名前 🙂", Author = "名前" }];
        yield return [SampleMessages.TextPosted with { Timestamp = new DateTime(2500, 1, 1, 0, 0, 0, 1, DateTimeKind.Utc) }];
        yield return [SampleMessages.TextPosted with { Author = new string('a', 300), Text = new string('b', 70_000) }];
        yield return [SampleMessages.UsersJoined];
        yield return [new UsersJoined([])];
        yield return [SampleMessages.UsersLeft];
        yield return [new UsersLeft([new Departure("bob", (LeaveReason)77) { Text = string.Empty }])];
        yield return [SampleMessages.PrivateMessage];
        yield return [SampleMessages.PrivateMessage with { Kind = (TextKind)9 }];
        yield return [SampleMessages.PrivateMessage with { RecipientAway = string.Empty }];
        yield return [SampleMessages.Welcome with { Room = string.Empty, Topic = string.Empty, AwayUsers = [] }];
        yield return [SampleMessages.Welcome with { AwayUsers = [.. Enumerable.Range(0, 100).Select(i => $"user{i}")], Topic = "zoë 🙂" }];
        yield return [SampleMessages.TextPosted with { Room = "#" + new string('r', 32) }];
        yield return [SampleMessages.UsersLeft with { Room = string.Empty }];
    }

    /// <summary>
    /// Bodies as a version-1 peer writes them, without the version-2 optional fields (the rooms,
    /// <see cref="PrivateMessage.RecipientAway"/>, the welcome's topic and away users): the fast
    /// path decodes them too, to exactly what the general path makes of them.
    /// </summary>
    public static TheoryData<string> VersionOneBodies => new()
    {
        "92029C01A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919507A3626F62A26869D6FF695735A501CD0FA0CD800002CB40040000000000001ECD7530", // Welcome
        "92029801A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919507A3626F62A26869D6FF695735A501CD0FA0CD8000", // Welcome, eight fields
        "9205952AA5616C696365A568656C6C6FD7FF3B9ACA00695735A500", // TextPosted
        "9205942AA5616C696365A568656C6C6FD7FF3B9ACA00695735A5",   // TextPosted without Kind
        "92069192A56361726F6CA464617665",                         // UsersJoined
        "9207919293A3626F6201A362796593A365766503A47370616D",     // UsersLeft
        "920995A5616C696365A3626F62A470737374D6FF695735A500",     // PrivateMessage
    };

    [Theory]
    [MemberData(nameof(VersionOneBodies))]
    public void DecodesAVersionOneBodyExactlyAsTheGeneralPathDoes(string hex)
    {
        var body = Hex.Parse(hex);

        Assert.True(FastPathDecoder.TryDecode(new ReadOnlySequence<byte>(body), out var fast));
        var general = MessageSerializer.DecodeChecked(new ReadOnlySequence<byte>(body));

        Assert.NotNull(fast);
        Assert.Equivalent(general, fast, strict: true);
        Assert.Equivalent(general, FastPathDecoder.TryDecode(Segments.Of(body, [.. Enumerable.Repeat(1, body.Length - 1)]), out var segmented) ? segmented : null, strict: true);
    }

    [Fact]
    public void RoomNamesComeFromTheCache()
    {
        var line = Assert.IsType<TextPosted>(MessageSerializer.Decode(MessageSerializer.ToBody(SampleMessages.TextPosted with { Room = "#cached-room" })));
        var joined = Assert.IsType<UsersJoined>(MessageSerializer.Decode(MessageSerializer.ToBody(SampleMessages.UsersJoined with { Room = "#cached-room" })));

        Assert.Equal("#cached-room", line.Room);
        Assert.Same(line.Room, joined.Room);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void DecodesExactlyWhatTheGeneralPathDecodes(ChatMessage message)
    {
        var body = MessageSerializer.ToBody(message);

        Assert.True(FastPathDecoder.TryDecode(new ReadOnlySequence<byte>(body), out var fast));
        var general = MessageSerializer.DecodeChecked(new ReadOnlySequence<byte>(body));

        Assert.Equivalent(general, fast, strict: true);
        Assert.Equivalent(message, fast, strict: true);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void DecodesTheSameWhenTheBodyArrivesOneByteASegment(ChatMessage message)
    {
        var body = MessageSerializer.ToBody(message);
        var sequence = Segments.Of(body, [.. Enumerable.Repeat(1, body.Length - 1)]);

        Assert.True(FastPathDecoder.TryDecode(sequence, out var fast));
        Assert.Equivalent(message, fast, strict: true);
    }

    [Fact]
    public void UserNamesDecodedTwiceAreTheSameStrings()
    {
        var body = MessageSerializer.ToBody(new TextPosted(1, "carol-the-author", "hi", SampleMessages.WholeSecond));

        var first = Assert.IsType<TextPosted>(MessageSerializer.Decode(body));
        var second = Assert.IsType<TextPosted>(MessageSerializer.Decode(body));

        Assert.Same(first.Author, second.Author);
        Assert.NotSame(first.Text, second.Text);
    }

    [Fact]
    public void EveryNameInAWelcomeAndInPresenceNoticesComesFromTheCache()
    {
        var welcome = Assert.IsType<Welcome>(MessageSerializer.Decode(MessageSerializer.ToBody(
            SampleMessages.Welcome with { UserName = "dora", Users = ["dora", "erin"] })));
        var joined = Assert.IsType<UsersJoined>(MessageSerializer.Decode(MessageSerializer.ToBody(new UsersJoined(["erin"]))));
        var left = Assert.IsType<UsersLeft>(MessageSerializer.Decode(MessageSerializer.ToBody(
            new UsersLeft([new Departure("dora", LeaveReason.Quit) { Text = "" }]))));
        var dm = Assert.IsType<PrivateMessage>(MessageSerializer.Decode(MessageSerializer.ToBody(
            new PrivateMessage("erin", "dora", "hi", SampleMessages.WholeSecond))));

        Assert.Same(welcome.UserName, welcome.Users[0]);
        Assert.Same(welcome.Users[1], joined.UserNames[0]);
        Assert.Same(welcome.UserName, left.Departures[0].UserName);
        Assert.Same(joined.UserNames[0], dm.From);
        Assert.Same(welcome.UserName, dm.To);
    }

    public static TheoryData<string> LeftToTheGeneralPath => new()
    {
        "920C9101",                          // Ping: not a common message
        "9205C0",                            // TextPosted: nil instead of fields
        "92059401A161A161D60500000000",      // TextPosted: a timestamp of the wrong extension type
        "92059301A161A161",                  // TextPosted: the timestamp missing
        "92059701A161A161D6FF0000000000A0 01", // TextPosted: a seventh field from a newer peer
        "92059601A161A161D6FF0000000000 01", // TextPosted: a Room that is not a string
        "9206929190 C0",                     // UsersJoined: a nil Room
        "920998A161A161A161D6FF0000000000 A0 01 01", // PrivateMessage: an eighth field from a newer peer
        "92069192A161C0",                    // UsersJoined: a nil name
        "920691A161",                        // UsersJoined: not an array
        "9207919191A161",                    // UsersLeft: a departure without its reason
        "9207919192A16201 C0",               // UsersLeft: bytes after the end
        "920991C0",                          // PrivateMessage: a nil sender
        "92029701A161A16191A161A1619000",    // Welcome: MaxFrameLength missing
        "9205 94 CF FFFFFFFFFFFFFFFF A161 A161 D6FF00000000", // TextPosted: an id too large for a long
        "9205",                              // truncated
        "",                                  // nothing
    };

    [Theory]
    [MemberData(nameof(LeftToTheGeneralPath))]
    public void LeavesAnythingUnusualToTheGeneralPath(string hex)
    {
        Assert.False(FastPathDecoder.TryDecode(new ReadOnlySequence<byte>(Hex.Parse(hex)), out var message));
        Assert.Null(message);
    }
}
