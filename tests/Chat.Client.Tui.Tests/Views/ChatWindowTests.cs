using Chat.Client.Tui.Tests.Support;
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
    private HeadlessChatWindow _chat = null!;

    public async Task InitializeAsync() =>
        _chat = await HeadlessChatWindow.StartAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob", "carol"]));

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    /// <summary>Types a line of its own and checks that it is the next thing the server receives: nothing was sent before it.</summary>
    private async Task AssertNothingSentBeforeAsync()
    {
        _chat.Headless.Type("marker");
        _chat.Headless.Press(Key.Enter);
        Assert.Equal(new SendText("marker"), await _chat.Session.ReceiveAsync<SendText>());
    }

    [Fact]
    public void ShowsTheRoomUsersAndStatus()
    {
        var screen = _chat.Headless.Screen;
        Assert.Contains("Connected to TestServer (127.0.0.1:5000) as", screen);
        Assert.Contains("Users (3)", screen);
        Assert.Contains("carol", screen);
        Assert.Contains("alice on TestServer", screen);
    }

    [Fact]
    public async Task TheLogShowsALineFromTheRoom()
    {
        await _chat.ReceiveAsync(new TextPosted(1, "bob", "hello from bob", DateTime.UtcNow));
        Assert.Contains("<bob> hello from bob", _chat.Headless.Screen);
    }

    [Fact]
    public async Task TypingALineAndEnterSendsIt()
    {
        _chat.Headless.Type("hello room");
        Assert.Contains("> hello room", _chat.Headless.Screen);
        _chat.Headless.Press(Key.Enter);
        Assert.Equal(new SendText("hello room"), await _chat.Session.ReceiveAsync<SendText>());
        Assert.DoesNotContain("> hello room", _chat.Headless.Screen);
    }

    [Fact]
    public async Task EscDoesNotQuit()
    {
        _chat.Headless.Press(Key.Esc);
        _chat.Headless.Press(Key.Esc);
        Assert.True(_chat.Window.IsRunning);
        Assert.False(_chat.Window.StopRequested);
        Assert.Contains("Users (3)", _chat.Headless.Screen);

        // No goodbye went out: the next message the server receives is a line typed after.
        await AssertNothingSentBeforeAsync();
    }

    [Fact]
    public async Task TheExitWordSaysGoodbyeAndCloses()
    {
        _chat.Headless.Type("  Exit ");
        _chat.Headless.Press(Key.Enter);
        await _chat.Headless.RunUntilAsync(() => _chat.Window.StopRequested, "the window to close");
        Assert.Equal([new Goodbye("")], await _chat.Session.ReceiveUntilEndAsync());
    }

    [Fact]
    public async Task CtrlQSaysGoodbyeAndCloses()
    {
        _chat.Headless.Press(Key.Q.WithCtrl);
        await _chat.Headless.RunUntilAsync(() => _chat.Window.StopRequested, "the window to close");
        Assert.Equal([new Goodbye("")], await _chat.Session.ReceiveUntilEndAsync());
    }

    [Fact]
    public async Task TabCompletesANameAndUpRecallsTheLastLine()
    {
        _chat.Headless.Type("ca");
        _chat.Headless.Press(Key.Tab);
        Assert.Contains("> carol: ", _chat.Headless.Screen);
        _chat.Headless.Type("hi");
        _chat.Headless.Press(Key.Enter);
        Assert.Equal(new SendText("carol: hi"), await _chat.Session.ReceiveAsync<SendText>());
        _chat.Headless.Press(Key.CursorUp);
        Assert.Contains("> carol: hi", _chat.Headless.Screen);
    }

    [Fact]
    public async Task UnknownCommandShowsAHintAndSendsNothing()
    {
        _chat.Headless.Type("/dance");
        _chat.Headless.Press(Key.Enter);
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Log[^1].Text.Contains("Unknown command", StringComparison.Ordinal), "the hint");
        Assert.Contains("Unknown command /dance", _chat.Headless.Screen);
        await AssertNothingSentBeforeAsync();
    }

    [Fact]
    public async Task TooLongLineStaysInTheInput()
    {
        _chat.Headless.Type(new string('x', 101));
        _chat.Headless.Press(Key.Enter);
        await _chat.Headless.RunUntilAsync(() => _chat.Headless.Screen.Contains("> xxxx", StringComparison.Ordinal), "the line back in the input");
        Assert.Contains("too long", _chat.Headless.Screen);
    }

    [Fact]
    public async Task FollowsTheTailUntilTheUserScrollsUp()
    {
        for (var i = 1; i <= 40; i++)
        {
            await _chat.Session.SendAsync(new TextPosted(i, "bob", $"line {i}", DateTime.UtcNow));
        }

        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Log.Count == 43, "forty lines");
        Assert.Contains("line 40", _chat.Headless.Screen);

        _chat.Headless.Press(Key.PageUp);
        _chat.Headless.Press(Key.PageUp);
        var screen = _chat.Headless.Screen;
        Assert.DoesNotContain("line 40", screen);

        await _chat.ReceiveAsync(new TextPosted(41, "bob", "line 41", DateTime.UtcNow));
        screen = _chat.Headless.Screen;
        Assert.DoesNotContain("line 41", screen);
        Assert.Contains("1 new below", screen);

        _chat.Headless.Press(Key.End.WithCtrl);
        screen = _chat.Headless.Screen;
        Assert.Contains("line 41", screen);
        Assert.DoesNotContain("new below", screen);
    }

    [Fact]
    public async Task HostileTextCannotReachTheTerminal()
    {
        await _chat.ReceiveAsync(new TextPosted(1, "bob", "\u001b[2J\u001b]0;owned\u0007safe\u202Etext", DateTime.UtcNow));
        var screen = _chat.Headless.Screen;
        Assert.Contains("<bob> safetext", screen);
        // Ordinal: a culture-aware search ignores control characters and would always "find" one.
        Assert.DoesNotContain(_chat.Headless.App.Driver!.ToString() ?? "", c => c == '\u001b' || c == '\u0007' || c == '\u202E');
    }

    [Fact]
    public async Task WideCharactersTakeTwoColumnsAndKeepTheBorderInPlace()
    {
        await _chat.ReceiveAsync(new TextPosted(1, "bob", "日本語 👍 ok", DateTime.UtcNow));
        var row = _chat.Headless.Screen.Split('\n').Single(l => l.Contains("日本語", StringComparison.Ordinal));
        var reference = _chat.Headless.Screen.Split('\n').First(l => l.Contains("Users (3)", StringComparison.Ordinal));

        // The driver keeps one string element per cell's first column: a wide glyph stands for two.
        var rowColumns = Terminal.Gui.Text.StringExtensions.GetColumns(row.TrimEnd('\r'));
        var referenceColumns = Terminal.Gui.Text.StringExtensions.GetColumns(reference.TrimEnd('\r'));
        Assert.Equal(referenceColumns, rowColumns);
    }
}
