using Chat.Client.Tui.Tests.Support;
using Chat.Protocol;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The window bar and switching windows, on a headless driver at 80x24, joined to a scripted server.</summary>
public sealed class ChatWindowSwitchingTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private HeadlessChatWindow _chat = null!;

    public async Task InitializeAsync() =>
        _chat = await HeadlessChatWindow.StartAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob", "carol"]), timeZone: TimeZoneInfo.Utc);

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private string[] Rows => _chat.Rows;

    /// <summary>The window bar's row: above the input line, inside the border.</summary>
    private string BarRow => Rows[20];

    private async Task ReceivePrivateAsync(string from, string text)
    {
        await _chat.Session.SendAsync(new PrivateMessage(from, "alice", text, At));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Windows.FindPrivate(from) is not null, "the conversation's window");
    }

    [Fact]
    public async Task TheBarMarksAConversationWithAPrivateMessageAndAltTwoShowsIt()
    {
        Assert.StartsWith("│[1:TestServer] ", BarRow, StringComparison.Ordinal);
        await ReceivePrivateAsync("bob", "psst, alice");
        Assert.StartsWith("│[1:TestServer] 2:bob! ", BarRow, StringComparison.Ordinal);
        Assert.DoesNotContain("psst, alice", _chat.Headless.Screen, StringComparison.Ordinal);

        _chat.Headless.Press(Key.D2.WithAlt);
        var screen = _chat.Headless.Screen;
        Assert.Contains("<bob> psst, alice", screen, StringComparison.Ordinal);
        Assert.Contains("TestServer · alice · bob", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Users (", screen, StringComparison.Ordinal);
        Assert.StartsWith("│1:TestServer [2:bob] ", BarRow, StringComparison.Ordinal);

        _chat.Headless.Press(Key.D1.WithAlt);
        screen = _chat.Headless.Screen;
        Assert.Contains("Users (3)", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("psst, alice", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlNAndCtrlPGoRoundTheWindows()
    {
        await ReceivePrivateAsync("bob", "one");
        await ReceivePrivateAsync("carol", "two");
        _chat.Headless.Press(Key.N.WithCtrl);
        Assert.Equal("bob", _chat.ViewModel.Current.Label);
        _chat.Headless.Press(Key.N.WithCtrl);
        _chat.Headless.Press(Key.N.WithCtrl);
        Assert.Equal("TestServer", _chat.ViewModel.Current.Label);
        _chat.Headless.Press(Key.P.WithCtrl);
        Assert.Equal("carol", _chat.ViewModel.Current.Label);
        Assert.Contains("<carol> two", _chat.Headless.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AltAndADigitFromTheTerminalSwitchesToo()
    {
        await ReceivePrivateAsync("bob", "psst");

        // What xterm and tmux send for Alt+2 (with the meta key sending escape): ESC then '2'.
        _chat.Headless.Receive("\u001b2");
        Assert.Equal("bob", _chat.ViewModel.Current.Label);
        Assert.DoesNotContain("> 2", _chat.Headless.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypingInAConversationsWindowSendsToThatPerson()
    {
        await ReceivePrivateAsync("bob", "psst");
        _chat.Headless.Press(Key.D2.WithAlt);
        _chat.Headless.Type("hello bob");
        _chat.Headless.Press(Key.Enter);
        Assert.Equal(new SendPrivate("bob", "hello bob"), await _chat.Session.ReceiveAsync<SendPrivate>());
    }

    [Fact]
    public async Task EachWindowIsShownWhereItWasLeft()
    {
        for (var i = 1; i <= 40; i++)
        {
            await _chat.Session.SendAsync(new TextPosted(i, "carol", $"line {i}", At));
        }

        await ReceivePrivateAsync("bob", "psst");
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Log.Count == 43, "forty lines");
        _chat.Headless.Press(Key.PageUp);
        var top = Rows[1];
        Assert.DoesNotContain("line 40", _chat.Headless.Screen, StringComparison.Ordinal);

        _chat.Headless.Press(Key.D2.WithAlt);
        Assert.Contains("<bob> psst", _chat.Headless.Screen, StringComparison.Ordinal);
        _chat.Headless.Press(Key.D1.WithAlt);
        Assert.Equal(top, Rows[1]);

        // And a window that was following its tail still follows it.
        _chat.Headless.Press(Key.End.WithCtrl);
        _chat.Headless.Press(Key.D2.WithAlt);
        await _chat.Session.SendAsync(new TextPosted(41, "carol", "line 41", At));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Windows.All[0].Log.Count == 44, "line 41");
        Assert.StartsWith("│1:TestServer* [2:bob] ", BarRow, StringComparison.Ordinal);
        _chat.Headless.Press(Key.D1.WithAlt);
        Assert.Contains("line 41", _chat.Headless.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinesThatArriveInAWindowOutOfViewAreThereWhenItComesBack()
    {
        await ReceivePrivateAsync("bob", "first");
        _chat.Headless.Press(Key.D2.WithAlt);
        _chat.Headless.Press(Key.D1.WithAlt);
        await _chat.Session.SendAsync(new PrivateMessage("bob", "alice", "second, while away", At));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Windows.All[1].Log.Count == 2, "bob's second line");

        _chat.Headless.Press(Key.D2.WithAlt);
        var screen = _chat.Headless.Screen;
        Assert.Contains("<bob> first", screen, StringComparison.Ordinal);
        Assert.Contains("<bob> second, while away", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBarColoursAHighlightAndTheWindowInView()
    {
        await ReceivePrivateAsync("bob", "psst");
        _ = _chat.Headless.Screen;
        var (current, highlight) = _chat.Headless.OnUi(() =>
        {
            var contents = _chat.Headless.App.Driver!.Contents!;
            return (contents[20, 2].Attribute, contents[20, 16].Attribute);
        });
        Assert.True(current!.Value.Style.HasFlag(TextStyle.Reverse));
        Assert.Equal(new Color(ColorName16.BrightMagenta), highlight!.Value.Foreground);
    }
}
