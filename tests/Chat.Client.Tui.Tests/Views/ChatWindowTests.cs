using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>
/// The room window on a headless ANSI driver, joined to a scripted server: keys in, screen text
/// and sent messages out. The view model posts to the application's main loop, as in the program
/// (where the view's own awaits resume too), and the test runs that loop.
/// </summary>
public sealed class ChatWindowTests : IAsyncLifetime
{
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _viewModel = null!;
    private ChatWindow _room = null!;
    private Task _reading = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob", "carol"]));
        _session = session;
        _viewModel = new ChatViewModel(client, _server, new AppDispatcher(_headless.App));
        _room = new ChatWindow(_viewModel);
        _headless.Begin(_room);
        _reading = Task.Run(_viewModel.RunAsync);
    }

    public async Task DisposeAsync()
    {
        await _viewModel.DisposeAsync();
        await _reading.WithTimeout();
        await _server.DisposeAsync();
        _headless.Dispose();
        _room.Dispose();
    }

    private async Task ReceiveAsync(ChatMessage message)
    {
        var before = _viewModel.Log.Count;
        await _session.SendAsync(message);
        await _headless.RunUntilAsync(() => _viewModel.Log.Count > before, $"{message.GetType().Name} in the log");
    }

    /// <summary>Types a line of its own and checks that it is the next thing the server receives: nothing was sent before it.</summary>
    private async Task AssertNothingSentBeforeAsync()
    {
        _headless.Type("marker");
        _headless.Press(Key.Enter);
        Assert.Equal(new SendText("marker"), await _session.ReceiveAsync<SendText>());
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
    public async Task TypingALineAndEnterSendsIt()
    {
        _headless.Type("hello room");
        Assert.Contains("> hello room", _headless.Screen);
        _headless.Press(Key.Enter);
        Assert.Equal(new SendText("hello room"), await _session.ReceiveAsync<SendText>());
        Assert.DoesNotContain("> hello room", _headless.Screen);
    }

    [Fact]
    public async Task EscDoesNotQuit()
    {
        _headless.Press(Key.Esc);
        _headless.Press(Key.Esc);
        Assert.True(_room.IsRunning);
        Assert.False(_room.StopRequested);
        Assert.Contains("Users (3)", _headless.Screen);

        // No goodbye went out: the next message the server receives is a line typed after.
        await AssertNothingSentBeforeAsync();
    }

    [Fact]
    public async Task TheExitWordSaysGoodbyeAndCloses()
    {
        _headless.Type("  Exit ");
        _headless.Press(Key.Enter);
        await _headless.RunUntilAsync(() => _room.StopRequested, "the window to close");
        Assert.Equal([new Goodbye("")], await _session.ReceiveUntilEndAsync());
    }

    [Fact]
    public async Task CtrlQSaysGoodbyeAndCloses()
    {
        _headless.Press(Key.Q.WithCtrl);
        await _headless.RunUntilAsync(() => _room.StopRequested, "the window to close");
        Assert.Equal([new Goodbye("")], await _session.ReceiveUntilEndAsync());
    }

    [Fact]
    public async Task TabCompletesANameAndUpRecallsTheLastLine()
    {
        _headless.Type("ca");
        _headless.Press(Key.Tab);
        Assert.Contains("> carol: ", _headless.Screen);
        _headless.Type("hi");
        _headless.Press(Key.Enter);
        Assert.Equal(new SendText("carol: hi"), await _session.ReceiveAsync<SendText>());
        _headless.Press(Key.CursorUp);
        Assert.Contains("> carol: hi", _headless.Screen);
    }

    [Fact]
    public async Task UnknownCommandShowsAHintAndSendsNothing()
    {
        _headless.Type("/dance");
        _headless.Press(Key.Enter);
        await _headless.RunUntilAsync(() => _viewModel.Log[^1].Text.Contains("Unknown command", StringComparison.Ordinal), "the hint");
        Assert.Contains("Unknown command /dance", _headless.Screen);
        await AssertNothingSentBeforeAsync();
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
            await _session.SendAsync(new TextPosted(i, "bob", $"line {i}", DateTime.UtcNow));
        }

        await _headless.RunUntilAsync(() => _viewModel.Log.Count == 43, "forty lines");
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
