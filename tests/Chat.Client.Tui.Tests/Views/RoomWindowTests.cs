using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Moq;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The room window on a headless ANSI driver: keys in, screen text out.</summary>
public sealed class RoomWindowTests : IAsyncDisposable
{
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly TestDispatcher _ui = new();
    private readonly FakeSession _session = new("alice", ["alice", "bob", "carol"]);
    private readonly RoomViewModel _viewModel;
    private readonly RoomWindow _room;
    private readonly Task _reading;

    public RoomWindowTests()
    {
        var connector = new Mock<IChatConnector>(MockBehavior.Strict);
        connector.SetupGet(c => c.Endpoint).Returns("127.0.0.1:5000");
        _viewModel = new RoomViewModel(_session.Object, connector.Object, _ui);
        _room = new RoomWindow(_viewModel);
        _headless.Begin(_room);
        _reading = Task.Run(_viewModel.RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _viewModel.DisposeAsync();
        await _reading.WaitAsync(TestDispatcher.Timeout);
        _headless.Dispose();
        _room.Dispose();
    }

    private async Task ReceiveAsync(ChatMessage message)
    {
        var before = _viewModel.Log.Count;
        _session.Receive(message);
        await _ui.RunUntilAsync(() => _viewModel.Log.Count > before, $"{message.GetType().Name} in the log");
    }

    [Fact]
    public void ShowsTheRoomUsersAndStatus()
    {
        var screen = _headless.Screen;
        Assert.Contains("Connected to TestServer (127.0.0.1:5000) as", screen);
        Assert.Contains("Users (3)", screen);
        Assert.Contains("carol", screen);
        Assert.Contains("alice on TestServer", screen);
    }

    [Fact]
    public async Task TheLogShowsALineFromTheRoom()
    {
        await ReceiveAsync(new TextPosted(1, "bob", "hello from bob", DateTime.UtcNow));
        Assert.Contains("<bob> hello from bob", _headless.Screen);
    }

    [Fact]
    public void TypingALineAndEnterSendsIt()
    {
        _headless.Type("hello room");
        Assert.Contains("> hello room", _headless.Screen);
        _headless.Press(Key.Enter);
        _session.Mock.Verify(s => s.SendAsync("hello room", It.IsAny<CancellationToken>()), Times.Once);
        Assert.DoesNotContain("> hello room", _headless.Screen);
    }

    [Fact]
    public void EscDoesNotQuit()
    {
        _headless.Press(Key.Esc);
        _headless.Press(Key.Esc);
        Assert.True(_room.IsRunning);
        Assert.False(_room.StopRequested);
        Assert.Contains("Users (3)", _headless.Screen);
        _session.Mock.Verify(s => s.LeaveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TheExitWordSaysGoodbyeAndCloses()
    {
        _headless.Type("  Exit ");
        _headless.Press(Key.Enter);
        await _ui.RunUntilAsync(() => _room.StopRequested, "the window to close");
        _session.Mock.Verify(s => s.LeaveAsync("", It.IsAny<CancellationToken>()), Times.Once);
        _session.Mock.Verify(s => s.SendAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CtrlQSaysGoodbyeAndCloses()
    {
        _headless.Press(Key.Q.WithCtrl);
        await _ui.RunUntilAsync(() => _room.StopRequested, "the window to close");
        _session.Mock.Verify(s => s.LeaveAsync("", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void TabCompletesANameAndUpRecallsTheLastLine()
    {
        _headless.Type("ca");
        _headless.Press(Key.Tab);
        Assert.Contains("> carol: ", _headless.Screen);
        _headless.Type("hi");
        _headless.Press(Key.Enter);
        _session.Mock.Verify(s => s.SendAsync("carol: hi", It.IsAny<CancellationToken>()), Times.Once);
        _headless.Press(Key.CursorUp);
        Assert.Contains("> carol: hi", _headless.Screen);
    }

    [Fact]
    public async Task UnknownCommandShowsAHintAndSendsNothing()
    {
        _headless.Type("/dance");
        _headless.Press(Key.Enter);
        await _ui.RunUntilAsync(() => _viewModel.Log[^1].Text.Contains("Unknown command", StringComparison.Ordinal), "the hint");
        Assert.Contains("Unknown command /dance", _headless.Screen);
        _session.Mock.Verify(s => s.SendAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TooLongLineStaysInTheInput()
    {
        _headless.Type(new string('x', 101));
        _headless.Press(Key.Enter);
        await _headless.RunUntilAsync(() => _headless.Screen.Contains("> xxxx", StringComparison.Ordinal), "the line back in the input");
        Assert.Contains("too long", _headless.Screen);
    }

    [Fact]
    public async Task FollowsTheTailUntilTheUserScrollsUp()
    {
        for (var i = 1; i <= 40; i++)
        {
            _session.Receive(new TextPosted(i, "bob", $"line {i}", DateTime.UtcNow));
        }

        await _ui.RunUntilAsync(() => _viewModel.Log.Count == 43, "forty lines");
        Assert.Contains("line 40", _headless.Screen);

        _headless.Press(Key.PageUp);
        _headless.Press(Key.PageUp);
        var screen = _headless.Screen;
        Assert.DoesNotContain("line 40", screen);

        await ReceiveAsync(new TextPosted(41, "bob", "line 41", DateTime.UtcNow));
        screen = _headless.Screen;
        Assert.DoesNotContain("line 41", screen);
        Assert.Contains("1 new below", screen);

        _headless.Press(Key.End.WithCtrl);
        screen = _headless.Screen;
        Assert.Contains("line 41", screen);
        Assert.DoesNotContain("new below", screen);
    }

    [Fact]
    public async Task HostileTextCannotReachTheTerminal()
    {
        await ReceiveAsync(new TextPosted(1, "bob", "\u001b[2J\u001b]0;owned\u0007safe\u202Etext", DateTime.UtcNow));
        var screen = _headless.Screen;
        Assert.Contains("<bob> safetext", screen);
        // Ordinal: a culture-aware search ignores control characters and would always "find" one.
        Assert.DoesNotContain(_headless.App.Driver!.ToString() ?? "", c => c == '\u001b' || c == '\u0007' || c == '\u202E');
    }

    [Fact]
    public async Task WideCharactersTakeTwoColumnsAndKeepTheBorderInPlace()
    {
        await ReceiveAsync(new TextPosted(1, "bob", "日本語 👍 ok", DateTime.UtcNow));
        var row = _headless.Screen.Split('\n').Single(l => l.Contains("日本語", StringComparison.Ordinal));
        var reference = _headless.Screen.Split('\n').First(l => l.Contains("Users (3)", StringComparison.Ordinal));

        // The driver keeps one string element per cell's first column: a wide glyph stands for two.
        var rowColumns = Terminal.Gui.Text.StringExtensions.GetColumns(row.TrimEnd('\r'));
        var referenceColumns = Terminal.Gui.Text.StringExtensions.GetColumns(reference.TrimEnd('\r'));
        Assert.Equal(referenceColumns, rowColumns);
    }
}
