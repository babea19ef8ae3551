using System.Text.RegularExpressions;
using Chat.Protocol;
using Chat.Samples.Tests.Support;

namespace Chat.Samples.Tests;

/// <summary>
/// samples/RoomBot as a process, against a scripted server over TCP on 127.0.0.1 (FakeChatServer):
/// the test plays a version-2 server message by message, so each request the bot makes and each
/// answer it gives is seen on the wire.
/// </summary>
public sealed partial class RoomBotTests
{
    private const string Bot = "room-bot";

    [Fact]
    public async Task JoinsItsRoomLeavesTheDefaultOneAndAnswersWhereItWasAsked()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        await using var bot = ProgramProcess.Start(BuiltPrograms.RoomBot, "--port", Port(server), "--room", "#bots");
        var session = await WelcomeAsync(server);

        Assert.Equal(new JoinRoom("#bots"), await session.ReceiveAsync<JoinRoom>());
        await session.SendAsync(new RoomJoined("#bots", "Bots only", [Bot, "alice"], [], 2));
        Assert.Equal(new LeaveRoom("#lobby") { Text = "RoomBot lives in its own rooms." }, await session.ReceiveAsync<LeaveRoom>());
        await session.SendAsync(new RoomLeft("#lobby", LeaveReason.Parted));
        await bot.WaitForErrorAsync("Answering as room-bot in #bots.");

        await session.SendAsync(Line("alice", "!who", "#bots"));
        Assert.Equal(new SendText("2 in #bots: alice, room-bot") { Room = "#bots" }, await session.ReceiveAsync<SendText>());

        await session.SendAsync(new UsersJoined(["bob"]) { Room = "#bots" });
        await session.SendAsync(new TopicChanged("#bots", "Beep", "bob", DateTime.UtcNow));
        await session.SendAsync(Line("bob", "!topic", "#bots"));
        Assert.Equal(new SendText("The topic of #bots: Beep") { Room = "#bots" }, await session.ReceiveAsync<SendText>());

        await session.SendAsync(Line("bob", "!who", "#bots"));
        Assert.Equal(new SendText("3 in #bots: alice, bob, room-bot") { Room = "#bots" }, await session.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task ListsTheRoomsTheServerHas()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        await using var bot = ProgramProcess.Start(BuiltPrograms.RoomBot, "--port", Port(server), "--room", "#lobby", "--room", "#bots");
        var session = await WelcomeAsync(server);

        // The default room is one of its rooms: joined again (answered with its state), not left.
        Assert.Equal(new JoinRoom("#lobby"), await session.ReceiveAsync<JoinRoom>());
        await session.SendAsync(new RoomJoined("#lobby", "", [Bot, "alice"], [], 2));
        Assert.Equal(new JoinRoom("#bots"), await session.ReceiveAsync<JoinRoom>());
        await session.SendAsync(new RoomJoined("#bots", "", [Bot], [], 1));
        await bot.WaitForErrorAsync("Answering as room-bot in #lobby, #bots.");

        await session.SendAsync(Line("alice", "!rooms", "#lobby"));
        await session.ReceiveAsync<ListRooms>();
        await session.SendAsync(new RoomList([new RoomInfo("#bots", 1, ""), new RoomInfo("#lobby", 2, "")]));
        Assert.Equal(new SendText("2 rooms: #bots (1), #lobby (2)") { Room = "#lobby" }, await session.ReceiveAsync<SendText>());

        // Its own lines and other people's chatter get no answer: the next line it sends answers !help.
        await session.SendAsync(Line(Bot, "!who", "#lobby"));
        await session.SendAsync(Line("alice", "hello", "#bots"));
        await session.SendAsync(Line("alice", "!help", "#bots"));
        Assert.StartsWith("Commands: !who", (await session.ReceiveAsync<SendText>()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoomItMayNotJoinEndsItWithTheServersWords()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        await using var bot = ProgramProcess.Start(BuiltPrograms.RoomBot, "--port", Port(server), "--room", "#bots");
        var session = await WelcomeAsync(server);

        await session.ReceiveAsync<JoinRoom>();
        await session.SendAsync(new ErrorMessage(ErrorCode.NotAllowed, "#bots does not exist, and only the operator creates rooms on this server.") { Room = "#bots" });

        Assert.Equal(3, await bot.WaitForExitAsync());
        Assert.Contains(bot.ErrorLines, line => line.EndsWith("#bots does not exist, and only the operator creates rooms on this server.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AServerWithoutRoomsIsToldApartAtOnce()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        await using var bot = ProgramProcess.Start(BuiltPrograms.RoomBot, "--port", Port(server));
        var session = await server.WelcomeNextAsync(hello => FakeSession.WelcomeFor(hello) with { ProtocolVersion = 1 });

        Assert.Equal(3, await bot.WaitForExitAsync());
        Assert.Contains(bot.ErrorLines, line => line.EndsWith($"127.0.0.1:{server.Port} speaks protocol version 1, which has no rooms; RoomBot needs version 2.", StringComparison.Ordinal));
        Assert.IsType<Goodbye>(Assert.Single(await session.ReceiveUntilEndAsync())); // it asked for nothing a version-1 server lacks
    }

    [Fact]
    public async Task ABadRoomNameIsABadUsage()
    {
        await using var bot = ProgramProcess.Start(BuiltPrograms.RoomBot, "--room", "bots");

        Assert.Equal(2, await bot.WaitForExitAsync());
        Assert.Contains(bot.ErrorLines, line => line.Contains("A room name starts with '#', as in #bots.", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePackageReadmesRoomsExampleIsTakenFromTheRoomBotSample()
    {
        var readme = File.ReadAllText(BuiltPrograms.PathOf("src/Chat.Protocol/PACKAGE.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(BuiltPrograms.PathOf("samples/RoomBot/Program.cs")).ReplaceLineEndings("\n");

        var example = RoomsExample().Match(readme);
        Assert.True(example.Success, "src/Chat.Protocol/PACKAGE.md has no ```csharp block in its \"## Rooms\" section.");
        var excerpt = Lines(example.Groups[1].Value);
        var lines = Lines(sample);
        var at = Enumerable.Range(0, lines.Length - excerpt.Length + 1).FirstOrDefault(i => lines.AsSpan(i, excerpt.Length).SequenceEqual(excerpt), -1);
        Assert.True(at >= 0, "The \"## Rooms\" example of PACKAGE.md is not, line for line, a part of samples/RoomBot/Program.cs.");

        // Each line without its indentation: the excerpt is dedented out of the sample's try block.
        static string[] Lines(string text) => [.. text.Split('\n').Select(line => line.Trim())];
    }

    [GeneratedRegex(@"^## Rooms\n.*?^```csharp\n(.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex RoomsExample();

    /// <summary>Accepts the bot and welcomes it, in version 2, into #lobby with alice.</summary>
    private static async Task<FakeSession> WelcomeAsync(FakeChatServer server)
    {
        var session = await server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        Assert.Equal((Bot, "RoomBot"), (hello.UserName, hello.ClientName));
        Assert.True(hello.ProtocolVersion >= 2, "The bot asks for rooms.");
        await session.SendAsync(FakeSession.WelcomeFor(hello, "alice") with { ProtocolVersion = 2, Room = "#lobby" });
        return session;
    }

    private static TextPosted Line(string author, string text, string room) =>
        new(1, author, text, DateTime.UtcNow) { Room = room };

    private static string Port(FakeChatServer server) => server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
