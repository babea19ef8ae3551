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
        { "Hello", "0000002392019701A5616C696365AF436861742E436C69656E742E547569A5312E302E30C2A0A0" },
        { "Welcome", "000000709202DC001402A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919607A3626F62A26869D6FF695735A501A6236C6F626279CD0FA0CD800002CB40040000000000001ECD7530A6236C6F626279A653617920686991A3626F62CCC8A26531C2C3C3" },
        { "Rejected", "0000002092039301BA546865206E616D652022616C696365222069732074616B656E2EC0" },
        { "SendText", "0000000F920493A568656C6C6F00A423646576" },
        { "TextPosted", "000000209205962AA5616C696365A568656C6C6FD7FF3B9ACA00695735A500A423646576" },
        { "UsersJoined", "0000001492069292A56361726F6CA464617665A423646576" },
        { "UsersLeft", "0000001E9207929293A3626F6201A362796593A365766503A47370616DA423646576" },
        { "SendPrivate", "0000000D920893A3626F62A47073737401" },
        { "PrivateMessage", "00000020920997A5616C696365A3626F62A470737374D6FF695735A500A56C756E636809" },
        { "ServerNotice", "0000001F920A93B052657374617274206174206E6F6F6E2ED6FF695735A5A423646576" },
        { "ErrorMessage", "00000021920B960FB4596F7520617265206E6F7420696E20236465762EC2A42364657603C0" },
        { "Ping", "0000000C920C91CF0000011F71FB04CB" },
        { "Pong", "00000004920D91FF" },
        { "Goodbye", "00000007920E91A3627965" },
        { "ServerShutdown", "00000010920F91AC4D61696E74656E616E63652E" },
        { "JoinRoom", "00000008921091A423646576" },
        { "RoomJoined", "00000035921196A423646576A5526F6F6D7392A5616C696365A3626F62919603A3626F62A26869D6FF695735A500A4236465760291A3626F62" },
        { "LeaveRoom", "0000000E921292A423646576A56C61746572" },
        { "RoomLeft", "00000009921392A42364657606" },
        { "ListRooms", "00000003921490" },
        { "RoomList", "0000001B9215919293A42364657602A5526F6F6D7393A6236C6F62627905A0" },
        { "SetTopic", "0000000E921692A423646576A5526F6F6D73" },
        { "TopicChanged", "0000001A921794A423646576A5526F6F6D73A5616C696365D6FF695735A5" },
        { "ChangeName", "0000000B921892A6616C69636961A0" },
        { "UserRenamed", "00000015921993A423646576A5616C696365A6616C69636961" },
        { "SetAway", "00000009921A91A56C756E6368" },
        { "UserAway", "00000012921B93A423646576A3626F62A56C756E6368" },
        { "HistoryRequest", "0000000C921C9603A3626F620A1432C3" },
        { "HistoryBatch", "0000003C921D9703A42364657691960BA3626F62A26869D6FF695735A500A423646576C3C3C39197A3626F62A5616C696365A470737374D6FF695735A500A00C" },
        { "SearchRequest", "00000012921E9504A423646576A66C756E63682A5A14" },
        { "SearchResults", "00000024921F9404A423646576919650A3626F62A66C756E63683FD6FF695735A500A423646576C3" },
        { "RegisterName", "0000000D92209205A868756E7465723232" },
        { "NameRegistered", "0000000A92219205A5616C696365" },
        { "OperatorRequest", "0000001492229206AF62616E20626F62203168207370616D" },
        { "OperatorReply", "000000239223930691BC42616E6E656420626F6220666F72203120686F75723A207370616D2EC3" },
    };

    /// <summary>
    /// Frames as a peer wrote them before an optional field was appended: they still decode, the
    /// missing field taking its documented default. The version-1 frames (before the rooms) are
    /// the bytes a version-1 peer writes and reads to this day.
    /// </summary>
    public static TheoryData<string, ChatMessage> EarlierRevisions => new()
    {
        // Before Hello.NamePassword: six fields.
        { "0000002292019601A5616C696365AF436861742E436C69656E742E547569A5312E302E30C2A0", SampleMessages.Hello },
        // Before Welcome.Operator, Registered and Registration: seventeen fields.
        { "0000006D9202DC001102A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919607A3626F62A26869D6FF695735A501A6236C6F626279CD0FA0CD800002CB40040000000000001ECD7530A6236C6F626279A653617920686991A3626F62CCC8A26531", SampleMessages.Welcome with { Registered = false, Registration = false } },
        // Before Rejected.Until: two fields.
        { "0000001F92039201BA546865206E616D652022616C696365222069732074616B656E2E", SampleMessages.Rejected },
        // Before ErrorMessage.Until: five fields.
        { "00000020920B950FB4596F7520617265206E6F7420696E20236465762EC2A42364657603", SampleMessages.ErrorMessage },
        // Before ChangeName.NamePassword: one field.
        { "0000000A921891A6616C69636961", SampleMessages.ChangeName },
        // Before Hello.Password: five fields.
        { "0000002192019501A5616C696365AF436861742E436C69656E742E547569A5312E302E30C2", SampleMessages.Hello },
        // Before Hello.OmitPresence: four fields.
        { "0000002092019401A5616C696365AF436861742E436C69656E742E547569A5312E302E30", SampleMessages.Hello with { OmitPresence = false } },
        // Before Welcome.HistoryLimit and HistoryEpoch: fifteen fields.
        { "0000006692029F02A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919607A3626F62A26869D6FF695735A501A6236C6F626279CD0FA0CD800002CB40040000000000001ECD7530A6236C6F626279A653617920686991A3626F62", SampleMessages.Welcome with { HistoryLimit = 0, HistoryEpoch = string.Empty, Registered = false, Registration = false } },
        // Before PrivateMessage.Id: six fields.
        { "0000001F920996A5616C696365A3626F62A470737374D6FF695735A500A56C756E6368", SampleMessages.PrivateMessage with { Id = 0 } },
        // Before ErrorMessage.RequestId: four fields.
        { "0000001F920B940FB4596F7520617265206E6F7420696E20236465762EC2A423646576", SampleMessages.ErrorMessage with { RequestId = 0 } },
        // Before Welcome.UserCount: eight fields.
        { "0000003E92029801A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919507A3626F62A26869D6FF695735A501CD0FA0CD8000", VersionOneWelcome with { UserCount = 0, MessageRate = 0, MessageBurst = 0, PingIntervalMilliseconds = 0 } },
        // Before Welcome.MessageRate, MessageBurst and PingIntervalMilliseconds: nine fields.
        { "0000003F92029901A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919507A3626F62A26869D6FF695735A501CD0FA0CD800002", VersionOneWelcome with { MessageRate = 0, MessageBurst = 0, PingIntervalMilliseconds = 0 } },

        // Version 1, before the rooms: the frames a version-1 peer writes (and a version-1 server sends).
        // Welcome: twelve fields, no Room, Topic or AwayUsers; its recent line without a Room.
        { "0000004C92029C01A5616C696365A843686174526F6F6D92A5616C696365A3626F62A84265206E6963652E919507A3626F62A26869D6FF695735A501CD0FA0CD800002CB40040000000000001ECD7530", VersionOneWelcome },
        // SendText without Room: said in the default room.
        { "0000000A920492A568656C6C6F00", SampleMessages.SendText with { Room = string.Empty } },
        // TextPosted without Room: a line of the default room.
        { "0000001B9205952AA5616C696365A568656C6C6FD7FF3B9ACA00695735A500", SampleMessages.TextPosted with { Room = string.Empty } },
        // UsersJoined and UsersLeft without Room.
        { "0000000F92069192A56361726F6CA464617665", SampleMessages.UsersJoined with { Room = string.Empty } },
        { "000000199207919293A3626F6201A362796593A365766503A47370616D", SampleMessages.UsersLeft with { Room = string.Empty } },
        // PrivateMessage without RecipientAway.
        { "00000019920995A5616C696365A3626F62A470737374D6FF695735A500", SampleMessages.PrivateMessage with { RecipientAway = string.Empty, Id = 0 } },
        // ServerNotice without Room: to the whole server.
        { "0000001A920A92B052657374617274206174206E6F6F6E2ED6FF695735A5", SampleMessages.ServerNotice with { Room = string.Empty } },
        // ErrorMessage without Room.
        { "0000001A920B9305B44E6F2075736572206E616D656420227A6564222EC2", new ErrorMessage(ErrorCode.UnknownUser, "No user named \"zed\".") },
    };

    /// <summary>The sample welcome as a version-1 server sends it: version 1, none of the version-2 fields.</summary>
    private static Welcome VersionOneWelcome => SampleMessages.Welcome with
    {
        ProtocolVersion = 1,
        Recent = [SampleMessages.Welcome.Recent[0] with { Room = string.Empty }],
        Room = string.Empty,
        Topic = string.Empty,
        AwayUsers = [],
        HistoryLimit = 0,
        HistoryEpoch = string.Empty,
        Registered = false,
        Registration = false,
    };

    [Theory]
    [MemberData(nameof(EarlierRevisions))]
    public void DecodesWhatAnEarlierRevisionWrote(string hex, ChatMessage expected) =>
        Assert.Equivalent(expected, DecodeFrame(Hex.Parse(hex)), strict: true);

    [Fact]
    public void AnOptedOutHelloEndsInTrue()
    {
        var frame = Hex.Format(MessageSerializer.ToFrame(SampleMessages.Hello with { OmitPresence = true }));

        Assert.Equal(Goldens.Single(row => (string)row[0] == "Hello")[1].ToString()![..^6] + "C3A0A0", frame);
    }

    [Fact]
    public void AHelloWithAPasswordEndsInIt()
    {
        var frame = Hex.Format(MessageSerializer.ToFrame(SampleMessages.Hello with { Password = "s3cret" }));

        // The prefix grows by the six bytes of the password; the field before NamePassword is the string "s3cret".
        Assert.Equal("00000029" + Goldens.Single(row => (string)row[0] == "Hello")[1].ToString()![8..^4] + "A6733363726574A0", frame);
    }

    [Fact]
    public void AHelloWithANamePasswordEndsInIt()
    {
        var frame = Hex.Format(MessageSerializer.ToFrame(SampleMessages.Hello with { NamePassword = "s3cret" }));

        // The last field is the string "s3cret", after the empty server password.
        Assert.Equal("00000029" + Goldens.Single(row => (string)row[0] == "Hello")[1].ToString()![8..^2] + "A6733363726574", frame);
    }

    [Fact]
    public void ABanSaysWhenItEndsAsATimestamp()
    {
        var rejected = new Rejected(RejectReason.Banned, "Banned: spam.") { Until = SampleMessages.WholeSecond };
        const string hex = "0000001892039308AD42616E6E65643A207370616D2ED6FF695735A5";

        Assert.Equal(hex, Hex.Format(MessageSerializer.ToFrame(rejected)));
        Assert.Equivalent(rejected, DecodeFrame(Hex.Parse(hex)), strict: true);
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
    public void NoMessagesTextShowsANamePassword()
    {
        string[] texts =
        [
            (SampleMessages.Hello with { NamePassword = "s3cret" }).ToString(),
            (SampleMessages.ChangeName with { NamePassword = "s3cret" }).ToString(),
            new RegisterName(1, "s3cret").ToString(),
        ];

        Assert.All(texts, text => Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.Contains("assword = (given)", text, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryMessageTypeHasAGolden()
    {
        var covered = Goldens.Select(row => (string)row[0]).ToHashSet();
        var all = typeof(ChatMessage).Assembly.GetTypes()
            // Reconnecting and Reconnected are made by ChatClient for its application and never go on the wire.
            .Where(t => t.IsSubclassOf(typeof(ChatMessage)) && !t.IsAbstract && !t.IsAssignableTo(typeof(IClientMadeMessage)))
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
            00 00 00 22                  # frame prefix: body length 34
            92                           # fixarray of 2
            05                           # positive fixint 5: MessageIds.TextPosted
            96                           # fixarray of 6: TextPosted's fields
            2A                           # [0] Id: positive fixint 42
            A5 61 6C 69 63 65            # [1] Author: fixstr "alice"
            A5 68 65 6C 6C 6F            # [2] Text: fixstr "hello"
            D7 FF                        # [3] Timestamp: fixext 8, type -1 (timestamp)
            3B 9A CA 00 69 57 35 A5      #     (250000000 << 34) | 1767323045
            00                           # [4] Kind: positive fixint 0 = Plain
            A6 23 6C 6F 62 62 79         # [5] Room: fixstr "#lobby"
            """);

        var message = new TextPosted(42, "alice", "hello", new DateTime(2026, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc)) { Kind = TextKind.Plain, Room = "#lobby" };
        Assert.Equal(expected, MessageSerializer.ToFrame(message));
        Assert.Equal(message, DecodeFrame(expected));
    }

    [Fact]
    public void AVersionOneTextPostedWrittenByHandIsALineOfTheDefaultRoom()
    {
        var versionOne = Hex.Parse("""
            00 00 00 1B                  # frame prefix: body length 27
            92 05 95                     # [5, [ five fields ]]: TextPosted as version 1 wrote it
            2A                           # [0] Id: 42
            A5 61 6C 69 63 65            # [1] Author: "alice"
            A5 68 65 6C 6C 6F            # [2] Text: "hello"
            D7 FF 3B 9A CA 00 69 57 35 A5 # [3] Timestamp: 2026-01-02T03:04:05.250Z
            00                           # [4] Kind: Plain; no Room: the default room
            """);

        var decoded = Assert.IsType<TextPosted>(DecodeFrame(versionOne));

        Assert.Equal(new TextPosted(42, "alice", "hello", new DateTime(2026, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc)), decoded);
        Assert.Equal(string.Empty, decoded.Room);
    }

    [Fact]
    public void WholeSecondTimestampsUseThe32BitForm()
    {
        var expected = Hex.Parse("""
            00 00 00 0E                  # body length 14
            92 0A 93                     # [10, [ ... ]]: ServerNotice, three fields
            A3 6E 65 77                  # Text: "new"
            D6 FF 69 57 35 A5            # Timestamp: fixext 4, type -1, seconds 1767323045
            A0                           # Room: "" (the whole server)
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
