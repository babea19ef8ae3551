using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The window bar and switching windows, on a headless driver at 80x24, joined to a scripted server.</summary>
public sealed class ChatWindowSwitchingTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _viewModel = null!;
    private ChatWindow _window = null!;
    private Task _reading = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob", "carol"]));
        _session = session;
        _viewModel = new ChatViewModel(client, _server, new AppDispatcher(_headless.App), timeZone: TimeZoneInfo.Utc);
        _window = new ChatWindow(_viewModel);
        _headless.Begin(_window);
        _reading = Task.Run(_viewModel.RunAsync);
    }

    public async Task DisposeAsync()
    {
        await _viewModel.DisposeAsync();
        await _reading.WithTimeout();
        await _server.DisposeAsync();
        _headless.Dispose();
        _window.Dispose();
    }

    private string[] Rows => _headless.Screen.Split('\n').Select(r => r.TrimEnd('\r')).ToArray();

    /// <summary>The window bar's row: above the input line, inside the border.</summary>
    private string BarRow => Rows[20];

    private async Task ReceivePrivateAsync(string from, string text)
    {
        await _session.SendAsync(new PrivateMessage(from, "alice", text, At));
        await _headless.RunUntilAsync(() => _viewModel.Windows.FindPrivate(from) is not null, "the conversation's window");
    }

    [Fact]
    public async Task TheBarMarksAConversationWithAPrivateMessageAndAltTwoShowsIt()
    {
        Assert.StartsWith("│[1:TestServer] ", BarRow, StringComparison.Ordinal);
        await ReceivePrivateAsync("bob", "psst, alice");
        Assert.StartsWith("│[1:TestServer] 2:bob! ", BarRow, StringComparison.Ordinal);
        Assert.DoesNotContain("psst, alice", _headless.Screen, StringComparison.Ordinal);

        _headless.Press(Key.D2.WithAlt);
        var screen = _headless.Screen;
        Assert.Contains("<bob> psst, alice", screen, StringComparison.Ordinal);
        Assert.Contains("TestServer · alice · bob", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Users (", screen, StringComparison.Ordinal);
        Assert.StartsWith("│1:TestServer [2:bob] ", BarRow, StringComparison.Ordinal);

        _headless.Press(Key.D1.WithAlt);
        screen = _headless.Screen;
        Assert.Contains("Users (3)", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("psst, alice", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlNAndCtrlPGoRoundTheWindows()
    {
        await ReceivePrivateAsync("bob", "one");
        await ReceivePrivateAsync("carol", "two");
        _headless.Press(Key.N.WithCtrl);
        Assert.Equal("bob", _viewModel.Current.Label);
        _headless.Press(Key.N.WithCtrl);
        _headless.Press(Key.N.WithCtrl);
        Assert.Equal("TestServer", _viewModel.Current.Label);
        _headless.Press(Key.P.WithCtrl);
        Assert.Equal("carol", _viewModel.Current.Label);
        Assert.Contains("<carol> two", _headless.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AltAndADigitFromTheTerminalSwitchesToo()
    {
        await ReceivePrivateAsync("bob", "psst");

        // What xterm and tmux send for Alt+2 (with the meta key sending escape): ESC then '2'.
        _headless.Receive("\u001b2");
        Assert.Equal("bob", _viewModel.Current.Label);
        Assert.DoesNotContain("> 2", _headless.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypingInAConversationsWindowSendsToThatPerson()
    {
        await ReceivePrivateAsync("bob", "psst");
        _headless.Press(Key.D2.WithAlt);
        _headless.Type("hello bob");
        _headless.Press(Key.Enter);
        Assert.Equal(new SendPrivate("bob", "hello bob"), await _session.ReceiveAsync<SendPrivate>());
    }

    [Fact]
    public async Task EachWindowIsShownWhereItWasLeft()
    {
        for (var i = 1; i <= 40; i++)
        {
            await _session.SendAsync(new TextPosted(i, "carol", $"line {i}", At));
        }

        await ReceivePrivateAsync("bob", "psst");
        await _headless.RunUntilAsync(() => _viewModel.Log.Count == 43, "forty lines");
        _headless.Press(Key.PageUp);
        var top = Rows[1];
        Assert.DoesNotContain("line 40", _headless.Screen, StringComparison.Ordinal);

        _headless.Press(Key.D2.WithAlt);
        Assert.Contains("<bob> psst", _headless.Screen, StringComparison.Ordinal);
        _headless.Press(Key.D1.WithAlt);
        Assert.Equal(top, Rows[1]);

        // And a window that was following its tail still follows it.
        _headless.Press(Key.End.WithCtrl);
        _headless.Press(Key.D2.WithAlt);
        await _session.SendAsync(new TextPosted(41, "carol", "line 41", At));
        await _headless.RunUntilAsync(() => _viewModel.Windows.All[0].Log.Count == 44, "line 41");
        Assert.StartsWith("│1:TestServer* [2:bob] ", BarRow, StringComparison.Ordinal);
        _headless.Press(Key.D1.WithAlt);
        Assert.Contains("line 41", _headless.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinesThatArriveInAWindowOutOfViewAreThereWhenItComesBack()
    {
        await ReceivePrivateAsync("bob", "first");
        _headless.Press(Key.D2.WithAlt);
        _headless.Press(Key.D1.WithAlt);
        await _session.SendAsync(new PrivateMessage("bob", "alice", "second, while away", At));
        await _headless.RunUntilAsync(() => _viewModel.Windows.All[1].Log.Count == 2, "bob's second line");

        _headless.Press(Key.D2.WithAlt);
        var screen = _headless.Screen;
        Assert.Contains("<bob> first", screen, StringComparison.Ordinal);
        Assert.Contains("<bob> second, while away", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBarColoursAHighlightAndTheWindowInView()
    {
        await ReceivePrivateAsync("bob", "psst");
        _ = _headless.Screen;
        var (current, highlight) = _headless.OnUi(() =>
        {
            var contents = _headless.App.Driver!.Contents!;
            return (contents[20, 2].Attribute, contents[20, 16].Attribute);
        });
        Assert.True(current!.Value.Style.HasFlag(TextStyle.Reverse));
        Assert.Equal(new Color(ColorName16.BrightMagenta), highlight!.Value.Foreground);
    }
}
