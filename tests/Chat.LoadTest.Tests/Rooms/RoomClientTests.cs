using System.Diagnostics;
using Chat.LoadTest.Clients;
using Chat.LoadTest.Measurement;
using Chat.LoadTest.Rooms;
using Chat.Protocol;

namespace Chat.LoadTest.Tests.Rooms;

/// <summary>A rooms client against a scripted server over TCP: what it says, and what it makes of what it hears.</summary>
public sealed class RoomClientTests : IAsyncDisposable
{
    private const int Tag = 1234;
    private static readonly RoomLayout Layout = new(Tag, rooms: 2, roomSize: 1); // client 0 in room 0, client 1 in room 1
    private readonly FakeChatServer _server = FakeChatServer.Start(TransportKind.Tcp);
    private readonly RoomProblems _roomProblems = new();
    private readonly RunProblems _problems = new();
    private readonly List<RoomClient> _clients = [];

    [Fact]
    public async Task SaysHelloInVersionTwoAndJoinsItsRoom()
    {
        var connecting = ConnectAsync(index: 0);
        var session = await _server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        await session.SendAsync(WelcomeFor(hello));
        var client = await connecting.WithTimeout();

        var joining = client.JoinRoomAsync(CancellationToken.None);
        var join = await session.ReceiveAsync<JoinRoom>();
        await session.SendAsync(new RoomJoined(join.Room, "", [hello.UserName], [], 1));
        var joined = await joining.WithTimeout();

        Assert.Equal(2, hello.ProtocolVersion);
        Assert.Equal(ClientFleet.UserName(Tag, 0), hello.UserName);
        Assert.False(hello.OmitPresence);
        Assert.Equal("#lt1234-r00000", join.Room);
        Assert.Equal(join.Room, joined.Room);
        Assert.Equal("#lobby", client.DefaultRoom);
        Assert.Equal((1, 1), (client.LobbyPresence, client.RoomPresence));
    }

    [Fact]
    public async Task RefusesAServerThatAnswersInVersionOne()
    {
        var connecting = ConnectAsync(index: 0);
        var session = await _server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        await session.SendAsync(FakeSession.WelcomeFor(hello) with { ProtocolVersion = 1, Room = "" }); // as a version-1 server answers

        var refused = await Assert.ThrowsAsync<ChatProtocolException>(() => connecting.WithTimeout());

        Assert.Contains("needs a server that speaks version 2", refused.Message);
    }

    [Fact]
    public async Task AJoinTheServerRefusesFails()
    {
        var (client, session) = await WelcomedAsync(index: 0);

        var joining = client.JoinRoomAsync(CancellationToken.None);
        var join = await session.ReceiveAsync<JoinRoom>();
        await session.SendAsync(new ErrorMessage(ErrorCode.RoomFull, "The room is full.") { Room = join.Room.ToUpperInvariant() });

        var refused = await Assert.ThrowsAsync<ChatException>(() => joining.WithTimeout());
        Assert.Contains("RoomFull", refused.Message);
    }

    [Fact]
    public async Task ChecksEveryLineOfItsRoomsAndCountsWhatReachesItFromOthers()
    {
        var (client, session) = await JoinedAsync(index: 0);
        var phase = new RoomPhase(Tag, new RoomLinePlan(Layout, linesPerRoom: 2, lobbyLines: 1));
        client.Use(phase);
        var plan = phase.Plan;
        foreach (var sequence in new[] { plan.RoomSequence(0, 0), plan.RoomSequence(0, 1), plan.LobbySequence(0), plan.RoomSequence(1, 0) })
        {
            phase.Stamps.Stamp(sequence, Stopwatch.GetTimestamp());
        }

        await session.SendAsync(Line(1, Layout.NameOf(0), plan.RoomSequence(0, 0)));
        await session.SendAsync(Line(1, "", plan.LobbySequence(0))); // "" is the default room
        await session.SendAsync(Line(1, Layout.NameOf(1), plan.RoomSequence(1, 0))); // a room client 0 is not in
        await session.SendAsync(Line(3, Layout.NameOf(0), plan.RoomSequence(0, 1))); // id 2 never came
        await session.SendAsync(new UsersJoined(["someone"]) { Room = Layout.NameOf(1) });
        await PingAsync(session); // the read loop has handled everything before the pong

        Assert.Equal((2, 1), (client.Checker!.RoomLinesReceived, client.Checker.LobbyLinesReceived));
        Assert.True(phase.RoomLinesDone.Remaining == 1 && phase.LobbyLinesDone.Remaining == 1); // client 1 has nothing yet
        Assert.Equal(1, _roomProblems.Count(LineVerdict.NotAMember));
        Assert.Equal(1, _roomProblems.Count(LineVerdict.Gap));
        Assert.Equal(1, _roomProblems.ForeignPresence);
        Assert.Equal(2, phase.RoomLatencies.Snapshot().Count);
        Assert.Equal(1, phase.LobbyLatencies.Snapshot().Count);
    }

