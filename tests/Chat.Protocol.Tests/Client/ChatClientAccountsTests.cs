using static Chat.Protocol.Tests.Client.HistoryScript;

namespace Chat.Protocol.Tests.Client;

/// <summary>
/// Registered names and operators against a scripted server: the name's password in the hello
/// and on every reconnect, the welcome's flags, <see cref="ChatClient.RegisterNameAsync"/>,
/// <see cref="ChatClient.RunOperatorCommandAsync"/> and a rename to a registered name.
/// </summary>
public class ChatClientAccountsTests
{
    private const string Secret = "correct horse";

    private static Welcome Registrable(Hello hello) => WelcomeFor(hello, "e1") with { Registration = true };

    [Fact]
    public async Task TheNamePasswordGoesInTheHelloAndNeverInTheOptionsText()
    {
        var options = ChatClientOptions.Default with { NamePassword = Secret, Password = "server" };
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var joining = server.ConnectClientAsync("alice", options);
        var session = await server.AcceptAsync();

        var hello = await session.ReceiveAsync<Hello>();
        Assert.Equal((Secret, "server"), (hello.NamePassword, hello.Password));
        Assert.DoesNotContain(Secret, hello.ToString(), StringComparison.Ordinal);
        await session.SendAsync(FakeSession.WelcomeFor(hello));
        var client = await joining.WithTimeout();

        var text = options.ToString();
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("NamePassword = (given)", text, StringComparison.Ordinal);
        Assert.Contains("NamePassword = (none)", ChatClientOptions.Default.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, (ChatClientOptions.Default with { NamePassword = null! }).NamePassword);
    }

    [Fact]
    public async Task TheWelcomeSaysWhetherThisClientIsAnOperatorAndItsNameRegistered()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var joining = server.ConnectClientAsync("alice", ChatClientOptions.Default with { NamePassword = Secret });
        await server.WelcomeNextAsync(hello => Registrable(hello) with { Operator = true, Registered = true });
        var client = await joining.WithTimeout();

        Assert.Equal((true, true, true), (client.IsOperator, client.IsRegistered, client.CanRegister));

