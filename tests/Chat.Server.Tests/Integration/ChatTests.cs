using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Integration;

public class ChatTests
{
    [Fact]
    public async Task TwoUsersChat()
    {
        await using var server = TestServer.Start(o => o with { ServerName = "Test room", MessageOfTheDay = "Be nice." });
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");

        Assert.Equal(["alice"], alice.Welcome.Users);
        Assert.Equal(["alice", "bob"], bob.Welcome.Users.Order(UserNameRules.Comparer));
        Assert.Equal("Test room", bob.Welcome.ServerName);
        Assert.Equal("Be nice.", bob.Welcome.MessageOfTheDay);
        Assert.Equal(ProtocolInfo.Version, bob.Welcome.ProtocolVersion);
        Assert.Equal(ChatServerOptions.Default.MaxTextLength, bob.Welcome.MaxTextLength);
        Assert.Equal(ChatServerOptions.Default.MaxFrameLength, bob.Welcome.MaxFrameLength);
        await alice.NextAsync<UsersJoined>(joined => joined.UserNames.Contains("bob"));

        await alice.SendAsync("hi bob").AsTask().WithTimeout();
        var atBob = await bob.NextAsync<TextPosted>();
        var atAlice = await alice.NextAsync<TextPosted>();
        Assert.Equal(atAlice, atBob);
        Assert.Equal(("alice", "hi bob", TextKind.Plain), (atBob.Author, atBob.Text, atBob.Kind));
        Assert.Equal(DateTimeKind.Utc, atBob.Timestamp.Kind);

        await bob.SendActionAsync("waves").AsTask().WithTimeout();
        var action = await alice.NextAsync<TextPosted>();
        Assert.Equal(("bob", "waves", TextKind.Action), (action.Author, action.Text, action.Kind));
        Assert.True(action.Id > atBob.Id);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.12")]
    public async Task AClientLeftOutOfPresenceGetsTheCountAndTheTrafficButNoUserListOrNotices()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var bot = await server.ConnectAsync("bot", ChatClientOptions.Default with { ReceivePresence = false });
        await using var carol = await server.ConnectAsync("carol");

        Assert.Empty(bot.Welcome.Users);
        Assert.Equal(2, bot.Welcome.UserCount);
        Assert.Equal(2, bot.UsersAtJoin);
        Assert.Throws<InvalidOperationException>(() => bot.Users);
        Assert.Equal(["alice", "bot", "carol"], carol.Welcome.Users.Order(UserNameRules.Comparer));
        Assert.Equal(3, carol.Welcome.UserCount);
        await alice.NextAsync<UsersJoined>(joined => joined.UserNames.Contains("bot"));

        // The room announces carol before alice's line reaches anyone; the bot's first message is the line.
        await alice.SendAsync("hello").AsTask().WithTimeout();
        var first = await bot.NextAsync<ChatMessage>();
        Assert.Equal("hello", Assert.IsType<TextPosted>(first).Text);

        await carol.LeaveAsync().WithTimeout();
        await alice.NextAsync<UsersLeft>(left => left.Departures.Any(d => d.UserName == "carol"));
        await alice.SendAsync("bye").AsTask().WithTimeout();
        Assert.Equal("bye", Assert.IsType<TextPosted>(await bot.NextAsync<ChatMessage>()).Text);
    }

    [Fact]
    public async Task ANewcomerSeesTheRecentLines()
    {
        await using var server = TestServer.Start(o => o with { HistoryLength = 2 });
        await using var alice = await server.ConnectAsync("alice");
        foreach (var text in new[] { "one", "two", "three" })
        {
            await alice.SendAsync(text).AsTask().WithTimeout();
        }

        await alice.LinesAsync(3);
        await using var bob = await server.ConnectAsync("bob");

        Assert.Equal(["two", "three"], bob.Welcome.Recent.Select(line => line.Text));
    }

    [Fact]
    public async Task APrivateMessageReachesOnlyItsRecipientAndIsEchoedToTheSender()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");
        await using var carol = await server.ConnectAsync("carol");

        await alice.SendPrivateAsync("BOB", "just between us").AsTask().WithTimeout();
        await alice.SendAsync("hello everyone").AsTask().WithTimeout();

        var received = await bob.NextAsync<PrivateMessage>();
        var echoed = await alice.NextAsync<PrivateMessage>();
        Assert.Equal(received, echoed);
        Assert.Equal(("alice", "bob", "just between us"), (received.From, received.To, received.Text));

        // Carol's next message after the private one is the public line: she never saw the private one.
        var atCarol = await carol.NextAsync<ChatMessage>(m => m is TextPosted or PrivateMessage);
        Assert.Equal("hello everyone", Assert.IsType<TextPosted>(atCarol).Text);
    }

    [Fact]
    public async Task APrivateMessageToSomeoneAbsentIsRefusedAndTheSessionGoesOn()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");

        await alice.SendPrivateAsync("nobody", "hello?").AsTask().WithTimeout();
        var error = await alice.NextAsync<ErrorMessage>();
        Assert.Equal(ErrorCode.UnknownUser, error.Code);
        Assert.False(error.Fatal);
        Assert.Contains("nobody", error.Text, StringComparison.Ordinal);

        await alice.SendAsync("still here").AsTask().WithTimeout();
        Assert.Equal("still here", (await alice.NextAsync<TextPosted>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.2")]
    public async Task TextThatBreaksTheRulesIsRefusedAndTheSessionGoesOn()
    {
        await using var server = TestServer.Start(o => o with { MaxTextLength = 10 });
        await using var alice = await server.ConnectAsync("alice");
        Assert.Equal(10, alice.Welcome.MaxTextLength);

        await alice.SendAsync("eleven char").AsTask().WithTimeout();
        var tooLong = await alice.NextAsync<ErrorMessage>();
        Assert.Equal((ErrorCode.TextTooLong, false), (tooLong.Code, tooLong.Fatal));

        await alice.SendAsync("bell\u0007").AsTask().WithTimeout();
        Assert.Equal(ErrorCode.InvalidText, (await alice.NextAsync<ErrorMessage>()).Code);

        await alice.SendAsync("   ").AsTask().WithTimeout();
        Assert.Equal(ErrorCode.InvalidText, (await alice.NextAsync<ErrorMessage>()).Code);

        await alice.SendPrivateAsync("alice", "line\nbreak").AsTask().WithTimeout();
        Assert.Equal(ErrorCode.InvalidText, (await alice.NextAsync<ErrorMessage>()).Code);

        // Ten emoji are ten characters, though twenty UTF-16 units.
        var emoji = string.Concat(Enumerable.Repeat("😀", 10));
        await alice.SendAsync(emoji).AsTask().WithTimeout();
        Assert.Equal(emoji, (await alice.NextAsync<TextPosted>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.30")]
    public async Task LeavingWithAGoodbyeIsAnnouncedWithItsText()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        var bob = await server.ConnectAsync("bob");
        await alice.NextAsync<UsersJoined>(joined => joined.UserNames.Contains("bob"));

        await bob.LeaveAsync("off to lunch").WithTimeout();

        Assert.Equal(new Departure("bob", LeaveReason.Quit) { Text = "off to lunch" }, await alice.DepartureOfAsync("bob"));
        Assert.Equal(["alice"], alice.Users);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.20")]
    public async Task PingsAreAnswered()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");

        var roundTrip = await alice.PingAsync().WithTimeout();

        Assert.True(roundTrip >= TimeSpan.Zero);
    }
}
