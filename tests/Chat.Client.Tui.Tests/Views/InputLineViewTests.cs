using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The input line alone in a 40-column window on a headless driver: keys in, screen text out.</summary>
public sealed class InputLineViewTests : IDisposable
{
    private const int ScreenWidth = 40;
    private readonly HeadlessApp _headless = new(ScreenWidth, 6);
    private readonly InputLine _line = new();
    private readonly Window _window;
    private readonly InputLineView _input;

    public InputLineViewTests()
    {
        _input = new InputLineView(_line) { X = 0, Y = 0, Width = Dim.Fill() };
        _window = new Window();
        _window.Add(_input);
        _headless.Begin(_window);
        _headless.OnUi(() => _input.SetFocus());
    }

    public void Dispose()
    {
        _headless.Dispose();
        _window.Dispose();
    }

    /// <summary>The row of the screen the input line is on (inside the window's border).</summary>
    private string InputRow => _headless.Screen.Split('\n')[1].TrimEnd('\r');

    [Fact]
    public void ShowsWhatIsTyped()
    {
        _headless.Type("hello");
        Assert.StartsWith("│hello ", InputRow);
    }

    [Fact]
    public void CtrlAGoesToTheStartInsteadOfSelectingAll()
    {
        _headless.Type("world");
        _headless.Press(Key.A.WithCtrl);
        _headless.Type("hello ");
        Assert.Equal("hello world", _line.Text);
        Assert.StartsWith("│hello world ", InputRow);
    }

    [Fact]
    public void EscCtrlHKillsAWordLikeAltBackspace()
    {
        // Terminals whose Backspace sends ^H send ESC ^H for Alt+Backspace.
        _headless.Type("one two three");
        _headless.Press(Key.H.WithCtrl.WithAlt);
        Assert.Equal("one two ", _line.Text);
        _headless.Press(Key.H.WithCtrl);
        Assert.Equal("one two", _line.Text);
    }

    [Fact]
    public void UnixKillAndYankKeysEditTheLine()
    {
        _headless.Type("see src/Chat.Client now");
        _headless.Press(Key.W.WithCtrl);
        Assert.Equal("see src/Chat.Client ", _line.Text);
        _headless.Press(Key.Backspace);
        _headless.Press(Key.Backspace.WithAlt);
        Assert.Equal("see src/Chat.", _line.Text);
        _headless.Press(Key.B.WithAlt);
        _headless.Press(Key.K.WithCtrl);
        Assert.Equal("see src/", _line.Text);
        _headless.Press(Key.U.WithCtrl);
        Assert.Equal(string.Empty, _line.Text);
        _headless.Press(Key.Y.WithCtrl);
        Assert.Equal("see src/", _line.Text);
        _headless.Press(Key.A.WithCtrl);
        _headless.Press(Key.F.WithAlt);
        _headless.Type("!");
        Assert.Equal("see! src/", _line.Text);
        _headless.Press(Key.E.WithCtrl);
        _headless.Type("x");
        Assert.Equal("see! src/x", _line.Text);
        Assert.StartsWith("│see! src/x ", InputRow);
    }

    [Fact]
    public void ALineWiderThanTheViewShowsItsEndWithTheCursor()
    {
        var text = string.Concat(Enumerable.Range(0, 4000).Select(i => (char)('a' + (i % 26))));
        _headless.OnUi(() => _line.Insert(text));
        var row = InputRow;
        var inner = ScreenWidth - 2;

        // The cursor stays on the last column; the columns before it show the end of the text.
        Assert.Equal("│" + text[^(inner - 1)..] + " │", row);
        Assert.Equal(ScreenWidth, row.Length);
        _headless.Press(Key.Home);
        Assert.Equal("│" + text[..inner] + "│", InputRow);
    }

    [Fact]
    public void MovingLeftPastTheViewScrollsBackHalfAWindow()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => (char)('a' + (i % 26))));
        _headless.Type(text);
        for (var i = 0; i < 38; i++)
        {
            _headless.Press(Key.CursorLeft);
        }

        var row = InputRow;
        Assert.Equal(ScreenWidth, row.Length);
        Assert.Contains(text[45..62], row);
        Assert.Equal(62, _line.Cursor);
    }

    [Theory]
    [InlineData("你好")]
    [InlineData("👍🏽")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇫🇷")]
    [InlineData("e\u0301")]
    public void WideAndCombinedCharactersNeverPushTheBorder(string cluster)
    {
        for (var i = 0; i < 30; i++)
        {
            _headless.Type("x");
            _headless.OnUi(() => _line.Insert(cluster));
            var screen = _headless.Screen.Split('\n');
            Assert.All(screen.Take(5).Skip(1), r => Assert.EndsWith("│", r.TrimEnd('\r')));
        }

        _headless.Press(Key.Home);
        Assert.EndsWith("│", InputRow);
    }

    [Fact]
    public void EnterAndTabAreLeftToTheWindow()
    {
        var seen = new List<Key>();
        _input.KeyDown += (_, key) => seen.Add(key);
        _headless.Type("hi");
        _headless.Press(Key.Enter);
        _headless.Press(Key.Tab);
        _headless.Press(Key.CursorUp);
        Assert.Equal([Key.Enter, Key.Tab, Key.CursorUp], seen);
        Assert.Equal("hi", _line.Text);
    }
}
