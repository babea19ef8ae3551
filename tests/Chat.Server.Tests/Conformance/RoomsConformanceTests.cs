using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Conformance;

/// <summary>Protocol version 2: rooms, over real TCP (docs/protocol.md, R7.15-R7.18, R7.40-R7.47, R8.8, R8.9).</summary>
public class RoomsConformanceTests
{
    [Fact]
    [Trait("ProtocolRule", "R7.15")]
    public async Task EveryConnectionStartsInTheDefaultRoomAndItsWelcomeDescribesIt()
    {
        await using var server = TestServer.Start(o => o with { DefaultRoom = "#Main" });
        await using var alice = await server.JoinRawAsync("alice");
        await using var bob = await server.ConnectRawAsync();

        var welcome = await bob.JoinAsync("bob");

        Assert.Equal(2, welcome.ProtocolVersion);
        Assert.Equal("#Main", welcome.Room);
        Assert.Equal(string.Empty, welcome.Topic);
        Assert.Equal(["alice", "bob"], welcome.Users.Order(UserNameRules.Comparer));
        Assert.Equal(2, welcome.UserCount);
        Assert.Empty(welcome.AwayUsers);
        Assert.Equal(["alice", "bob"], server.Server.DefaultRoom.Users());
    }

    [Fact]
    [Trait("ProtocolRule", "R7.15")]
    public async Task AFullDefaultRoomRejectsTheHelloSayingSo()
    {
        await using var server = TestServer.Start(o => o with { MaxRoomMembers = 1 });
        await using var alice = await server.JoinRawAsync("alice");
        await using var bob = await server.ConnectRawAsync();

        var rejected = Assert.IsType<Rejected>(await bob.HelloAsync("bob"));

        Assert.Equal(RejectReason.ServerFull, rejected.Reason);
        Assert.StartsWith("#lobby is full", rejected.Text, StringComparison.Ordinal);

        // The refused name is free again.
        await alice.SendAsync(new SendPrivate("bob", "there?"));
        Assert.Equal(ErrorCode.UnknownUser, (await alice.ReceiveAsync<ErrorMessage>()).Code);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.16")]
    public async Task EveryRoomScopedMessageCarriesItsRoom()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await using var bob = await server.JoinRawAsync("bob");

        Assert.Equal("#lobby", (await alice.ReceiveAsync<UsersJoined>()).Room);
        await bob.JoinRoomAsync("#dev");
        Assert.Equal("#dev", (await alice.ReceiveAsync<UsersJoined>()).Room);
        Assert.Equal("#lobby", (await alice.SayAsync(string.Empty, "in the lobby")).Room);
        Assert.Equal("#dev", (await alice.SayAsync("#dev", "in dev")).Room);

        var console = new OperatorConsole(server.Server, TextWriter.Null, OperatorConsole.StandardInputActor);
        await console.ExecuteAsync("say #dev to dev");
        Assert.Equal("#dev", (await alice.ReceiveAsync<ServerNotice>()).Room);
        await console.ExecuteAsync("say to everyone");
        Assert.Equal(string.Empty, (await alice.ReceiveAsync<ServerNotice>()).Room);

        await alice.SendAsync(new SendText(new string('x', server.Server.Options.MaxTextLength + 1)) { Room = "#dev" });
        var error = await alice.ReceiveAsync<ErrorMessage>();
        Assert.Equal((ErrorCode.TextTooLong, "#dev"), (error.Code, error.Room));

        await bob.SendAsync(new LeaveRoom("#dev"));
        Assert.Equal("#dev", (await alice.ReceiveAsync<UsersLeft>()).Room);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.18")]
    public async Task EachRoomNumbersItsOwnLinesAndNeverReusesAnId()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#a");
        await alice.JoinRoomAsync("#b");

        var ids = new List<(string Room, long Id)>();
        foreach (var (room, text) in new[] { ("#a", "a1"), ("#b", "b1"), ("#a", "a2"), ("#lobby", "l1"), ("#b", "b2"), ("#a", "a3") })
        {
            var line = await alice.SayAsync(room, text);
            ids.Add((line.Room, line.Id));
        }

        Assert.Equal([("#a", 1), ("#b", 1), ("#a", 2), ("#lobby", 1), ("#b", 2), ("#a", 3)], ids);

        // #a is a user's room: it vanishes when its last member leaves, and a new #a goes on after its ids.
        await alice.SendAsync(new LeaveRoom("#a"));
        await alice.ReceiveAsync<RoomLeft>();
        var again = await alice.JoinRoomAsync("#a");
        Assert.Empty(again.Recent);
        Assert.True((await alice.SayAsync("#a", "a again")).Id > 3);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.40")]
    public async Task JoiningARoomAnswersWithItsStateAndTellsItsMembers()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await alice.SayAsync("#dev", "first");
        await using var bob = await server.JoinRawAsync("bob");
        await alice.ReceiveAsync<UsersJoined>(); // bob in #lobby

        var joined = await bob.JoinRoomAsync("#DEV");

        Assert.Equal("#dev", joined.Room); // shown as first written
        Assert.Equal(["alice", "bob"], joined.Users.Order(UserNameRules.Comparer));
        Assert.Equal(2, joined.UserCount);
        Assert.Equal(["first"], joined.Recent.Select(line => line.Text));
        Assert.Equal("#dev", Assert.Single(joined.Recent).Room);
        var notice = await alice.ReceiveAsync<UsersJoined>();
        Assert.Equal(("#dev", "bob"), (notice.Room, Assert.Single(notice.UserNames)));

        // Joining again is answered with the room's state again, and tells nobody anything.
        var again = await bob.JoinRoomAsync("#dev");
        Assert.Equal(["alice", "bob"], again.Users.Order(UserNameRules.Comparer));
        Assert.Equal(2, server.Server.Rooms.Find("#dev")!.Count);
        var marker = await bob.SayAsync("#dev", "marker");
        Assert.DoesNotContain(await alice.UntilLineAsync(marker.Text), m => m is UsersJoined);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.40")]
    [Trait("ProtocolRule", "R8.8")]
    public async Task ARoomNameThatBreaksTheRulesIsRefused()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");

        foreach (var name in new[] { "dev", "#", "#a b", "#" + new string('x', 33), "#dév", "" })
        {
            var error = await alice.RefusedAsync(new JoinRoom(name));
            Assert.Equal(ErrorCode.InvalidRoomName, error.Code);
        }

        Assert.Equal("#" + new string('x', 32), (await alice.JoinRoomAsync("#" + new string('x', 32))).Room);
        Assert.Equal("#a_b-c.d", (await alice.JoinRoomAsync("#a_b-c.d")).Room);
        Assert.Equal(3, server.Server.Rooms.Count);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.8")]
    public async Task RoomNamesCompareWithoutRegardToCaseAndShowAsFirstWritten()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#DevOps");
        await using var bob = await server.JoinRawAsync("bob");

        Assert.Equal("#DevOps", (await bob.JoinRoomAsync("#devops")).Room);
        Assert.Equal("#DevOps", (await bob.SayAsync("#DEVOPS", "same room")).Room);
        Assert.Equal(2, server.Server.Rooms.Count);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.41")]
    public async Task LeavingARoomKeepsTheConnectionAndTellsTheOthers()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await using var bob = await server.JoinRawAsync("bob");
        await bob.JoinRoomAsync("#dev");
        await alice.ReceiveAsync<UsersJoined>(joined => joined.Room == "#dev");

        await bob.SendAsync(new LeaveRoom("#dev") { Text = "lunch" });

        Assert.Equal(new RoomLeft("#dev", LeaveReason.Parted), await bob.ReceiveAsync<RoomLeft>());
        var left = await alice.ReceiveAsync<UsersLeft>(m => m.Room == "#dev");
        Assert.Equal([new Departure("bob", LeaveReason.Parted) { Text = "lunch" }], left.Departures);

        // Still connected and in #lobby; even the default room can be left.
        Assert.Equal("#lobby", (await bob.SayAsync(string.Empty, "still here")).Room);
        await bob.SendAsync(new LeaveRoom("#lobby"));
        await bob.ReceiveAsync<RoomLeft>();
        await bob.SendAsync(new Ping(7));
        Assert.Equal(7, (await bob.ReceiveAsync<Pong>()).Token);
        Assert.Equal(["alice"], server.Server.DefaultRoom.Users());
        Assert.Equal(["alice", "bob"], server.Server.Users.Names());
    }

