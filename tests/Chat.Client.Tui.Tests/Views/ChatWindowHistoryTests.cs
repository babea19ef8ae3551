using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>Scrolling back on screen (80x24, headless) against a scripted server that keeps history.</summary>
public sealed class ChatWindowHistoryTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private HeadlessChatWindow _chat = null!;

    public async Task InitializeAsync() =>
        _chat = await HeadlessChatWindow.StartAsync("alice", hello =>
            FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"], recent: Lines(41, 60)) with { HistoryLimit = 20, HistoryEpoch = "e1" }, timeZone: TimeZoneInfo.Utc);

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private static TextPosted[] Lines(int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => new TextPosted(i, "bob", $"line {i}", At.AddMinutes(i)) { Room = "#lobby" })];

    private string[] Rows => _chat.Rows;

    /// <summary>The log's first row on screen: below the border and the topic.</summary>
    private string TopRow => Rows[2];

    [Fact]
    public async Task PgUpPastTheOldestLineLoadsOlderLinesAndTheViewStaysWhereItWas()
    {
        Assert.Contains("line 60", _chat.Headless.Screen, StringComparison.Ordinal);
        _chat.Headless.Press(Key.PageUp);
        _chat.Headless.Press(Key.PageUp);
        var request = await _chat.Session.ReceiveAsync<HistoryRequest>();
        Assert.Equal(41, request.BeforeId);
        var top = TopRow;
        Assert.Contains("Connected to TestServer", top, StringComparison.Ordinal);

        await _chat.Session.SendAsync(new HistoryBatch(request.RequestId, "#lobby", Lines(21, 40), more: false));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Log.Count > 40, "the older lines in the log");
        Assert.Equal(top, TopRow);
        Assert.DoesNotContain("line 40", _chat.Headless.Screen, StringComparison.Ordinal);

        // Scrolling on shows them, and at the top the beginning of the room.
        _chat.Headless.Press(Key.PageUp);
        Assert.Contains("line 40", _chat.Headless.Screen, StringComparison.Ordinal);
        _chat.Headless.Press(Key.PageUp);
        var screen = _chat.Headless.Screen;
        Assert.Contains("── beginning of #lobby ──", TopRow, StringComparison.Ordinal);
        Assert.Contains("09:21 <bob> line 21", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnterInASearchWindowShowsTheMatchMarkedInTheRoom()
    {
        _chat.Headless.Type("/search line");
        _chat.Headless.Press(Key.Enter);
        var request = await _chat.Session.ReceiveAsync<SearchRequest>();
        await _chat.Session.SendAsync(new SearchResults(request.RequestId, "#lobby", [.. Lines(45, 50).Reverse()], more: false));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Current is SearchWindowViewModel { Found: 6 }, "the matches");
        Assert.Contains("Search of #lobby for \"line\": 6 found", _chat.Headless.Screen, StringComparison.Ordinal);
        Assert.Contains("[2:?line]", _chat.Headless.Screen, StringComparison.Ordinal);

        _chat.Headless.Press(Key.CursorDown);
        _chat.Headless.Press(Key.CursorDown);
        _chat.Headless.Press(Key.Enter);
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Current is RoomWindowViewModel, "the room's window");
        var room = _chat.ViewModel.Current;
        var marked = Enumerable.Range(0, room.Log.Count).Single(i => room.Log[i].Marked);
        Assert.Equal("line 48", room.Log[marked].Text);
        Assert.Contains("line 48", _chat.Headless.Screen, StringComparison.Ordinal);
        Assert.False(room.Following);
    }
}
