using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>The login meets a registered name (it asks for the name's password) and a ban (it says why and until when).</summary>
public sealed class LoginViewModelAccountsTests : IAsyncDisposable
{
    private readonly FakeRoom _server = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ARegisteredNameAsksForItsPasswordAndTheRightOneJoins()
    {
        var viewModel = new LoginViewModel(_server);
        var first = viewModel.LoginAsync("alice");
        await _server.RejectNextAsync(RejectReason.NameRegistered, "alice is registered.");
        Assert.Equal(
            "alice is registered: it can be used only with its password. Type it, or choose another name.",
            Assert.IsType<LoginNeedsNamePassword>(await first.WithTimeout()).Message);

        var wrong = viewModel.LoginAsync("alice", namePassword: "not the one");
        await _server.RejectNextAsync(RejectReason.NameRegistered, "alice is registered.");
        Assert.Equal("The password of alice is wrong. Type it again, or choose another name.", Assert.IsType<LoginNeedsNamePassword>(await wrong.WithTimeout()).Message);

        var right = viewModel.LoginAsync("alice", namePassword: "correct horse");
        string? sent = null;
        await _server.WelcomeNextAsync(hello =>
        {
            sent = hello.NamePassword;
            return FakeRoom.WelcomeFor(hello) with { ProtocolVersion = 2, Registered = true };
        });
        await using var client = Assert.IsType<LoginSucceeded>(await right.WithTimeout()).Client;
        Assert.Equal("correct horse", sent);
        Assert.True(client.IsRegistered);
        Assert.Equal("correct horse", _server.NamePassword);
    }

    [Fact]
    public async Task ABannedAddressIsToldWhyAndUntilWhen()
    {
        var login = new LoginViewModel(_server).LoginAsync("alice");
        var session = await _server.AcceptAsync();
        await session.CloseAsync(new ErrorMessage(ErrorCode.Banned, "Your address is banned from this server until 2026-12-09 10:00 UTC: spam.") { Fatal = true, Until = new DateTime(2026, 12, 9, 10, 0, 0, DateTimeKind.Utc) });

        var failed = Assert.IsType<LoginFailed>(await login.WithTimeout());
        Assert.Equal("Your address is banned from this server until 2026-12-09 10:00 UTC: spam.", failed.Message);
    }

    [Fact]
    public async Task ABannedNameWithoutAnEndIsBannedForGood()
    {
        var login = new LoginViewModel(_server).LoginAsync("mallory");
        await _server.RejectNextAsync(RejectReason.Banned, "The name mallory is banned from this server indefinitely: flooding.");

        Assert.Equal("The name mallory is banned from this server indefinitely: flooding.", Assert.IsType<LoginFailed>(await login.WithTimeout()).Message);
    }
}
