using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>
/// The room window's layout at 80x24 on a headless driver, joined to a scripted server: paging,
/// the user list (F2, /users, its width, narrow terminals, after a kick), wide and combined
/// characters, and drawing without colour.
/// </summary>
public sealed class ChatWindowLayoutTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private HeadlessChatWindow _chat = null!;

    /// <summary>Set by a test before <see cref="InitializeAsync"/> runs: the palette the window draws with.</summary>
    private LogPalette Palette { get; init; } = LogPalette.Color;

    public async Task InitializeAsync() =>
        _chat = await HeadlessChatWindow.StartAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob", "carol"], maxTextLength: 4000), timeZone: TimeZoneInfo.Utc, palette: Palette);

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private string[] Rows => _chat.Rows;

    /// <summary>The column where the user list's frame starts on a row, or -1; measured in terminal columns, not characters.</summary>
    private static int FrameColumn(string row)
    {
        var index = row.IndexOfAny(['│', '╭', '╰'], 1);
        return index < 0 ? -1 : TerminalText.Columns(row[..index]);
    }

    [Fact]
    public async Task PageUpAndPageDownMoveAWholePageFromTheFirstPress()
    {
        await _chat.ReceiveAsync(Enumerable.Range(1, 60).Select(i => (ChatMessage)new TextPosted(i, "bob", $"msg {i}", At)).ToArray());

        // 63 rows (three welcome lines, then msg 1..60) in a log 19 rows high (the window bar takes one): msg 42 is on top.
        Assert.Contains("<bob> msg 42 ", Rows[1]);
        _chat.Headless.Press(Key.PageUp);
        Assert.Contains("<bob> msg 24 ", Rows[1]);
        _chat.Headless.Press(Key.PageUp);
        Assert.Contains("<bob> msg 6 ", Rows[1]);

        // Scrolled up, a new line does not move the page; the status line counts it.
        await _chat.ReceiveAsync(new TextPosted(61, "bob", "msg 61", At));
        Assert.Contains("<bob> msg 6 ", Rows[1]);
        Assert.Contains("1 new below", _chat.Headless.Screen, StringComparison.Ordinal);
        _chat.Headless.Press(Key.PageDown);
        Assert.Contains("<bob> msg 24 ", Rows[1]);
        _chat.Headless.Press(Key.PageDown);
        _chat.Headless.Press(Key.PageDown);
        Assert.Contains("<bob> msg 43 ", Rows[1]);
    }

    [Fact]
    public async Task ScrolledUpAMentionBelowMakesTheStatusLineStandOut()
    {
        await _chat.ReceiveAsync(Enumerable.Range(1, 40).Select(i => (ChatMessage)new TextPosted(i, "bob", $"msg {i}", At)).ToArray());
        _chat.Headless.Press(Key.PageUp);
        await _chat.ReceiveAsync(new TextPosted(41, "bob", "nothing for you", At));
        Assert.Contains("1 new below (Ctrl+End)", Rows[22], StringComparison.Ordinal);
        Assert.False(StatusReversed());

        await _chat.ReceiveAsync(new TextPosted(42, "bob", "alice: look here", At));
        Assert.Contains("2 new below, 1 for you (Ctrl+End)", Rows[22], StringComparison.Ordinal);
        Assert.True(StatusReversed());

        _chat.Headless.Press(Key.End.WithCtrl);
        Assert.DoesNotContain("new below", Rows[22], StringComparison.Ordinal);
        Assert.False(StatusReversed());
    }

    /// <summary>Whether the status line's first cell (row 22, inside the border) is drawn reversed.</summary>
    private bool StatusReversed()
    {
        _ = _chat.Headless.Screen;
        return _chat.Headless.OnUi(() => _chat.Headless.App.Driver!.Contents![22, 1].Attribute is { } a && a.Style.HasFlag(TextStyle.Reverse));
    }

    [Fact]
    public async Task F2AndTheUsersCommandToggleTheUserList()
    {
        Assert.Contains("Users (3)", _chat.Headless.Screen);
        _chat.Headless.Press(Key.F2);
        Assert.DoesNotContain("Users (3)", _chat.Headless.Screen);
        Assert.False(_chat.ViewModel.UserListShown);

        _chat.Headless.Type("/users");
        _chat.Headless.Press(Key.Enter);
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.UserListShown, "the list to come back");
        Assert.Contains("Users (3)", _chat.Headless.Screen);
    }

    [Fact]
    public async Task TheUserListIsAsWideAsItsNamesWithinBounds()
    {
        // "Users (3)" in its frame is the widest thing: 13 columns at the right edge, inside the window's border.
        Assert.Equal(80 - 1 - 13, FrameColumn(Rows[2]));

        await _chat.Session.SendAsync(new UsersJoined(["a_rather_long_name_here_x"]));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Users.Count == 4, "the new user");

        // At most a quarter of the window: 19 of 78 columns; the name is clipped, the border intact.
        Assert.Equal(80 - 1 - 19, FrameColumn(Rows[2]));
        Assert.All(Rows.Skip(2).Take(17), r => Assert.EndsWith("││", r));
    }

    [Fact]
    public void ANarrowTerminalHidesTheUserList()
    {
        _chat.Headless.OnUi(() => _chat.Headless.App.Driver!.SetScreenSize(ChatWindow.NarrowWidth, 20));
        Assert.Contains("Users (3)", _chat.Headless.Screen);
        _chat.Headless.OnUi(() => _chat.Headless.App.Driver!.SetScreenSize(ChatWindow.NarrowWidth - 1, 20));
        var screen = _chat.Headless.Screen;
        Assert.DoesNotContain("Users (", screen);
        Assert.Contains("Connected to", screen);
    }

    [Fact]
    public async Task AfterAKickTheOldUserListIsGone()
    {
        Assert.Contains("carol", _chat.Headless.Screen);
        await _chat.Session.CloseAsync(new ErrorMessage(ErrorCode.Kicked, "kicked by the operator") { Fatal = true });
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.State == ConnectionState.Disconnected, "the disconnect");
        var screen = _chat.Headless.Screen;
        Assert.Contains("Users (0)", screen);
        Assert.DoesNotContain("carol", screen);
    }

    [Theory]
    [InlineData("skin tones 👍🏽 👋🏿 ok")]
    [InlineData("family 👨‍👩‍👧 and 🧑‍💻 at work")]
    [InlineData("flags 🇫🇷🇩🇪🇯🇵 and 🏳️‍🌈")]
    [InlineData("combining e\u0301 a\u0308 o\u0302\u0323 and ❤️")]
    [InlineData("CJK 你好世界 こんにちは 안녕하세요")]
    public async Task WideAndCombinedCharactersKeepTheUserListBorderInPlace(string text)
    {
        var line = string.Concat(Enumerable.Repeat(text + " ", 6));
        await _chat.ReceiveAsync(new TextPosted(1, "bob", line, At), new TextPosted(2, "carol", text, At));
        _chat.Headless.OnUi(() => _chat.ViewModel.Input.Insert(line));

        var rows = Rows;
        for (var i = 1; i <= 19; i++)
        {
            Assert.Equal(80 - 1 - 13, FrameColumn(rows[i]));
            Assert.Equal(79, TerminalText.Columns(rows[i][..^1]));
        }

        // The input line and the status line keep the window's right border too.
        Assert.Equal(79, TerminalText.Columns(rows[^3][..^1]));
        Assert.EndsWith("│", rows[^3]);
    }
}