    [Fact]
    public async Task KeepsTheUsersOfBothItsRooms()
    {
        var (client, session) = await JoinedAsync(index: 0);

        await session.SendAsync(new UsersJoined([ClientFleet.UserName(Tag, 1)]) { Room = "#LOBBY" });
        await PingAsync(session);
        var beforeLeaving = client.SeesEveryone(lobbyTarget: 2);
        await session.SendAsync(new UsersLeft([new Departure(ClientFleet.UserName(Tag, 1), LeaveReason.Quit)]) { Room = "#lobby" });
        await PingAsync(session);

        Assert.True(beforeLeaving);
        Assert.Equal(1, client.LobbyPresence);
        Assert.False(client.SeesEveryone(lobbyTarget: 2));
        Assert.Equal(0, _problems.UnwantedPresence);
    }

    public async ValueTask DisposeAsync()
    {
        // The server first: it aborts its sessions, so no client waits for a graceful close the script does not play.
        await _server.DisposeAsync();
        foreach (var client in _clients)
        {
            await client.DisposeAsync().WithTimeout();
        }
    }

    private static Welcome WelcomeFor(Hello hello) =>
        new(2, hello.UserName, FakeSession.ServerName, [hello.UserName], "", [], ProtocolInfo.DefaultMaxTextLength, ProtocolInfo.DefaultServerMaxFrameLength)
        {
            Room = "#lobby",
            UserCount = 1,
        };

    private static TextPosted Line(long id, string room, int sequence) =>
        new(id, "someone", LineText.Format(Tag, sequence, 40), DateTime.UtcNow) { Room = room };

    private static async Task PingAsync(FakeSession session)
    {
        await session.SendAsync(new Ping(77));
        Assert.Equal(77, (await session.ReceiveAsync<Pong>()).Token);
    }

    private async Task<RoomClient> ConnectAsync(int index)
    {
        var settings = new RoomClientSettings("127.0.0.1", _server.Port, ChatConnectionOptions.Default, "Chat.LoadTest.Tests", "1", 1, 0, true);
        var goal = new PresenceGoal(Layout.Clients);
        var client = await RoomClient.ConnectAsync(settings, Layout, index, hearsPresence: true, goal, _roomProblems, _problems, CancellationToken.None);
        _clients.Add(client);
        return client;
    }

    private async Task<(RoomClient Client, FakeSession Session)> WelcomedAsync(int index)
    {
        var connecting = ConnectAsync(index);
        var session = await _server.AcceptAsync();
        await session.SendAsync(WelcomeFor(await session.ReceiveAsync<Hello>()));
        return (await connecting.WithTimeout(), session);
    }

    private async Task<(RoomClient Client, FakeSession Session)> JoinedAsync(int index)
    {
        var (client, session) = await WelcomedAsync(index);
        var joining = client.JoinRoomAsync(CancellationToken.None);
        var join = await session.ReceiveAsync<JoinRoom>();
        await session.SendAsync(new RoomJoined(join.Room, "", [ClientFleet.UserName(Tag, index)], [], 1));
        await joining.WithTimeout();
        return (client, session);
    }
}
