using System.Buffers;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Messages;

public class MessageRoundTripTests
{
    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void EveryMessageTypeSurvivesAFrameRoundTripWithEveryField(string typeName)
    {
        var message = SampleMessages.Named(typeName);

        var decoded = RoundTrip(message);

        Assert.IsType(message.GetType(), decoded);
        Assert.Equivalent(message, decoded, strict: true);
        Assert.Equal(MessageSerializer.ToFrame(message), MessageSerializer.ToFrame(decoded));
    }

    [Theory]
    [InlineData(TextKind.Plain)]
    [InlineData(TextKind.Action)]
    public void EveryTextKindSurvivesInEveryMessageThatCarriesOne(TextKind kind)
    {
        Assert.Equal(kind, RoundTrip(new SendText("x") { Kind = kind }).Kind);
        Assert.Equal(kind, RoundTrip(new SendPrivate("bob", "x") { Kind = kind }).Kind);
        Assert.Equal(kind, RoundTrip(new TextPosted(1, "a", "x", SampleMessages.WholeSecond) { Kind = kind }).Kind);
        Assert.Equal(kind, RoundTrip(new PrivateMessage("a", "b", "x", SampleMessages.WholeSecond) { Kind = kind }).Kind);
    }

    [Theory]
    [MemberData(nameof(RejectReasons))]
    public void EveryRejectReasonSurvives(RejectReason reason) =>
        Assert.Equal(new Rejected(reason, "no"), RoundTrip(new Rejected(reason, "no")));

    [Theory]
    [MemberData(nameof(LeaveReasons))]
    public void EveryLeaveReasonSurvives(LeaveReason reason)
    {
        var decoded = RoundTrip(new UsersLeft([new Departure("bob", reason) { Text = "why" }]));
        Assert.Equal(new Departure("bob", reason) { Text = "why" }, Assert.Single(decoded.Departures));
    }

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public void EveryErrorCodeSurvivesFatalOrNot(ErrorCode code)
    {
        Assert.Equal(new ErrorMessage(code, "e") { Fatal = true }, RoundTrip(new ErrorMessage(code, "e") { Fatal = true }));
        Assert.Equal(new ErrorMessage(code, "e") { Fatal = false }, RoundTrip(new ErrorMessage(code, "e") { Fatal = false }));
    }

    [Fact]
    public void EmptyListsAndEmptyStringsSurvive()
    {
        var welcome = RoundTrip(new Welcome(1, "a", "", [], "", [], 0, 0));
        Assert.Empty(welcome.Users);
        Assert.Empty(welcome.Recent);
        Assert.Equal(string.Empty, welcome.MessageOfTheDay);
        Assert.Empty(RoundTrip(new UsersJoined([])).UserNames);
        Assert.Empty(RoundTrip(new UsersLeft([])).Departures);
        Assert.Equal(new Goodbye(""), RoundTrip(new Goodbye()));
    }

    [Fact]
    public void TextOutsideAsciiSurvives()
    {
        const string text = "grüße, 你好, 👋🏽, \u200d";
        Assert.Equal(text, RoundTrip(new SendText(text)).Text);
    }

    [Fact]
    public void LongTextAndManyUsersSurvive()
    {
        var text = new string('x', 100_000);
        var users = Enumerable.Range(0, 5000).Select(i => $"user{i}").ToArray();
        Assert.Equal(text, RoundTrip(new SendText(text)).Text);
        Assert.Equal(users, RoundTrip(new UsersJoined(users)).UserNames);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(-1L)]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    public void PingTokensSurviveTheirWholeRange(long token)
    {
        Assert.Equal(new Ping(token), RoundTrip(new Ping(token)));
        Assert.Equal(new Pong(token), RoundTrip(new Pong(token)));
    }

    public static TheoryData<DateTime> Timestamps => new()
    {
        new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc),                        // the epoch: timestamp 32
        new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),                        // timestamp 32
        new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1),            // 100 ns: timestamp 64
        new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc),                        // past 2106: timestamp 64
        new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999), // before 1970: timestamp 96
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
        DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void TimestampsSurviveToTheTickAsUtc(DateTime timestamp)
    {
        var decoded = RoundTrip(new ServerNotice("n", timestamp)).Timestamp;

        Assert.Equal(timestamp.Ticks, decoded.Ticks);
        Assert.Equal(DateTimeKind.Utc, decoded.Kind);
    }

    [Fact]
    public void LocalTimestampsAreSentAsTheSameInstantInUtc()
    {
        var local = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Local);

        var decoded = RoundTrip(new ServerNotice("n", local)).Timestamp;

        Assert.Equal(local.ToUniversalTime(), decoded);
        Assert.Equal(DateTimeKind.Utc, decoded.Kind);
    }

    public static TheoryData<RejectReason> RejectReasons => new(Enum.GetValues<RejectReason>());

    public static TheoryData<LeaveReason> LeaveReasons => new(Enum.GetValues<LeaveReason>());

    public static TheoryData<ErrorCode> ErrorCodes => new(Enum.GetValues<ErrorCode>());

    /// <summary>Encodes into a frame and decodes it again, through the frame reader as a receiver would.</summary>
    private static T RoundTrip<T>(T message)
        where T : ChatMessage
    {
        var buffer = new ReadOnlySequence<byte>(MessageSerializer.ToFrame(message));
        Assert.True(FrameReader.TryReadFrame(ref buffer, int.MaxValue, out var body));
        Assert.True(buffer.IsEmpty);
        return Assert.IsAssignableFrom<T>(MessageSerializer.Decode(body));
    }
}