    [Fact]
    [Trait("ProtocolRule", "R7.41")]
    public async Task LeavingARoomOneIsNotInIsRefused()
    {
        await using var server = TestServer.Start(o => o with { Rooms = ["#ops"] });
        await using var alice = await server.JoinRawAsync("alice");

        var notIn = await alice.RefusedAsync(new LeaveRoom("#ops"));
        Assert.Equal((ErrorCode.NotInRoom, "#ops"), (notIn.Code, notIn.Room));
        var none = await alice.RefusedAsync(new LeaveRoom("#nowhere"));
        Assert.Equal((ErrorCode.NoSuchRoom, "#nowhere"), (none.Code, none.Room));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.41")]
    public async Task AUsersRoomVanishesWhenEmptyAndAnOperatorsRoomStays()
    {
        await using var server = TestServer.Start(o => o with { Rooms = ["#ops"] });
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#mine");
        await alice.JoinRoomAsync("#ops");
        Assert.Equal(["#lobby", "#mine", "#ops"], await RoomNamesAsync(alice));

        await alice.SendAsync(new LeaveRoom("#mine"));
        await alice.ReceiveAsync<RoomLeft>();
        await alice.SendAsync(new LeaveRoom("#ops"));
        await alice.ReceiveAsync<RoomLeft>();
        await alice.SendAsync(new LeaveRoom("#lobby"));
        await alice.ReceiveAsync<RoomLeft>();

        Assert.Equal(["#lobby", "#ops"], await RoomNamesAsync(alice));
        Assert.Null(server.Server.Rooms.Find("#mine"));

        // A session's end leaves every room: a user's room it was the last one in vanishes too.
        await using var bob = await server.JoinRawAsync("bob");
        await bob.JoinRoomAsync("#bobs");
        await bob.SendAsync(new Goodbye("bye"));
        await bob.ReadToEndAsync();
        await Condition.UntilAsync(() => server.Server.Rooms.Find("#bobs") is null, "#bobs vanishes");
        Assert.Equal(["#lobby", "#ops"], await RoomNamesAsync(alice));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.42")]
    public async Task ListRoomsNamesEveryRoomSortedWithItsCountAndTopic()
    {
        await using var server = TestServer.Start(o => o with { Rooms = ["#Zeta", "#alpha"] });
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#Beta");
        await alice.SendAsync(new SetTopic("#Beta", "the second letter"));
        await alice.ReceiveAsync<TopicChanged>();
        await using var bob = await server.JoinRawAsync("bob");

        await bob.SendAsync(new ListRooms());
        var list = await bob.ReceiveAsync<RoomList>();

        Assert.Equal(
            [new RoomInfo("#alpha", 0, ""), new RoomInfo("#Beta", 1, "the second letter"), new RoomInfo("#lobby", 2, ""), new RoomInfo("#Zeta", 0, "")],
            list.Rooms);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.43")]
    public async Task ATopicIsSetByAMemberAndReachesEveryMember()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await using var bob = await server.JoinRawAsync("bob");
        await bob.JoinRoomAsync("#dev");

        var notIn = await bob.RefusedAsync(new SetTopic("#elsewhere", "x"));
        Assert.Equal(ErrorCode.NoSuchRoom, notIn.Code);
        await using var carol = await server.JoinRawAsync("carol");
        Assert.Equal((ErrorCode.NotInRoom, "#dev"), await CodeAndRoomAsync(carol, new SetTopic("#dev", "mine now")));
        Assert.Equal((ErrorCode.TextTooLong, "#dev"), await CodeAndRoomAsync(bob, new SetTopic("#dev", new string('t', 301))));
        Assert.Equal((ErrorCode.InvalidText, "#dev"), await CodeAndRoomAsync(bob, new SetTopic("#dev", "bad\u0007bell")));

        await bob.SendAsync(new SetTopic("#dev", "Release on Friday"));

        foreach (var member in new[] { alice, bob })
        {
            var changed = await member.ReceiveAsync<TopicChanged>();
            Assert.Equal(("#dev", "Release on Friday", "bob"), (changed.Room, changed.Topic, changed.SetBy));
            Assert.Equal(DateTimeKind.Utc, changed.Timestamp.Kind);
        }

        Assert.Equal("Release on Friday", (await carol.JoinRoomAsync("#dev")).Topic);
        await bob.SendAsync(new SetTopic("#dev", string.Empty));
        Assert.Equal(string.Empty, (await alice.ReceiveAsync<TopicChanged>()).Topic);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.43")]
    public async Task TheOperatorsTopicIsSetByServerAndCreatesARoomThatStays()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectRawAsync();
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);
        await alice.JoinAsync("alice");

        await console.ExecuteAsync("topic #lobby Welcome, all");
        var changed = await alice.ReceiveAsync<TopicChanged>();
        Assert.Equal(("#lobby", "Welcome, all", "Server"), (changed.Room, changed.Topic, changed.SetBy));

        await console.ExecuteAsync("topic #news Nothing yet");
        var news = server.Server.Rooms.Find("#news");
        Assert.Equal((RoomKind.Operator, "Nothing yet"), (news!.Kind, news.Info().Topic));
        await alice.JoinRoomAsync("#news");
        await alice.SendAsync(new LeaveRoom("#news"));
        await alice.ReceiveAsync<RoomLeft>();
        Assert.Same(news, server.Server.Rooms.Find("#news"));
        Assert.Contains("Set the topic of #news.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.44")]
    public async Task ARenameReachesExactlyTheUsersWhoShareARoom()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await alice.SendAsync(new LeaveRoom("#lobby"));
        await alice.ReceiveAsync<RoomLeft>();
        await using var bob = await server.JoinRawAsync("bob");
        await bob.JoinRoomAsync("#dev");
        await using var carol = await server.ConnectRawAsync();
        await carol.JoinAsync("carol"); // in #lobby with bob, not with alice

        await alice.SendAsync(new ChangeName("Alicia"));

        Assert.Equal(new UserRenamed("#dev", "alice", "Alicia"), await alice.ReceiveAsync<UserRenamed>());
        Assert.Equal(new UserRenamed("#dev", "alice", "Alicia"), await bob.ReceiveAsync<UserRenamed>());
        var atCarol = await LinesUntilMarkerAsync(bob, carol);
        Assert.DoesNotContain(atCarol, m => m is UserRenamed);
        Assert.Equal(["Alicia", "bob"], server.Server.Rooms.Find("#dev")!.Users());

        // The old name is free; private messages to it fail.
        Assert.Equal(ErrorCode.UnknownUser, (await bob.RefusedAsync(new SendPrivate("alice", "hi"))).Code);
        await bob.SendAsync(new SendPrivate("ALICIA", "hi"));
        Assert.Equal("Alicia", (await alice.ReceiveAsync<PrivateMessage>()).To);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.44")]
    public async Task ARenameIsRefusedWhenInvalidReservedOrTakenButARecapitalisationIsNot()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await using var bob = await server.JoinRawAsync("bob");

        Assert.Equal(ErrorCode.NameInvalid, (await alice.RefusedAsync(new ChangeName("not valid"))).Code);
        Assert.Equal(ErrorCode.NameInvalid, (await alice.RefusedAsync(new ChangeName("Server"))).Code);
        Assert.Equal(ErrorCode.NameTaken, (await alice.RefusedAsync(new ChangeName("BOB"))).Code);

        await alice.SendAsync(new ChangeName("Alice"));
        Assert.Equal(new UserRenamed("#lobby", "alice", "Alice"), await alice.ReceiveAsync<UserRenamed>());
        Assert.Equal(["Alice", "bob"], server.Server.Users.Names());

        // A user in no room hears its own rename once, with no room.
        await bob.SendAsync(new LeaveRoom("#lobby"));
        await bob.ReceiveAsync<RoomLeft>();
        await bob.SendAsync(new ChangeName("robert"));
        Assert.Equal(new UserRenamed(string.Empty, "bob", "robert"), await bob.ReceiveAsync<UserRenamed>());
    }

