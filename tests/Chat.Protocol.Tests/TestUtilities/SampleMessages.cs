namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>
/// One instance of every message type, every field set to something other than its default: the
/// version-2 shapes, rooms included. (The version-1 frames, without the version-2 optional fields,
/// are kept in <c>MessageGoldenBytesTests.EarlierRevisions</c>.)
/// </summary>
internal static class SampleMessages
{
    /// <summary>2026-01-02 03:04:05 UTC: whole seconds, so it is encoded as a 32-bit timestamp.</summary>
    public static readonly DateTime WholeSecond = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    /// <summary>2026-01-02 03:04:05.250 UTC: with a fraction, so it is encoded as a 64-bit timestamp.</summary>
    public static readonly DateTime WithFraction = new(2026, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc);

    public static Hello Hello => new(1, "alice", "Chat.Client.Tui", "1.0.0");

    public static Welcome Welcome => new(
        2,
        "alice",
        "ChatRoom",
        ["alice", "bob"],
        "Be nice.",
        [new TextPosted(7, "bob", "hi", WholeSecond) { Kind = TextKind.Action, Room = "#lobby" }],
        4000,
        32768)
    {
        UserCount = 2,
        MessageRate = 2.5,
        MessageBurst = 30,
        PingIntervalMilliseconds = 30_000,
        Room = "#lobby",
        Topic = "Say hi",
        AwayUsers = ["bob"],
        HistoryLimit = 200,
        HistoryEpoch = "e1",
        Registered = true,
        Registration = true,
    };

    public static Rejected Rejected => new(RejectReason.NameTaken, "The name \"alice\" is taken.");

    public static SendText SendText => new("hello") { Kind = TextKind.Plain, Room = "#dev" };

    public static TextPosted TextPosted => new(42, "alice", "hello", WithFraction) { Kind = TextKind.Plain, Room = "#dev" };

    public static UsersJoined UsersJoined => new(["carol", "dave"]) { Room = "#dev" };

    public static UsersLeft UsersLeft => new([
        new Departure("bob", LeaveReason.Quit) { Text = "bye" },
        new Departure("eve", LeaveReason.Kicked) { Text = "spam" },
    ])
    {
        Room = "#dev",
    };

    public static SendPrivate SendPrivate => new("bob", "psst") { Kind = TextKind.Action };

    public static PrivateMessage PrivateMessage => new("alice", "bob", "psst", WholeSecond) { Kind = TextKind.Plain, RecipientAway = "lunch", Id = 9 };

    public static ServerNotice ServerNotice => new("Restart at noon.", WholeSecond) { Room = "#dev" };

    public static ErrorMessage ErrorMessage => new(ErrorCode.NotInRoom, "You are not in #dev.") { Fatal = false, Room = "#dev", RequestId = 3 };

    public static Ping Ping => new(1234567890123);

    public static Pong Pong => new(-1);

    public static Goodbye Goodbye => new("bye");

    public static ServerShutdown ServerShutdown => new("Maintenance.");

    public static JoinRoom JoinRoom => new("#dev");

    public static RoomJoined RoomJoined => new(
        "#dev",
        "Rooms",
        ["alice", "bob"],
        [new TextPosted(3, "bob", "hi", WholeSecond) { Room = "#dev" }],
        2)
    {
        AwayUsers = ["bob"],
    };

    public static LeaveRoom LeaveRoom => new("#dev") { Text = "later" };

    public static RoomLeft RoomLeft => new("#dev", LeaveReason.Parted);

    public static ListRooms ListRooms => new();

    public static RoomList RoomList => new([new RoomInfo("#dev", 2, "Rooms"), new RoomInfo("#lobby", 5, "")]);

    public static SetTopic SetTopic => new("#dev", "Rooms");

    public static TopicChanged TopicChanged => new("#dev", "Rooms", "alice", WholeSecond);

    public static ChangeName ChangeName => new("alicia");

    public static UserRenamed UserRenamed => new("#dev", "alice", "alicia");

    public static SetAway SetAway => new("lunch");

    public static UserAway UserAway => new("#dev", "bob", "lunch");

    public static HistoryRequest HistoryRequest => new(3, "bob", 10, 20, 50) { Private = true };

    public static HistoryBatch HistoryBatch => new(3, "#dev", [new TextPosted(11, "bob", "hi", WholeSecond) { Room = "#dev" }], true)
    {
        Gap = true,
        Private = true,
        PrivateLines = [new PrivateMessage("bob", "alice", "psst", WholeSecond) { Id = 12 }],
    };

    public static SearchRequest SearchRequest => new(4, "#dev", "lunch*", 90, 20);

    public static SearchResults SearchResults => new(4, "#dev", [new TextPosted(80, "bob", "lunch?", WholeSecond) { Room = "#dev" }], true);

    public static RegisterName RegisterName => new(5, "hunter22");

    public static NameRegistered NameRegistered => new(5, "alice");

    public static OperatorRequest OperatorRequest => new(6, "ban bob 1h spam");

    public static OperatorReply OperatorReply => new(6, ["Banned bob for 1 hour: spam."]) { Failed = true };

    public static IReadOnlyList<ChatMessage> All =>
    [
        Hello, Welcome, Rejected, SendText, TextPosted, UsersJoined, UsersLeft, SendPrivate,
        PrivateMessage, ServerNotice, ErrorMessage, Ping, Pong, Goodbye, ServerShutdown,
        JoinRoom, RoomJoined, LeaveRoom, RoomLeft, ListRooms, RoomList, SetTopic, TopicChanged,
        ChangeName, UserRenamed, SetAway, UserAway, HistoryRequest, HistoryBatch, SearchRequest,
        SearchResults, RegisterName, NameRegistered, OperatorRequest, OperatorReply,
    ];

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var message in All)
            {
                data.Add(message.GetType().Name);
            }

            return data;
        }
    }

    public static ChatMessage Named(string typeName) => All.Single(m => m.GetType().Name == typeName);
}
