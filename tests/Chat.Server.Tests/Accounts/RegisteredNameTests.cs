using Chat.Protocol;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Accounts;

/// <summary>Registered names over real TCP (docs/protocol.md, section 7, Accounts and moderation).</summary>
public class RegisteredNameTests
{
    [Fact]
    [Trait("ProtocolRule", "R7.61")]
    [Trait("ProtocolRule", "R7.62")]
    public async Task ARegisteredNameIsRefusedWithoutItsPasswordOrWithAWrongOneAndWelcomedWithIt()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        var alice = await server.RegisterAsync("alice", "correct horse");
        await alice.LeaveAsync();

        await using var none = await server.ConnectRawAsync();
        await using var wrong = await server.ConnectRawAsync();
        await using var right = await server.ConnectRawAsync();
        var missing = Assert.IsType<Rejected>(await none.HelloAsync("ALICE", string.Empty));
        var bad = Assert.IsType<Rejected>(await wrong.HelloAsync("alice", "battery staple"));
        var welcome = Assert.IsType<Welcome>(await right.HelloAsync("alice", "correct horse"));

        Assert.Equal((RejectReason.NameRegistered, "The name ALICE is registered; give its password to use it."), (missing.Reason, missing.Text));
        Assert.Equal((RejectReason.NameRegistered, "The password given for the name alice is wrong."), (bad.Reason, bad.Text));
        Assert.Null(await wrong.ReceiveAsync()); // closed after the rejection
        Assert.Equal((true, false, true), (welcome.Registered, welcome.Operator, welcome.Registration));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.62")]
    public async Task AMissingNamePasswordIsAnsweredOnlyAfterThePasswordDelay()
    {
        using var folder = new TemporaryDataFolder();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var delay = TimeSpan.FromSeconds(1);
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { PasswordDelay = delay, TimeProvider = time });
        var alice = await server.RegisterAsync("alice", "correct horse");
        await alice.LeaveAsync();

        await using var guesser = await server.ConnectRawAsync();
        await guesser.SendAsync(new Hello(2, "alice", "raw", "1.0"));
        var answer = guesser.ReceiveAsync();
        await Condition.UntilAsync(() => server.Server.Admission.Summary.BadPasswordTotal == 1, "the server has read the hello without the name's password");

        await using var bob = await server.ConnectRawAsync();
        Assert.IsType<Welcome>(await bob.HelloAsync("bob"));
        Assert.False(answer.IsCompleted, "The registered name was refused before the delay.");

        time.Advance(delay);
        Assert.Equal(RejectReason.NameRegistered, Assert.IsType<Rejected>(await answer.WithTimeout()).Reason);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.61")]
    public async Task RegisterNameIsRefusedForABadPasswordWhenRegistrationIsOffAndForAnOperatorAccount()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        await using var bob = await server.JoinRawAsync("bob");
        await bob.SendAsync(new RegisterName(7, "short"));
        await bob.SendAsync(new RegisterName(8, "tab\there is a control"));
        var tooShort = await bob.ReceiveAsync<ErrorMessage>();
        var control = await bob.ReceiveAsync<ErrorMessage>();

        await using var root = await server.ConnectRawAsync();
        Assert.IsType<Welcome>(await root.HelloAsync(AccountsTestKit.OperatorName, AccountsTestKit.OperatorPassword));
        await root.SendAsync(new RegisterName(9, "a long enough password"));
        var operatorName = await root.ReceiveAsync<ErrorMessage>();

        await using var closed = AccountsTestKit.Start(folder.Path, o => o with { Registration = false });
        await using var carol = await closed.ConnectRawAsync();
        var welcome = await carol.JoinAsync("carol");
        await carol.SendAsync(new RegisterName(10, "a long enough password"));
        var off = await carol.ReceiveAsync<ErrorMessage>();

        Assert.Equal((ErrorCode.PasswordRejected, 7, false), (tooShort.Code, tooShort.RequestId, tooShort.Fatal));
        Assert.Equal("A password needs at least 8 characters. The name was not registered.", tooShort.Text);
        Assert.Equal((ErrorCode.PasswordRejected, 8), (control.Code, control.RequestId));
        Assert.Equal((ErrorCode.NotAllowed, 9), (operatorName.Code, operatorName.RequestId));
        Assert.Equal((ErrorCode.NotAllowed, 10), (off.Code, off.RequestId));
        Assert.False(welcome.Registration);
        Assert.Null(server.Server.Accounts.Find("bob"));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.61")]
    public async Task RegisterNameFromTheHolderOfARegisteredNameChangesItsPassword()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        var alice = await server.RegisterAsync("alice", "first password");
        await alice.SendAsync(new RegisterName(2, "second password"));
        Assert.Equal(2, (await alice.ReceiveAsync<NameRegistered>()).RequestId);
        await alice.LeaveAsync();