    [Fact]
    [Trait("ProtocolRule", "R7.45")]
    public async Task AwayReachesTheUsersWhoShareARoomAndShowsInUserListsAndPrivateMessages()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await using var bob = await server.JoinRawAsync("bob");

        Assert.Equal(ErrorCode.TextTooLong, (await alice.RefusedAsync(new SetAway(new string('z', 201)))).Code);
        await alice.SendAsync(new SetAway("at lunch"));

        Assert.Equal(new UserAway("#lobby", "alice", "at lunch"), await bob.ReceiveAsync<UserAway>());
        var own = new[] { await alice.ReceiveAsync<UserAway>(), await alice.ReceiveAsync<UserAway>() };
        Assert.Equal(["#dev", "#lobby"], own.Select(a => a.Room).Order());

        Assert.Equal(["alice"], (await bob.JoinRoomAsync("#dev")).AwayUsers);
        await using var carol = await server.ConnectRawAsync();
        Assert.Equal(["alice"], (await carol.JoinAsync("carol")).AwayUsers);

        await bob.SendAsync(new SendPrivate("alice", "are you there?"));
        Assert.Equal("at lunch", (await bob.ReceiveAsync<PrivateMessage>()).RecipientAway);
        Assert.Equal(string.Empty, (await alice.ReceiveAsync<PrivateMessage>()).RecipientAway);

