using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Tests.Views;

public sealed class TerminalKeysTests : IDisposable
{
    private readonly HeadlessApp _headless = new(40, 6);
    private readonly Window _window = new() { Title = "room" };
    private readonly TerminalKeys _keys;

    public TerminalKeysTests()
    {
        _window.Add(new Label { Text = "hello", X = 0, Y = 0 });
        _headless.Begin(_window);
        _keys = new TerminalKeys(_headless.App, TerminalModes.Capture());
        _headless.OnUi(_keys.Attach);
    }

    public void Dispose()
    {
        _headless.OnUi(_keys.Detach);
        _headless.Dispose();
        _window.Dispose();
    }

    [Fact]
    public void CtrlLDrawsEveryCellAgain()
    {
        Assert.Contains("│hello", _headless.Screen);

        // Cells the views did not draw, as when the terminal showed something else: a plain redraw keeps them.
        _headless.OnUi(() =>
        {
            _headless.App.Driver!.Move(0, 1);
            _headless.App.Driver.AddStr("garbage!");
        });
        Assert.Contains("garbage!", _headless.Screen);

        _headless.Press(Key.L.WithCtrl);
        var screen = _headless.Screen;
        Assert.DoesNotContain("garbage!", screen);
        Assert.Contains("│hello", screen);
    }

    [Fact]
    public void EscDelFromTheTerminalArrivesAsAltBackspace()
    {
        var seen = new List<Key>();
        _headless.OnUi(() => _headless.App.Keyboard.KeyDown += (_, key) => seen.Add(key));

        // What xterm and tmux send for Alt+Backspace; Terminal.Gui's parser alone drops it.
        _headless.Receive("\u001b\u007f");
        Assert.Contains(Key.Backspace.WithAlt, seen);

        // Sequences the parser knows still arrive as themselves, once.
        seen.Clear();
        _headless.Receive("\u001bb");
        Assert.Equal([Key.B.WithAlt], seen);
    }

    [Theory]
    [InlineData("\u001b\u007f", true)]
    [InlineData("\u001b[99~", false)]
    [InlineData("\u001b\u0001", false)]
    public void OnlyEscDelIsTakenBack(string sequence, bool isAltBackspace) =>
        Assert.Equal(isAltBackspace ? Key.Backspace.WithAlt : null, TerminalKeys.KeyForSwallowedSequence(sequence));

    [Fact]
    public async Task ResumingAfterAStopRedrawsEverything()
    {
        _headless.OnUi(() =>
        {
            _headless.App.Driver!.Move(0, 2);
            _headless.App.Driver.AddStr("stale");
        });
        Assert.Contains("stale", _headless.Screen);

        // What the SIGCONT handler calls, from the signal's thread.
        await Task.Run(_keys.Resumed).WithTimeout();
        await _headless.RunUntilAsync(() => !_headless.Screen.Contains("stale", StringComparison.Ordinal), "the redraw");
        Assert.Contains("│hello", _headless.Screen);
    }
}
