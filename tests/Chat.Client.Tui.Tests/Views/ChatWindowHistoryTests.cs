using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>Scrolling back on screen (80x24, headless) against a scripted server that keeps history.</summary>
public sealed class ChatWindowHistoryTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _viewModel = null!;
    private ChatWindow _window = null!;
    private Task _reading = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello =>
            FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"], recent: Lines(41, 60)) with { HistoryLimit = 20, HistoryEpoch = "e1" });
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

    private static TextPosted[] Lines(int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => new TextPosted(i, "bob", $"line {i}", At.AddMinutes(i)) { Room = "#lobby" })];

    private string[] Rows => [.. _headless.Screen.Split('\n').Select(r => r.TrimEnd('\r'))];

    /// <summary>The log's first row on screen: below the border and the topic.</summary>
    private string TopRow => Rows[2];

    [Fact]
    public async Task PgUpPastTheOldestLineLoadsOlderLinesAndTheViewStaysWhereItWas()
    {
        Assert.Contains("line 60", _headless.Screen, StringComparison.Ordinal);
        _headless.Press(Key.PageUp);
        _headless.Press(Key.PageUp);
        var request = await _session.ReceiveAsync<HistoryRequest>();
        Assert.Equal(41, request.BeforeId);
        var top = TopRow;
        Assert.Contains("Connected to TestServer", top, StringComparison.Ordinal);

        await _session.SendAsync(new HistoryBatch(request.RequestId, "#lobby", Lines(21, 40), more: false));
        await _headless.RunUntilAsync(() => _viewModel.Log.Count > 40, "the older lines in the log");
        Assert.Equal(top, TopRow);
        Assert.DoesNotContain("line 40", _headless.Screen, StringComparison.Ordinal);

        // Scrolling on shows them, and at the top the beginning of the room.
        _headless.Press(Key.PageUp);
        Assert.Contains("line 40", _headless.Screen, StringComparison.Ordinal);
        _headless.Press(Key.PageUp);
        var screen = _headless.Screen;
        Assert.Contains("── beginning of #lobby ──", TopRow, StringComparison.Ordinal);
        Assert.Contains("09:21 <bob> line 21", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnterInASearchWindowShowsTheMatchMarkedInTheRoom()
    {
        _headless.Type("/search line");
        _headless.Press(Key.Enter);
        var request = await _session.ReceiveAsync<SearchRequest>();
        await _session.SendAsync(new SearchResults(request.RequestId, "#lobby", [.. Lines(45, 50).Reverse()], more: false));
        await _headless.RunUntilAsync(() => _viewModel.Current is SearchWindowViewModel { Found: 6 }, "the matches");
        Assert.Contains("Search of #lobby for \"line\": 6 found", _headless.Screen, StringComparison.Ordinal);
        Assert.Contains("[2:?line]", _headless.Screen, StringComparison.Ordinal);

        _headless.Press(Key.CursorDown);
        _headless.Press(Key.CursorDown);
        _headless.Press(Key.Enter);
        await _headless.RunUntilAsync(() => _viewModel.Current is RoomWindowViewModel, "the room's window");
        var room = _viewModel.Current;
        var marked = Enumerable.Range(0, room.Log.Count).Single(i => room.Log[i].Marked);
        Assert.Equal("line 48", room.Log[marked].Text);
        Assert.Contains("line 48", _headless.Screen, StringComparison.Ordinal);
        Assert.False(room.Following);
    }
}