/// <summary>The room drawn without colour (NO_COLOR, --mono).</summary>
public sealed class ChatWindowMonoTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private HeadlessChatWindow _chat = null!;

    public async Task InitializeAsync() =>
        _chat = await HeadlessChatWindow.StartAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob"]), timeZone: TimeZoneInfo.Utc, palette: LogPalette.Mono);

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task EveryCellIsBlackAndWhite()
    {
        await _chat.Session.SendAsync(new TextPosted(1, "bob", "alice: a mention", At));
        await _chat.Session.SendAsync(new PrivateMessage("bob", "alice", "psst", At));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Log.Count >= 4 && _chat.ViewModel.Windows.All.Count == 2, "the lines");
        Assert.Contains("[1:TestServer] 2:bob!", _chat.Headless.Screen, StringComparison.Ordinal);
        _ = _chat.Headless.Screen;
        var colours = _chat.Headless.OnUi(() =>
        {
            var contents = _chat.Headless.App.Driver!.Contents!;
            var seen = new HashSet<Color>();
            for (var row = 0; row < contents.GetLength(0); row++)
            {
                for (var col = 0; col < contents.GetLength(1); col++)
                {
                    if (contents[row, col].Attribute is { } attribute)
                    {
                        seen.Add(attribute.Foreground);
                        seen.Add(attribute.Background);
                    }
                }
            }

            return seen;
        });
        Assert.Subset(new HashSet<Color> { new(ColorName16.White), new(ColorName16.Black) }, colours);
    }
}