        await using var old = await server.ConnectRawAsync();
        await using var current = await server.ConnectRawAsync();
        Assert.Equal(RejectReason.NameRegistered, Assert.IsType<Rejected>(await old.HelloAsync("alice", "first password")).Reason);
        Assert.True(Assert.IsType<Welcome>(await current.HelloAsync("alice", "second password")).Registered);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.63")]
    public async Task ARenameToARegisteredNameNeedsItsPassword()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        var alice = await server.RegisterAsync("alice", "correct horse");
        await alice.LeaveAsync();
        await using var bob = await server.JoinRawAsync("bob");

        await bob.SendAsync(new ChangeName("alice"));
        var missing = await bob.ReceiveAsync<ErrorMessage>();
        await bob.SendAsync(new ChangeName("alice") { NamePassword = "wrong horse" });
        var wrong = await bob.ReceiveAsync<ErrorMessage>();
        await bob.SendAsync(new ChangeName("Alice") { NamePassword = "correct horse" });
        var renamed = await bob.ReceiveAsync<UserRenamed>();

        Assert.Equal((ErrorCode.NameRegistered, "The name alice is registered; give its password to use it."), (missing.Code, missing.Text));
        Assert.Equal(ErrorCode.NameRegistered, wrong.Code);
        Assert.Equal(("bob", "Alice"), (renamed.OldName, renamed.NewName));

        // Holding the name, proven, it may change the name's password.
        await bob.SendAsync(new RegisterName(3, "new password!"));
        Assert.Equal("Alice", (await bob.ReceiveAsync<NameRegistered>()).UserName);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.61")]
    public async Task AnOperatorAccountIsWelcomedAsOperatorAndRegistered()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        await using var root = await server.ConnectRawAsync();
        await using var impostor = await server.ConnectRawAsync();

        var welcome = Assert.IsType<Welcome>(await root.HelloAsync("ROOT", AccountsTestKit.OperatorPassword));
        var refused = Assert.IsType<Rejected>(await impostor.HelloAsync("root", "guess"));

        Assert.Equal((true, true), (welcome.Operator, welcome.Registered));
        Assert.Equal(RejectReason.NameRegistered, refused.Reason);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.60")]
    public async Task AVersionOneClientNeverMeetsAccounts()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path);
        var alice = await server.RegisterAsync("alice", "correct horse");
        await alice.LeaveAsync();

        await using var old = await server.ConnectRawAsync();
        var refused = Assert.IsType<Rejected>(await old.HelloAsync("alice", "correct horse", version: 1));
        await using var bob = await server.ConnectRawAsync();
        var welcome = Assert.IsType<Welcome>(await bob.HelloAsync("bob", string.Empty, version: 1));
        await bob.SendAsync(new RegisterName(1, "a long enough password"));
        await bob.SendAsync(new OperatorRequest(2, "bans"));
        await bob.SendAsync(new Ping(42));

        // Skipped as unknown ids: nothing answers them before the pong.
        var before = new List<ChatMessage>();
        while (await bob.ReceiveAsync() is { } message and not Pong)
        {
            before.Add(message);
        }

        Assert.DoesNotContain(before, static m => m is NameRegistered or OperatorReply or ErrorMessage);
        Assert.Equal(RejectReason.NameTaken, refused.Reason);
        Assert.Equal((false, false, false), (welcome.Operator, welcome.Registered, welcome.Registration));
        Assert.Null(server.Server.Accounts.Find("bob"));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.70")]
    public async Task TheServerPasswordComesFirstThenABanThenTheNamesPassword()
    {
        using var folder = new TemporaryDataFolder();
        await using var server = AccountsTestKit.Start(folder.Path, o => o with { Password = new ServerPassword("server secret") });
        await using (var alice = await server.ConnectRawAsync())
        {
            await alice.SendAsync(new Hello(2, "alice", "raw", "1.0") { Password = "server secret" });
            await alice.ReceiveAsync<Welcome>();
            await alice.SendAsync(new RegisterName(1, "correct horse"));
            await alice.ReceiveAsync<NameRegistered>();
            await alice.LeaveAsync();
        }

        await server.RunAsync("ban alice");
        var wrongServerPassword = await HelloAsync(server, new Hello(2, "alice", "raw", "1.0") { Password = "guess", NamePassword = "wrong" });
        var banned = await HelloAsync(server, new Hello(2, "alice", "raw", "1.0") { Password = "server secret", NamePassword = "wrong" });
        var badName = await HelloAsync(server, new Hello(2, "al ice", "raw", "1.0") { Password = "server secret" });

        Assert.Equal(RejectReason.BadPassword, wrongServerPassword.Reason);
        Assert.Equal(RejectReason.Banned, banned.Reason);
        Assert.Equal(RejectReason.NameInvalid, badName.Reason);
    }

    private static async Task<Rejected> HelloAsync(TestServer server, Hello hello)
    {
        await using var client = await server.ConnectRawAsync();
        await client.SendAsync(hello);
        return Assert.IsType<Rejected>(await client.ReceiveAsync());
    }
}
