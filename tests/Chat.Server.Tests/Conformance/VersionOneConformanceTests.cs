using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Conformance;

/// <summary>
/// A version-1 client, speaking the version-1 frames byte for byte (the golden frames of
/// tests/Chat.Protocol.Tests), keeps working in the default room beside version-2 users
/// (docs/protocol.md, R7.17).
/// </summary>
public class VersionOneConformanceTests
{
    /// <summary><c>Hello(1, "alice", "Chat.Client.Tui", "1.0.0")</c> with its password, as version 1 encodes it.</summary>
    private const string VersionOneHello = "0000002292019601A5616C696365AF436861742E436C69656E742E547569A5312E302E30C2A0";

    /// <summary><c>SendText("hello", Plain)</c>: two fields, no room.</summary>
    private const string VersionOneSendText = "0000000A920492A568656C6C6F00";

    /// <summary><c>JoinRoom("#dev")</c>, id 16: a message version 1 does not have.</summary>
    private const string JoinRoomFrame = "00000008921091A423646576";

    [Fact]
    [Trait("ProtocolRule", "R7.17")]
    public async Task AVersionOneClientChatsInTheDefaultRoomWithVersionTwoUsers()
    {
        await using var server = TestServer.Start();
        await using var bob = await server.JoinRawAsync("bob");
        await using var alice = await server.ConnectRawAsync();

        var welcome = await VersionOneHelloAsync(alice);

        Assert.Equal((1, "alice"), (welcome.ProtocolVersion, welcome.UserName));
        Assert.Equal(["alice", "bob"], welcome.Users.Order(UserNameRules.Comparer));
        Assert.Equal(string.Empty, welcome.Room); // version-2 fields stay empty for version 1

        await alice.SendBytesAsync(Convert.FromHexString(VersionOneSendText));
        var atBob = await bob.ReceiveAsync<TextPosted>();
        Assert.Equal(("alice", "hello", "#lobby"), (atBob.Author, atBob.Text, atBob.Room));
        Assert.Equal(atBob, await alice.ReceiveAsync<TextPosted>()); // the same frame for both

        await bob.SendAsync(new SendText("hi alice"));
        Assert.Equal("hi alice", (await alice.ReceiveAsync<TextPosted>()).Text);
        await bob.SendAsync(new SendPrivate("alice", "psst"));
        Assert.Equal("psst", (await alice.ReceiveAsync<PrivateMessage>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.17")]
    public async Task AVersionOneClientReceivesNothingOfOtherRoomsNorAnyVersionTwoMessage()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectRawAsync();
        await VersionOneHelloAsync(alice);
        await using var bob = await server.JoinRawAsync("bob");
        await alice.ReceiveAsync<UsersJoined>();

        await bob.JoinRoomAsync("#dev");
        await bob.SayAsync("#dev", "only for dev");
        await bob.SendAsync(new SetTopic("#lobby", "a topic"));
        await bob.ReceiveAsync<TopicChanged>();
        await bob.SendAsync(new SetAway("away"));
        await bob.ReceiveAsync<UserAway>(a => a.Room == "#lobby");
        await bob.ReceiveAsync<UserAway>(a => a.Room == "#dev");
        await new OperatorConsole(server.Server, TextWriter.Null, OperatorConsole.StandardInputActor).ExecuteAsync("say #dev dev notice");
        await bob.ReceiveAsync<ServerNotice>();
        await bob.SayAsync("#lobby", "marker");

        var seen = await alice.UntilLineAsync("marker");

        Assert.All(seen, message => Assert.True(
            message is TextPosted { Room: "#lobby" } or UsersJoined { Room: "#lobby" } or UsersLeft { Room: "#lobby" },
            $"A version-1 client received {message}."));
        Assert.Equal(["marker"], seen.OfType<TextPosted>().Select(line => line.Text));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.17")]
    public async Task ARenameReachesAVersionOneClientAsADepartureAndAJoin()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectRawAsync();
        await VersionOneHelloAsync(alice);
        await using var bob = await server.JoinRawAsync("bob");
        await alice.ReceiveAsync<UsersJoined>();

        await bob.SendAsync(new ChangeName("robert"));
        await bob.ReceiveAsync<UserRenamed>();
        await bob.SayAsync("#lobby", "marker");

        var seen = await alice.UntilLineAsync("marker");

        Assert.Collection(
            seen,
            m => Assert.Equal(
                new UsersLeft([new Departure("bob", LeaveReason.Renamed) { Text = "robert" }]) { Room = "#lobby" },
                m, new UsersLeftComparer()),
            m => Assert.Equal(["robert"], Assert.IsType<UsersJoined>(m).UserNames),
            m => Assert.Equal(("robert", "marker"), (((TextPosted)m).Author, ((TextPosted)m).Text)));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.17")]
    public async Task AVersionTwoMessageFromAVersionOneClientIsSkippedAsAnUnknownId()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectRawAsync();
        await VersionOneHelloAsync(alice);

        await alice.SendBytesAsync(Convert.FromHexString(JoinRoomFrame));
        await alice.SendBytesAsync(Convert.FromHexString(VersionOneSendText));

        var line = await alice.ReceiveAsync<TextPosted>();
        Assert.Equal(("hello", "#lobby"), (line.Text, line.Room));
        Assert.Null(server.Server.Rooms.Find("#dev"));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.45")]
    public async Task AVersionOneSenderIsToldInWordsThatTheRecipientIsAway()
    {
        await using var server = TestServer.Start();
        await using var bob = await server.JoinRawAsync("bob");
        await bob.SendAsync(new SetAway("on holiday"));
        await bob.ReceiveAsync<UserAway>();
        await using var alice = await server.ConnectRawAsync();
        await VersionOneHelloAsync(alice);

        await alice.SendAsync(new SendPrivate("bob", "hello?"));

        Assert.Equal("on holiday", (await alice.ReceiveAsync<PrivateMessage>()).RecipientAway);
        Assert.Equal("bob is away: on holiday", (await alice.ReceiveAsync<ServerNotice>()).Text);
    }

    private static async Task<Welcome> VersionOneHelloAsync(RawClient client)
    {
        await client.SendBytesAsync(Convert.FromHexString(VersionOneHello));
        return Assert.IsType<Welcome>(await client.ReceiveAsync());
    }

    private sealed class UsersLeftComparer : IEqualityComparer<ChatMessage>
    {
        public bool Equals(ChatMessage? x, ChatMessage? y) =>
            x is UsersLeft a && y is UsersLeft b && a.Room == b.Room && a.Departures.SequenceEqual(b.Departures);

        public int GetHashCode(ChatMessage obj) => 0;
    }
}
