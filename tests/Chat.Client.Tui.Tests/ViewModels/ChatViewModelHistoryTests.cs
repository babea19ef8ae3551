using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// Scrolling back and searching against a scripted server that keeps history: what each asks
/// the server for, and where the lines of its answer go.
/// </summary>
public sealed class ChatViewModelHistoryTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _chat = null!;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello =>
            FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"], recent: [Line(40), Line(41)]) with { HistoryLimit = 50, HistoryEpoch = "e1" });
        _session = session;
        _chat = new ChatViewModel(client, _server, _ui, new FakeTimeProvider(At), TimeZoneInfo.Utc);
        _ = _chat.RunAsync();
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static TextPosted Line(long id, string? text = null) => new(id, "bob", text ?? $"line {id}", At.AddMinutes(id)) { Room = "#lobby" };

    private static TextPosted[] Lines(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => Line(i))];

    private static List<string> Texts(WindowViewModel window) => [.. Enumerable.Range(0, window.Log.Count).Select(i => window.Log[i].Text)];

    /// <summary>Sends a line and checks that it is the next thing the server receives: no request was made before it.</summary>
    private async Task AssertNothingSentBeforeAsync()
    {
        _chat.SelectWindow(1);
        Assert.True(await _chat.SubmitAsync("marker").WithTimeout());
        Assert.Equal(new SendText("marker") { Room = "#lobby" }, await _session.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task ScrollingPastTheOldestLineLoadsTheLinesBeforeItAboveOnceAtATime()
    {
        var room = _chat.Current;
        await _chat.LoadOlderAsync().WithTimeout();
        await _chat.LoadOlderAsync().WithTimeout(); // While the first is on its way: nothing.
        var request = await _session.ReceiveAsync<HistoryRequest>();
        Assert.Equal(("#lobby", 0L, 40L, false), (request.Target, request.AfterId, request.BeforeId, request.Private));
        await _session.SendAsync(new HistoryBatch(request.RequestId, "#lobby", Lines(38, 39), more: true));
        await _ui.RunUntilAsync(() => Texts(room).Contains("line 38"), "the older lines");

        // Above everything, in id order, as history.
        var texts = Texts(room);
        Assert.Equal(["line 38", "line 39"], texts.Take(2));
        Assert.True(texts.IndexOf("line 39") < texts.IndexOf("line 40"));
        Assert.True(room.Log[0].History);
        await AssertNothingSentBeforeAsync();

        await _chat.LoadOlderAsync().WithTimeout();
        request = await _session.ReceiveAsync<HistoryRequest>();
        Assert.Equal(38, request.BeforeId);
        await _session.SendAsync(new HistoryBatch(request.RequestId, "#lobby", [Line(37)], more: false));
        await _ui.RunUntilAsync(() => room.History.AtBeginning, "the beginning");
        Assert.Equal(["── beginning of #lobby ──", "line 37", "line 38"], Texts(room).Take(3));
        Assert.Equal(LogKind.Divider, room.Log[0].Kind);

        // At the beginning, nothing more is asked for.
        await _chat.LoadOlderAsync().WithTimeout();
        await AssertNothingSentBeforeAsync();
    }

    [Fact]
    public async Task LinesOlderThanTheOldestAreNotShownTwice()
    {
        var room = _chat.Current;
        await _chat.LoadOlderAsync().WithTimeout();
        var request = await _session.ReceiveAsync<HistoryRequest>();
        await _session.SendAsync(new HistoryBatch(request.RequestId, "#lobby", [Line(39), Line(40), Line(41)], more: true));
        await _ui.RunUntilAsync(() => Texts(room).Contains("line 39"), "the older line");
        Assert.Single(Texts(room), t => t == "line 40");
        Assert.Single(Texts(room), t => t == "line 41");
    }

    [Fact]
    public async Task ARefusalIsToldAndScrollingBackCanBeTriedAgain()
    {
        var room = _chat.Current;
        await _chat.LoadOlderAsync().WithTimeout();
        var request = await _session.ReceiveAsync<HistoryRequest>();
        await _session.SendAsync(new ErrorMessage(ErrorCode.RateLimited, "Slow down.") { RequestId = request.RequestId });
        await _ui.RunUntilAsync(() => Texts(room).Any(t => t.Contains("Slow down.", StringComparison.Ordinal)), "the refusal");
        Assert.False(room.History.Loading);
        await _chat.LoadOlderAsync().WithTimeout();
        Assert.Equal(40, (await _session.ReceiveAsync<HistoryRequest>()).BeforeId);
    }

    [Fact]
    public async Task SearchShowsMatchesNewestFirstAndLoadsMoreAtTheEnd()
    {
        Assert.True(await _chat.SubmitAsync("/search deploy").WithTimeout());
        var search = Assert.IsType<SearchWindowViewModel>(_chat.Current);
        Assert.Equal("?deploy", search.Label);
        var request = await _session.ReceiveAsync<SearchRequest>();
        Assert.Equal(("#lobby", "deploy", 0L), (request.Room, request.Words, request.BeforeId));
        await _session.SendAsync(new SearchResults(request.RequestId, "#lobby", [Line(30, "deploy at 3"), Line(20, "deploy at 2")], more: true));
        await _ui.RunUntilAsync(() => search.Found == 2, "two matches");
        Assert.Equal(["deploy at 3", "deploy at 2"], Texts(search));
        Assert.Equal(0, search.Selected);
        Assert.Contains("2 found, more at the end (PgDn)", search.TopicLine);

        _chat.MoveMatch(search, 1);
        Assert.Equal(1, search.Selected);
        _chat.MoveMatch(search, 1); // Past the last: more.
        _chat.MoveMatch(search, 1); // While they come: no second request.
        request = await _session.ReceiveAsync<SearchRequest>();
        Assert.Equal(20, request.BeforeId);
        await _session.SendAsync(new SearchResults(request.RequestId, "#lobby", [Line(5, "deploy at 1")], more: false));
        await _ui.RunUntilAsync(() => search.Found == 3, "the third match");
        Assert.Equal("deploy at 2", search.SelectedLine?.Text);
        Assert.Contains("3 found ·", search.TopicLine);
        _chat.MoveMatch(search, 1);
        Assert.Equal("deploy at 1", search.SelectedLine?.Text);
        _chat.MoveMatch(search, 1);

        // A line typed in a search's window is not said anywhere.
        Assert.False(await _chat.SubmitAsync("not for the room").WithTimeout());
        Assert.StartsWith("This window shows a search of #lobby", search.Log[^1].Text, StringComparison.Ordinal);
        await AssertNothingSentBeforeAsync();
    }

    [Fact]
    public async Task EnterOnAMatchShowsItInItsRoomWithTheLinesAroundIt()
    {
        var room = _chat.Current;
        Assert.True(await _chat.SubmitAsync("/search release").WithTimeout());
        var search = (SearchWindowViewModel)_chat.Current;
        var request = await _session.ReceiveAsync<SearchRequest>();
        await _session.SendAsync(new SearchResults(request.RequestId, "#lobby", [Line(12, "release day")], more: false));
        await _ui.RunUntilAsync(() => search.Found == 1, "the match");

        var opening = _chat.OpenMatchAsync(search);
        var before = await _session.ReceiveAsync<HistoryRequest>();
        Assert.Equal((0L, 13L, ChatViewModel.ContextLines + 1), (before.AfterId, before.BeforeId, before.Limit));
        await _session.SendAsync(new HistoryBatch(before.RequestId, "#lobby", [Line(10), Line(11), Line(12, "release day")], more: false));
        var after = await _session.ReceiveAsync<HistoryRequest>();
        Assert.Equal((12L, 40L), (after.AfterId, after.BeforeId));
        await _session.SendAsync(new HistoryBatch(after.RequestId, "#lobby", [Line(13), Line(14)], more: true));
        await opening.WithTimeout();
        await _ui.RunUntilAsync(() => ReferenceEquals(_chat.Current, room), "the room's window in view");

        var texts = Texts(room);
        Assert.Equal(["── beginning of #lobby ──", "line 10", "line 11", "release day", "line 13", "line 14", ChatViewModel.NotLoadedText], texts.Take(7));
        Assert.True(texts.IndexOf(ChatViewModel.NotLoadedText) < texts.IndexOf("line 40"));
        Assert.True(room.Log[3].Marked);
        Assert.False(room.Following);
        Assert.Single(Enumerable.Range(0, room.Log.Count), i => room.Log[i].Marked);

        // A match the room's window shows already is marked there without asking the server.
        Assert.Equal(2, _chat.Windows.NumberOf(search));
        Assert.True(await _chat.SubmitAsync("/window 2").WithTimeout());
        await _chat.OpenMatchAsync(search).WithTimeout();
        Assert.Same(room, _chat.Current);
        Assert.True(room.Log[3].Marked);
        await AssertNothingSentBeforeAsync();
    }

    [Fact]
    public async Task SearchingOutsideARoomOrOnAServerWithoutHistorySaysSo()
    {
        Assert.True(await _chat.SubmitAsync("/query bob").WithTimeout());
        Assert.True(await _chat.SubmitAsync("/search anything").WithTimeout());
        Assert.Contains("/search works in a room's window", _chat.Log[^1].Text);
        Assert.Equal(2, _chat.Windows.All.Count);
    }
}

/// <summary>A server that keeps no history: scrolling back and searching say so and ask nothing.</summary>
public sealed class ChatViewModelNoHistoryTests : IAsyncLifetime
{
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _chat = null!;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice"]));
        _session = session;
        _chat = new ChatViewModel(client, _server, _ui, timeZone: TimeZoneInfo.Utc);
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task NothingIsAskedAndTheUserIsTold()
    {
        await _chat.LoadOlderAsync().WithTimeout();
        Assert.Equal("── TestServer keeps no history to scroll back to ──", _chat.Log[0].Text);
        await _chat.LoadOlderAsync().WithTimeout();
        Assert.Single(Enumerable.Range(0, _chat.Log.Count), i => _chat.Log[i].Kind == LogKind.Divider);
        Assert.True(await _chat.SubmitAsync("/search x").WithTimeout());
        Assert.Equal("TestServer keeps no history to search.", _chat.Log[^1].Text);
        Assert.True(await _chat.SubmitAsync("marker").WithTimeout());
        Assert.Equal(new SendText("marker") { Room = "#lobby" }, await _session.ReceiveAsync<SendText>());
    }
}

/// <summary>The day the log calls today, on a fake clock in a time zone other than UTC.</summary>
public sealed class ChatViewModelDayTests
{
    [Fact]
    public async Task TodayFollowsMidnightInTheUsersTimeZone()
    {
        var ui = new TestDispatcher();
        await using var server = new FakeRoom();
        var (client, _) = await server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello));

        // 22:30 UTC is 23:30 in a zone one hour ahead: midnight there comes in 30 minutes.
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+1", TimeSpan.FromHours(1), "UTC+1", "UTC+1");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.Zero));
        await using var chat = new ChatViewModel(client, server, ui, time, zone);
        var changed = 0;
        chat.TodayChanged += (_, _) => changed++;
        Assert.Equal(new DateOnly(2026, 12, 1), chat.Today);

        time.Advance(TimeSpan.FromMinutes(29));
        ui.RunPending();
        Assert.Equal(0, changed);
        time.Advance(TimeSpan.FromMinutes(1));
        await ui.RunUntilAsync(() => changed == 1, "midnight");
        Assert.Equal(new DateOnly(2026, 12, 2), chat.Today);

        time.Advance(TimeSpan.FromDays(1));
        await ui.RunUntilAsync(() => changed == 2, "the next midnight");
        Assert.Equal(new DateOnly(2026, 12, 3), chat.Today);
    }
}
