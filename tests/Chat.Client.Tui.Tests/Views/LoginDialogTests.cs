using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Moq;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The login dialog on a headless ANSI driver.</summary>
public sealed class LoginDialogTests : IDisposable
{
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly Mock<IChatConnector> _connector = new(MockBehavior.Strict);
    private LoginDialog? _dialog;

    public LoginDialogTests() => _connector.SetupGet(c => c.Endpoint).Returns("127.0.0.1:5000");

    public void Dispose()
    {
        _headless.Dispose();
        _dialog?.Dispose();
    }

    private LoginDialog Show(string? name = null, bool joinAtOnce = false)
    {
        _dialog = new LoginDialog(new LoginViewModel(_connector.Object), name, joinAtOnce);
        _headless.Begin(_dialog);
        return _dialog;
    }

    [Theory]
    [InlineData("Server")]
    [InlineData(" sErVeR ")]
    public void RefusesServerWithoutConnecting(string name)
    {
        var dialog = Show();
        _headless.Type(name);
        _headless.Press(Key.Enter);
        Assert.Contains("is reserved for the server", _headless.Screen);
        Assert.False(dialog.StopRequested);
        _connector.Verify(c => c.ConnectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void RefusesAnEmptyName()
    {
        Show();
        _headless.Press(Key.Enter);
        Assert.Contains("cannot be empty", _headless.Screen);
    }

    [Fact]
    public async Task ShowsATakenNameSoTheUserCanChooseAnother()
    {
        var session = new FakeSession("alice2");
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatRejectedException(RejectReason.NameTaken, "The name alice is taken."));
        _connector.Setup(c => c.ConnectAsync("alice2", It.IsAny<CancellationToken>())).ReturnsAsync(session.Object);
        var dialog = Show();
        _headless.Type("alice");
        _headless.Press(Key.Enter);
        await _headless.RunUntilAsync(() => _headless.Screen.Contains("taken", StringComparison.Ordinal), "the refusal");
        Assert.False(dialog.StopRequested);

        _headless.Type("2");
        _headless.Press(Key.Enter);
        await _headless.RunUntilAsync(() => dialog.StopRequested, "the dialog to close");
        Assert.Same(session.Object, dialog.Session);
    }

    [Fact]
    public async Task NoServerIsToldInWordsWithRetryAndQuit()
    {
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatConnectionRefusedException("127.0.0.1", 5000));
        var dialog = Show("alice", joinAtOnce: true);
        await _headless.RunUntilAsync(
            () => _headless.Screen.Contains("No chat server is listening on 127.0.0.1:5000.", StringComparison.Ordinal),
            "the connection problem");
        var screen = _headless.Screen;
        Assert.Contains("Retry", screen);
        Assert.Contains("Quit", screen);

        // Retry (the default button) tries again.
        var session = new FakeSession("alice");
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(session.Object);
        _headless.Press(Key.Enter);
        await _headless.RunUntilAsync(() => dialog.StopRequested, "the dialog to close");
        Assert.Same(session.Object, dialog.Session);
    }

    [Fact]
    public void EscDoesNotCloseTheDialogButCtrlQQuits()
    {
        var dialog = Show();
        _headless.Press(Key.Esc);
        Assert.False(dialog.StopRequested);
        _headless.Press(Key.Q.WithCtrl);
        Assert.True(dialog.StopRequested);
        Assert.Null(dialog.Session);
    }
}
