using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Moq;

namespace Chat.Client.Tui.Tests.ViewModels;

public class LoginViewModelTests
{
    private static readonly TimeSpan Timeout = TestDispatcher.Timeout;
    private readonly Mock<IChatConnector> _connector = new(MockBehavior.Strict);

    public LoginViewModelTests() => _connector.SetupGet(c => c.Endpoint).Returns("127.0.0.1:5000");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Server")]
    [InlineData("server")]
    [InlineData("  SERVER  ")]
    [InlineData("bad name")]
    public async Task RefusesBadNamesWithoutConnecting(string name)
    {
        var result = await new LoginViewModel(_connector.Object).LoginAsync(name).WaitAsync(Timeout);
        Assert.IsType<LoginRefused>(result);
        _connector.Verify(c => c.ConnectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task JoinsUnderTheTrimmedName()
    {
        var session = new FakeSession("alice");
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(session.Object);
        var result = await new LoginViewModel(_connector.Object).LoginAsync("  alice ").WaitAsync(Timeout);
        Assert.Same(session.Object, Assert.IsType<LoginSucceeded>(result).Session);
    }

    [Theory]
    [InlineData(RejectReason.NameTaken, "taken")]
    [InlineData(RejectReason.NameInvalid, "does not accept")]
    [InlineData(RejectReason.ServerFull, "full")]
    public async Task ShowsTheServersReasonSoTheUserCanTryAgain(RejectReason reason, string words)
    {
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatRejectedException(reason, "server says no"));
        var result = await new LoginViewModel(_connector.Object).LoginAsync("alice").WaitAsync(Timeout);
        var refused = Assert.IsType<LoginRefused>(result);
        Assert.Contains(words, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("server says no", refused.Message);
    }

    [Fact]
    public async Task ConnectionRefusedIsToldInWords()
    {
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatConnectionRefusedException("127.0.0.1", 5000));
        var result = await new LoginViewModel(_connector.Object).LoginAsync("alice").WaitAsync(Timeout);
        Assert.Equal("No chat server is listening on 127.0.0.1:5000.", Assert.IsType<LoginFailed>(result).Message);
    }

    [Fact]
    public async Task HostNotFoundAndTimeoutAreFailuresToRetry()
    {
        var login = new LoginViewModel(_connector.Object);
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>())).ThrowsAsync(new ChatHostNotFoundException("nowhere"));
        Assert.Contains("could not be found", Assert.IsType<LoginFailed>(await login.LoginAsync("alice").WaitAsync(Timeout)).Message);
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>())).ThrowsAsync(new ChatTimeoutException("did not answer within 10 s."));
        Assert.Contains("did not answer", Assert.IsType<LoginFailed>(await login.LoginAsync("alice").WaitAsync(Timeout)).Message);
    }
}