        await alice.SendAsync(new SetAway(string.Empty));
        Assert.Equal(string.Empty, (await carol.ReceiveAsync<UserAway>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.46")]
    public async Task ALineToARoomOneIsNotInOrThatDoesNotExistIsRefusedAndTheSessionGoesOn()
    {
        await using var server = TestServer.Start(o => o with { Rooms = ["#ops"] });
        await using var alice = await server.JoinRawAsync("alice");

        Assert.Equal((ErrorCode.NotInRoom, "#ops"), await CodeAndRoomAsync(alice, new SendText("hi") { Room = "#ops" }));
        Assert.Equal((ErrorCode.NoSuchRoom, "#none"), await CodeAndRoomAsync(alice, new SendText("hi") { Room = "#none" }));
        Assert.Equal((ErrorCode.NoSuchRoom, "nohash"), await CodeAndRoomAsync(alice, new SendText("hi") { Room = "nohash" }));

        await alice.SendAsync(new LeaveRoom("#lobby"));
        await alice.ReceiveAsync<RoomLeft>();
        Assert.Equal((ErrorCode.NotInRoom, "#lobby"), await CodeAndRoomAsync(alice, new SendText("hi")));
        Assert.Empty(server.Server.DefaultRoom.Users());
        Assert.Equal("#ops", (await alice.JoinRoomAsync("#ops")).Room);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.47")]
    public async Task PrivateMessagesReachAUserInNoRoom()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await alice.SendAsync(new LeaveRoom("#lobby"));
        await alice.ReceiveAsync<RoomLeft>();
        await using var bob = await server.JoinRawAsync("bob");
        await bob.SendAsync(new LeaveRoom("#lobby"));
        await bob.ReceiveAsync<RoomLeft>();

        await alice.SendAsync(new SendPrivate("bob", "psst"));

        var received = await bob.ReceiveAsync<PrivateMessage>();
        Assert.Equal(("alice", "bob", "psst"), (received.From, received.To, received.Text));
        Assert.Equal("psst", (await alice.ReceiveAsync<PrivateMessage>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.9")]
    public async Task JoinsAreRefusedAtTheLimitsOfRooms()
    {
        await using var server = TestServer.Start(o => o with { MaxRooms = 3, MaxRoomsPerUser = 3, MaxRoomMembers = 2, Rooms = ["#ops"] });
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#ops");
        await alice.JoinRoomAsync("#third");

        Assert.Equal((ErrorCode.TooManyRooms, "#fourth"), await CodeAndRoomAsync(alice, new JoinRoom("#fourth"))); // per user
        await alice.SendAsync(new LeaveRoom("#ops"));
        await alice.ReceiveAsync<RoomLeft>();
        Assert.Equal((ErrorCode.TooManyRooms, "#fourth"), await CodeAndRoomAsync(alice, new JoinRoom("#fourth"))); // per server

        await using var bob = await server.JoinRawAsync("bob");
        await bob.JoinRoomAsync("#third");
        await using var carol = await server.ConnectRawAsync();
        Assert.IsType<Rejected>(await carol.HelloAsync("carol")); // #lobby holds 2
        await using var dave = await server.ConnectRawAsync();
        Assert.IsType<Rejected>(await dave.HelloAsync("dave"));
        await bob.SendAsync(new LeaveRoom("#lobby"));
        await bob.ReceiveAsync<RoomLeft>();
        await using var erin = await server.JoinRawAsync("erin");
        Assert.Equal((ErrorCode.RoomFull, "#third"), await CodeAndRoomAsync(erin, new JoinRoom("#third")));
    }

    [Fact]
    [Trait("ProtocolRule", "R8.9")]
    public async Task WhenOnlyTheOperatorCreatesRoomsUsersJoinOnlyRoomsThatExist()
    {
        await using var server = TestServer.Start(o => o with { OperatorCreatesRooms = true, Rooms = ["#ops"] });
        await using var alice = await server.JoinRawAsync("alice");

        Assert.Equal((ErrorCode.NotAllowed, "#new"), await CodeAndRoomAsync(alice, new JoinRoom("#new")));
        Assert.Equal("#ops", (await alice.JoinRoomAsync("#ops")).Room);
        await new OperatorConsole(server.Server, TextWriter.Null, OperatorConsole.StandardInputActor).ExecuteAsync("topic #new Opened by the operator");
        Assert.Equal("Opened by the operator", (await alice.JoinRoomAsync("#new")).Topic);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.40")]
    public async Task RoomRequestsCountAgainstTheRateLimit()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0.001, MessageBurst = 2 });
        await using var alice = await server.JoinRawAsync("alice");

        await alice.JoinRoomAsync("#one");
        await alice.SendAsync(new ListRooms());
        await alice.ReceiveAsync<RoomList>();

        Assert.Equal(ErrorCode.RateLimited, (await alice.RefusedAsync(new JoinRoom("#two"))).Code);
        Assert.Null(server.Server.Rooms.Find("#two"));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.11")]
    public async Task InEachRoomAUsersJoinComesBeforeItsLinesAndItsLastLineBeforeItsDeparture()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await using var bob = await server.JoinRawAsync("bob");
        await bob.SendAsync(new JoinRoom("#dev"));
        await bob.SendAsync(new SendText("hello dev") { Room = "#dev" });
        await bob.SendAsync(new LeaveRoom("#dev") { Text = "gone" });
        await bob.ReceiveAsync<RoomLeft>();

        var seen = await alice.UntilAsync(m => m is UsersLeft { Room: "#dev" });
        var inDev = seen.Where(m => m is UsersJoined { Room: "#dev" } or TextPosted { Room: "#dev" } or UsersLeft { Room: "#dev" }).ToList();
        Assert.Collection(
            inDev,
            m => Assert.Equal(["bob"], Assert.IsType<UsersJoined>(m).UserNames),
            m => Assert.Equal("hello dev", Assert.IsType<TextPosted>(m).Text),
            m => Assert.Equal("bob", Assert.Single(Assert.IsType<UsersLeft>(m).Departures).UserName));
    }

    [Fact]
    public async Task AKickIsServerWideAndEveryRoomTheUserWasInSeesIt()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        await using var bob = await server.JoinRawAsync("bob");
        await bob.JoinRoomAsync("#dev");
        await bob.SendAsync(new LeaveRoom("#lobby"));
        await bob.ReceiveAsync<RoomLeft>();
        await using var carol = await server.JoinRawAsync("carol");
        await new OperatorConsole(server.Server, TextWriter.Null, OperatorConsole.StandardInputActor).ExecuteAsync("kick alice flooding");

        Assert.Equal(ErrorCode.Kicked, Assert.IsType<ErrorMessage>((await alice.ReadToEndAsync()).Messages.Last()).Code);
        var inDev = await bob.ReceiveAsync<UsersLeft>(m => m.Room == "#dev");
        var inLobby = await carol.ReceiveAsync<UsersLeft>(m => m.Room == "#lobby");
        Assert.Equal(new Departure("alice", LeaveReason.Kicked) { Text = "flooding" }, Assert.Single(inDev.Departures));
        Assert.Equal(new Departure("alice", LeaveReason.Kicked) { Text = "flooding" }, Assert.Single(inLobby.Departures));
        Assert.Null(server.Server.Users.Find("alice"));
    }

    private static async Task<List<string>> RoomNamesAsync(RawClient client)
    {
        await client.SendAsync(new ListRooms());
        return [.. (await client.ReceiveAsync<RoomList>()).Rooms.Select(room => room.Name)];
    }

    private static async Task<(ErrorCode Code, string Room)> CodeAndRoomAsync(RawClient client, ChatMessage request)
    {
        var error = await client.RefusedAsync(request);
        return (error.Code, error.Room);
    }

    /// <summary>
    /// What <paramref name="listener"/> receives up to a marker line that <paramref name="speaker"/>
    /// posts in #lobby after everything before it was published: anything published before the
    /// marker and meant for the listener arrives before it.
    /// </summary>
    private static async Task<List<ChatMessage>> LinesUntilMarkerAsync(RawClient speaker, RawClient listener)
    {
        var marker = $"marker {Guid.NewGuid():N}";
        await speaker.SayAsync("#lobby", marker);
        return await listener.UntilLineAsync(marker);
    }
}
