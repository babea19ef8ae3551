using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The login dialog on a headless ANSI driver, in front of a scripted server.</summary>
public sealed class LoginDialogTests : IAsyncDisposable
{
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly FakeRoom _server = new();
    private LoginDialog? _dialog;

    public async ValueTask DisposeAsync()
    {
        _headless.Dispose();
        _dialog?.Dispose();
        await _server.DisposeAsync();
    }

    private LoginDialog Show(string? name = null, bool joinAtOnce = false)
    {
        _dialog = new LoginDialog(new LoginViewModel(_server), name, joinAtOnce);
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
        Assert.Equal(0, _server.Attempts);
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
        var dialog = Show();
        var refusing = _server.RejectNextAsync(RejectReason.NameTaken, "The name alice is taken.");
        _headless.Type("alice");
        _headless.Press(Key.Enter);
        await refusing.WithTimeout();
        await _headless.RunUntilAsync(() => _headless.Screen.Contains("taken", StringComparison.Ordinal), "the refusal");
        Assert.False(dialog.StopRequested);

        var welcoming = _server.WelcomeNextAsync();
        _headless.Type("2");
        _headless.Press(Key.Enter);
        await welcoming.WithTimeout();
        await _headless.RunUntilAsync(() => dialog.StopRequested, "the dialog to close");
        Assert.Equal("alice2", dialog.Client?.UserName);
    }

    [Fact]
    public async Task AServerThatWantsAPasswordGetsASecretFieldAndThePasswordGoesInTheHello()
    {
        var dialog = Show("alice", joinAtOnce: true);
        await _server.RejectNextAsync(RejectReason.BadPassword, "This server asks for a password, and your client gave none.");
        await _headless.RunUntilAsync(() => _headless.Screen.Contains("This server needs a password.", StringComparison.Ordinal), "the question");
        Assert.Contains("Password:", _headless.Screen);

        string? sent = null;
        var welcoming = _server.WelcomeNextAsync(hello =>
        {
            sent = hello.Password;
            return FakeRoom.WelcomeFor(hello);
        });
        _headless.Type("s3cret");
        Assert.DoesNotContain("s3cret", _headless.Screen); // never drawn
        _headless.Press(Key.Enter);
        await welcoming.WithTimeout();
        await _headless.RunUntilAsync(() => dialog.StopRequested, "the dialog to close");

        Assert.Equal("s3cret", sent);
        Assert.Equal("s3cret", _server.Password); // kept for reconnects
    }

    [Fact]
    public async Task ARegisteredNameGetsASecretFieldForItsPasswordAndItGoesInTheHello()
    {
        var dialog = Show("alice", joinAtOnce: true);
        await _server.RejectNextAsync(RejectReason.NameRegistered, "alice is registered.");
        await _headless.RunUntilAsync(() => _headless.Screen.Contains("alice is registered", StringComparison.Ordinal), "the question");
        Assert.Contains("Name password:", _headless.Screen);
        Assert.DoesNotContain("Password:", _headless.Screen.Replace("Name password:", string.Empty, StringComparison.Ordinal)); // the server's own is not asked for

        string? sent = null;
        var welcoming = _server.WelcomeNextAsync(hello =>
        {
            sent = hello.NamePassword;
            return FakeRoom.WelcomeFor(hello);
        });
        _headless.Type("correct horse");
        Assert.DoesNotContain("correct horse", _headless.Screen); // never drawn
        _headless.Press(Key.Enter);
        await welcoming.WithTimeout();
        await _headless.RunUntilAsync(() => dialog.StopRequested, "the dialog to close");

        Assert.Equal("correct horse", sent);
        Assert.Equal("correct horse", _server.NamePassword); // kept for reconnects
    }

    [Fact]
    public async Task NoServerIsToldInWordsWithRetryAndQuit()
    {
        _server.FailNext(new ChatConnectionRefusedException("127.0.0.1", 5000));
        var dialog = Show("alice", joinAtOnce: true);
        await _headless.RunUntilAsync(
            () => _headless.Screen.Contains("No chat server is listening on 127.0.0.1:5000.", StringComparison.Ordinal),
            "the connection problem");
        var screen = _headless.Screen;
        Assert.Contains("Retry", screen);
        Assert.Contains("Quit", screen);

        // Retry (the default button) tries again.
        var welcoming = _server.WelcomeNextAsync();
        _headless.Press(Key.Enter);
        await welcoming.WithTimeout();
        await _headless.RunUntilAsync(() => dialog.StopRequested, "the dialog to close");
        Assert.Equal("alice", dialog.Client?.UserName);
        Assert.Equal(2, _server.Attempts);
    }

    [Fact]
    public void EscDoesNotCloseTheDialogButCtrlQQuits()
    {
        var dialog = Show();
        _headless.Press(Key.Esc);
        Assert.False(dialog.StopRequested);
        _headless.Press(Key.Q.WithCtrl);
        Assert.True(dialog.StopRequested);
        Assert.Null(dialog.Client);
    }
}