        var plainJoining = server.ConnectClientAsync("bob");
        await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1"));
        var plain = await plainJoining.WithTimeout();
        Assert.Equal((false, false, false), (plain.IsOperator, plain.IsRegistered, plain.CanRegister));
    }

    [Fact]
    public async Task RegisteringReturnsTheNameAndTheNewPasswordIsGivenOnTheWayBack()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var joining = server.ConnectClientAsync("alice", Reconnects);
        var first = await server.WelcomeNextAsync(Registrable);
        var client = await joining.WithTimeout();
        Assert.False(client.IsRegistered);

        var registering = client.RegisterNameAsync(Secret);
        var request = await first.ReceiveAsync<RegisterName>();
        Assert.Equal(Secret, request.Password);
        await first.SendAsync(new NameRegistered(request.RequestId, "alice"));
        Assert.Equal("alice", await registering.WithTimeout());
        Assert.True(client.IsRegistered);

        first.Abort();
        var session = await server.AcceptAsync();
        Assert.Equal(Secret, (await session.ReceiveAsync<Hello>()).NamePassword);
        await session.SendAsync(Registrable(new Hello(2, "alice", "t", "1")) with { Registered = true });
        await session.SendAsync(new ServerNotice("after", Noon));

        // The answer was the request's alone: the stream holds the reconnect, not the NameRegistered.
        var stream = await client.TakeAsync(3);
        Assert.Equal([typeof(Reconnecting), typeof(Reconnected), typeof(RoomJoined)], stream.Select(m => m.GetType()));
        Assert.True(client.IsRegistered);
    }

    [Fact]
    public async Task ARegistrationTheServerRefusesThrowsItsCode()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.WelcomeNextAsync(Registrable);
        var client = await joining.WithTimeout();

        var registering = client.RegisterNameAsync("operator's own");
        var request = await session.ReceiveAsync<RegisterName>();
        await session.SendAsync(new ErrorMessage(ErrorCode.NotAllowed, "alice is an operator account; its password is set in the server's configuration.") { RequestId = request.RequestId });

        var ex = await Assert.ThrowsAsync<ChatRequestException>(() => registering.WithTimeout());
        Assert.Equal(ErrorCode.NotAllowed, ex.Code);
        Assert.Contains("operator account", ex.Message, StringComparison.Ordinal);
        Assert.False(client.IsRegistered);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("tab\there!")]
    public async Task APasswordThatBreaksTheRulesIsRefusedBeforeAnythingIsSent(string password)
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.WelcomeNextAsync(Registrable);
        var client = await joining.WithTimeout();

        var ex = await Assert.ThrowsAsync<ChatRequestException>(() => client.RegisterNameAsync(password).WithTimeout());
        Assert.Equal(ErrorCode.PasswordRejected, ex.Code);

        await client.SendAsync("next").WithTimeout();
        Assert.Equal("next", (await session.ReceiveAsync<SendText>()).Text); // nothing went before it
    }

    [Fact]
    public async Task AServerWithoutRegistrationIsNotSentThePassword()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var (client, session) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"));

        var ex = await Assert.ThrowsAsync<ChatRequestException>(() => client.RegisterNameAsync(Secret).WithTimeout());
        Assert.Equal(ErrorCode.NotAllowed, ex.Code);
        await client.SendAsync("next").WithTimeout();
        Assert.Equal("next", (await session.ReceiveAsync<SendText>()).Text);
    }

    [Fact]
    public async Task AnOperatorCommandReturnsWhatTheConsolePrinted()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var joining = server.ConnectClientAsync("alice", ChatClientOptions.Default with { NamePassword = Secret });
        var session = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1") with { Operator = true });
        var client = await joining.WithTimeout();

        var running = client.RunOperatorCommandAsync(" /ban bob 1d spam ");
        var request = await session.ReceiveAsync<OperatorRequest>();
        Assert.Equal("/ban bob 1d spam", request.Command);
        await session.SendAsync(new OperatorReply(request.RequestId, ["Banned bob for 1 day: spam."]));
        var reply = await running.WithTimeout();
        Assert.Equal(["Banned bob for 1 day: spam."], reply.Lines);
        Assert.False(reply.Failed);

        var failing = client.RunOperatorCommandAsync("frobnicate");
        var second = await session.ReceiveAsync<OperatorRequest>();
        await session.SendAsync(new OperatorReply(second.RequestId, ["Unknown command \"frobnicate\". Type help to see the commands."]) { Failed = true });
        Assert.True((await failing.WithTimeout()).Failed);

        // The replies were the requests' alone.
        await session.SendAsync(new ServerNotice("after", Noon));
        Assert.IsType<ServerNotice>((await client.TakeAsync(1)).Single());
    }

    [Fact]
    public async Task AnOperatorCommandFromANonOperatorIsRefused()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, session) = await server.JoinAsync("bob", hello => WelcomeFor(hello, "e1"));

        var running = client.RunOperatorCommandAsync("kick alice");
        var request = await session.ReceiveAsync<OperatorRequest>();
        await session.SendAsync(new ErrorMessage(ErrorCode.NotAllowed, "Only operators may run operator commands.") { RequestId = request.RequestId });

        var ex = await Assert.ThrowsAsync<ChatRequestException>(() => running.WithTimeout());
        Assert.Equal(ErrorCode.NotAllowed, ex.Code);
        await Assert.ThrowsAsync<ArgumentException>(() => client.RunOperatorCommandAsync(" / ").WithTimeout());
        await Assert.ThrowsAsync<ArgumentException>(() => client.RunOperatorCommandAsync("say hi\nclose").WithTimeout());
    }

    [Fact]
    public async Task ARenameToARegisteredNameCarriesItsPasswordAndKeepsItForReconnects()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("guest", hello => WelcomeFor(hello, "e1"), Reconnects);

        var refused = client.ChangeNameAsync("alice");
        Assert.Equal(new ChangeName("alice"), await first.ReceiveAsync<ChangeName>());
        await first.SendAsync(new ErrorMessage(ErrorCode.NameRegistered, "alice is registered: give its password."));
        Assert.Equal(ErrorCode.NameRegistered, (await Assert.ThrowsAsync<ChatRequestException>(() => refused.WithTimeout())).Code);

        var renaming = client.ChangeNameAsync("alice", Secret);
        Assert.Equal(new ChangeName("alice") { NamePassword = Secret }, await first.ReceiveAsync<ChangeName>());
        await first.SendAsync(new UserRenamed(Lobby, "guest", "alice"));
        await renaming.WithTimeout();
        Assert.Equal(("alice", true), (client.UserName, client.IsRegistered));

        first.Abort();
        var session = await server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        Assert.Equal(("alice", Secret), (hello.UserName, hello.NamePassword));
    }

    [Fact]
    public async Task ARenameWithoutAPasswordLeavesTheRegisteredName()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var joining = server.ConnectClientAsync("alice", Reconnects with { NamePassword = Secret });
        var first = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1") with { Registered = true });
        var client = await joining.WithTimeout();

        var renaming = client.ChangeNameAsync("ally");
        await first.ReceiveAsync<ChangeName>();
        await first.SendAsync(new UserRenamed(Lobby, "alice", "ally"));
        await renaming.WithTimeout();
        Assert.False(client.IsRegistered);

        first.Abort();
        var session = await server.AcceptAsync();
        var hello = await session.ReceiveAsync<Hello>();
        Assert.Equal(("ally", ""), (hello.UserName, hello.NamePassword)); // the old name's password is not handed to another name
    }
}
