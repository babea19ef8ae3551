using System.Globalization;
using Chat.Protocol;

namespace Chat.Benchmarks.Messages;

/// <summary>
/// One realistic instance of every message type, by name: 80-byte lines, user names of a few
/// characters, a welcome as a room of 100 with the server's default 50 lines of history, and a
/// presence notice both for one user and for a coalesced batch of 1,000.
/// </summary>
internal static class SampleMessages
{
    /// <summary>An 80-character line, the size the load test uses.</summary>
    public const string Line = "the quick brown fox jumps over the lazy dog while the room reads along, line 42.";

    private static readonly DateTime At = new(2026, 1, 15, 12, 30, 45, DateTimeKind.Utc);

    /// <summary>Every sample, by name.</summary>
    public static IReadOnlyDictionary<string, ChatMessage> All { get; } = Build();

    /// <summary>The names of <see cref="All"/>, for <c>[ParamsSource]</c>.</summary>
    public static IEnumerable<string> Names => All.Keys;

    /// <summary>A line as the server posts it to the room.</summary>
    public static TextPosted Posted(long id) => new(id, "alice", Line, At);

    private static Dictionary<string, ChatMessage> Build()
    {
        var users = UserNames("user", 100);
        var history = Enumerable.Range(1, 50).Select(i => Posted(i)).ToArray();
        return new Dictionary<string, ChatMessage>(StringComparer.Ordinal)
        {
            ["Hello"] = new Hello(ProtocolInfo.Version, "alice", "Chat.Client.Tui", "1.0.0"),
            ["Welcome"] = new Welcome(
                ProtocolInfo.Version, "alice", "ChatRoom", users, "Be kind.", history, ProtocolInfo.DefaultMaxTextLength, ProtocolInfo.DefaultServerMaxFrameLength),
            ["Rejected"] = new Rejected(RejectReason.NameTaken, "The name alice is taken; choose another."),
            ["SendText"] = new SendText(Line),
            ["TextPosted"] = Posted(123_456),
            ["UsersJoined(1)"] = new UsersJoined(["alice"]),
            ["UsersJoined(1000)"] = new UsersJoined(UserNames("user", 1000)),
            ["UsersLeft(1)"] = new UsersLeft([new Departure("alice", LeaveReason.Quit) { Text = "bye" }]),
            ["SendPrivate"] = new SendPrivate("bob", Line),
            ["PrivateMessage"] = new PrivateMessage("alice", "bob", Line, At),
            ["ServerNotice"] = new ServerNotice("The server restarts at midnight.", At),
            ["ErrorMessage"] = new ErrorMessage(ErrorCode.RateLimited, "You are sending too fast; wait a moment."),
            ["Ping"] = new Ping(42),
            ["Pong"] = new Pong(42),
            ["Goodbye"] = new Goodbye("see you"),
            ["ServerShutdown"] = new ServerShutdown("The server is shutting down."),
        };
    }

    private static string[] UserNames(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => prefix + i.ToString("D4", CultureInfo.InvariantCulture)).ToArray();
}
