using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;

namespace Chat.Client.Tui.Tests.ViewModels;

public sealed class LoginViewModelTests : IAsyncDisposable
{
    private readonly FakeRoom _server = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Server")]
    [InlineData("server")]
    [InlineData("  SERVER  ")]
    [InlineData("bad name")]
    public async Task RefusesBadNamesWithoutConnecting(string name)
    {
        var result = await new LoginViewModel(_server).LoginAsync(name).WithTimeout();
        Assert.IsType<LoginRefused>(result);
        Assert.Equal(0, _server.Attempts);
    }

    [Fact]
    public async Task JoinsUnderTheTrimmedName()
    {
        var login = new LoginViewModel(_server).LoginAsync("  alice ");
        string? asked = null;
        await _server.WelcomeNextAsync(hello =>
        {
            asked = hello.UserName;
            return FakeRoom.WelcomeFor(hello);
        });
        var client = Assert.IsType<LoginSucceeded>(await login.WithTimeout()).Client;
        Assert.Equal("alice", asked);
        Assert.Equal("alice", client.UserName);
    }

    [Theory]
    [InlineData(RejectReason.NameTaken, "taken")]
    [InlineData(RejectReason.NameInvalid, "does not accept")]
    [InlineData(RejectReason.ServerFull, "full")]
    public async Task ShowsTheServersReasonSoTheUserCanTryAgain(RejectReason reason, string words)
    {
        var login = new LoginViewModel(_server).LoginAsync("alice");
        await _server.RejectNextAsync(reason, "server says no");
        var refused = Assert.IsType<LoginRefused>(await login.WithTimeout());
        Assert.Contains(words, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("server says no", refused.Message);
    }

    [Fact]
    public async Task AMissingOrWrongPasswordAsksForOneAndARightOneJoins()
    {
        var viewModel = new LoginViewModel(_server);
        var first = viewModel.LoginAsync("alice");
        await _server.RejectNextAsync(RejectReason.BadPassword, "none given");
        Assert.Equal("This server needs a password.", Assert.IsType<LoginNeedsPassword>(await first.WithTimeout()).Message);

        var wrong = viewModel.LoginAsync("alice", "guess");
        await _server.RejectNextAsync(RejectReason.BadPassword, "wrong");
        Assert.Equal("The password is wrong.", Assert.IsType<LoginNeedsPassword>(await wrong.WithTimeout()).Message);

        var right = viewModel.LoginAsync("alice", "s3cret");
        string? sent = null;
        await _server.WelcomeNextAsync(hello =>
        {
            sent = hello.Password;
            return FakeRoom.WelcomeFor(hello);
        });
        await using var client = Assert.IsType<LoginSucceeded>(await right.WithTimeout()).Client;
        Assert.Equal("s3cret", sent);
    }

    [Fact]
    public async Task ConnectionRefusedIsToldInWords()
    {
        _server.FailNext(new ChatConnectionRefusedException("127.0.0.1", 5000));
        var result = await new LoginViewModel(_server).LoginAsync("alice").WithTimeout();
        Assert.Equal("No chat server is listening on 127.0.0.1:5000.", Assert.IsType<LoginFailed>(result).Message);
    }

    [Fact]
    public async Task HostNotFoundAndTimeoutAreFailuresToRetry()
    {
        var login = new LoginViewModel(_server);
        _server.FailNext(new ChatHostNotFoundException("nowhere"));
        Assert.Contains("could not be found", Assert.IsType<LoginFailed>(await login.LoginAsync("alice").WithTimeout()).Message);
        _server.FailNext(new ChatTimeoutException("did not answer within 10 s."));
        Assert.Contains("did not answer", Assert.IsType<LoginFailed>(await login.LoginAsync("alice").WithTimeout()).Message);
    }
}
