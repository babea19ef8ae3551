using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// Reconnecting: a real <see cref="ChatClient"/> over TCP to a scripted server reconnects by
/// itself (<see cref="ChatClientOptions.Reconnect"/>), on a fake clock, and the view model shows
/// each wait, the return, and the lines caught up on; no test waits for real time to pass.
/// </summary>
public sealed class ChatViewModelReconnectTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private static readonly TextPosted OldLine = new(5, "bob", "old line", At) { Room = "#lobby" };
    private readonly TestDispatcher _ui = new();
    private readonly FakeTimeProvider _time = new(At);
    private readonly FakeRoom _server;
    private FakeSession _first = null!;
    private ChatViewModel _room = null!;

    public ChatViewModelReconnectTests() =>
        _server = new FakeRoom(TransportKind.Tcp, ReconnectBackoff.Default with { Jitter = 0 }, _time);

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => Welcome(hello, "e1", [OldLine]));
        _first = session;
        _room = new ChatViewModel(client, _server, _ui, _time, TimeZoneInfo.Utc);
    }

    public async Task DisposeAsync()
    {
        // The scripted server first: its sessions neither read nor answer a goodbye, so a client
        // leaving while one is open would wait out its close timeout (5 s of real time) for the
        // server to close; with the server gone, the client has nobody to say goodbye to.
        await _server.DisposeAsync();
        await _room.DisposeAsync().AsTask().WithTimeout();
    }

    /// <summary>A server with rooms that keeps history (up to 50 lines a batch) under <paramref name="epoch"/>.</summary>
    private static Welcome Welcome(Hello hello, string epoch, IReadOnlyList<TextPosted> recent) =>
        FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"], recent: recent) with { HistoryLimit = 50, HistoryEpoch = epoch };

    /// <summary>
    /// Moves the fake clock on a second at a time until <paramref name="reconnected"/> completes: the
    /// client says it is reconnecting before it starts its wait, so one step could come before the
    /// wait's timer exists, and be lost.
    /// </summary>
    private async Task<T> AfterTheWaitAsync<T>(Task<T> reconnected)
    {
        var deadline = DateTime.UtcNow + TestTimeout.Value;
        while (!reconnected.IsCompleted && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(reconnected, Task.Delay(20));
        }

        return await reconnected.WithTimeout();
    }

    private List<string> Texts => [.. Enumerable.Range(0, _room.Log.Count).Select(i => _room.Log[i].Text)];

    private async Task StatusAsync(string text)
    {
        try
        {
            await _ui.RunUntilAsync(() => _room.Status.Contains(text, StringComparison.Ordinal), $"status containing \"{text}\"");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; it is \"{_room.Status}\"", ex);
        }
    }

    [Fact]
    public async Task TheClientReconnectsByItselfAndTheLinesMissedComeOnceAsHistory()
    {
        _ = _room.RunAsync();
        _first.Abort();
        await StatusAsync("— reconnecting in 1 s (attempt 1) · Ctrl+R now");
        Assert.Equal(ConnectionState.Reconnecting, _room.State);
        Assert.Contains(Texts, t => t.EndsWith("— reconnecting in 1 s (attempt 1)", StringComparison.Ordinal));
        Assert.Empty(_room.Users);

        var second = await AfterTheWaitAsync(_server.WelcomeNextAsync(hello => Welcome(hello, "e1", [OldLine])));

        // Same history (same epoch): the client asks for what came after the last line it gave.
        var request = await second.ReceiveAsync<HistoryRequest>();
        Assert.Equal(5, request.AfterId);
        await second.SendAsync(new HistoryBatch(request.RequestId, "#lobby", [new TextPosted(6, "bob", "missed line", At) { Room = "#lobby" }], more: false));
        await _ui.RunUntilAsync(() => Texts.Contains("missed line"), "the missed line");

        Assert.Equal(ConnectionState.Connected, _room.State);
        Assert.Contains("alice on TestServer", _room.Status);
        Assert.Single(Texts, t => t == "old line");
        Assert.Single(Texts, t => t == "missed line");
        Assert.True(_room.Log[Texts.IndexOf("missed line")].History);
        Assert.DoesNotContain(ChatViewModel.GapText, Texts);
        Assert.True(Texts.IndexOf("Reconnected to TestServer (127.0.0.1:5000) as alice.") < Texts.IndexOf("missed line"));

        // A line said now is not history, and the new session is the one used.
        await second.SendAsync(new TextPosted(7, "bob", "live again", At) { Room = "#lobby" });
        await _ui.RunUntilAsync(() => Texts.Contains("live again"), "the live line");
        Assert.False(_room.Log[^1].History);
        Assert.True(await _room.SubmitAsync("back").WithTimeout());
        Assert.Equal(new SendText("back") { Room = "#lobby" }, await second.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task AfterTheServersHistoryBeganAgainLinesWithLowerIdsAreShownNotHidden()
    {
        // The bug issue 15 names: a server restarted without its history starts ids at 1 again, and a
        // client that compared them with the ids it had shown hid every new line.
        _ = _room.RunAsync();
        await _first.SendAsync(new TextPosted(40, "bob", "before the restart", At) { Room = "#lobby" });
        await _ui.RunUntilAsync(() => Texts.Contains("before the restart"), "a line with a high id");
        await _first.CloseAsync(new ServerShutdown("restarting"));
        await StatusAsync("(attempt 1)");

        var second = await AfterTheWaitAsync(_server.WelcomeNextAsync(hello => Welcome(hello, "e2", [new TextPosted(1, "carol", "first after the restart", At) { Room = "#lobby" }])));
        await _ui.RunUntilAsync(() => Texts.Contains("first after the restart"), "the join's line of the new history");
        await second.SendAsync(new TextPosted(2, "carol", "second after the restart", At) { Room = "#lobby" });
        await _ui.RunUntilAsync(() => Texts.Contains("second after the restart"), "a live line with a low id");

        var texts = Texts;
        Assert.Single(texts, t => t == "before the restart");
        Assert.True(texts.IndexOf("before the restart") < texts.IndexOf(ChatViewModel.GapText));
        Assert.True(texts.IndexOf(ChatViewModel.GapText) < texts.IndexOf("first after the restart"));

        // The old line's id 5 is another history's: a new line 5 is shown too.
        await second.SendAsync(new TextPosted(5, "carol", "five again", At) { Room = "#lobby" });
        await _ui.RunUntilAsync(() => Texts.Contains("five again"), "a new line with an id shown before");
        Assert.Single(Texts, t => t == "old line");
    }

    [Fact]
    public async Task CtrlRCutsTheWaitShort()
    {
        _ = _room.RunAsync();
        _first.Abort();
        await StatusAsync("reconnecting in 1 s (attempt 1)");
        _room.ReconnectNow();
        var second = await _server.WelcomeNextAsync(hello => Welcome(hello, "e1", [OldLine]));
        var request = await second.ReceiveAsync<HistoryRequest>();
        await second.SendAsync(new HistoryBatch(request.RequestId, "#lobby", [], more: false));
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again without the clock moving");
    }

    [Fact]
    public async Task LinesNoLongerKeptAreShownAsAGap()
    {
        _ = _room.RunAsync();
        _first.Abort();
        await StatusAsync("(attempt 1)");
        var second = await AfterTheWaitAsync(_server.WelcomeNextAsync(hello => Welcome(hello, "e1", [])));
        var request = await second.ReceiveAsync<HistoryRequest>();
        await second.SendAsync(new HistoryBatch(request.RequestId, "#lobby", [new TextPosted(90, "bob", "after the gap", At) { Room = "#lobby" }], more: false) { Gap = true });
        await _ui.RunUntilAsync(() => Texts.Contains("after the gap"), "the line after the gap");
        Assert.Equal(Texts.IndexOf("after the gap") - 1, Texts.IndexOf(ChatViewModel.GapText));
        Assert.Equal(LogKind.Divider, _room.Log[Texts.IndexOf(ChatViewModel.GapText)].Kind);
    }

    [Fact]
    public async Task AKickEndsTheSessionAndCtrlRConnectsAgain()
    {
        _ = _room.RunAsync();
        await _first.CloseAsync(new ErrorMessage(ErrorCode.Kicked, "kicked by the operator: spam") { Fatal = true });
        await StatusAsync("Disconnected: the server closed the session: kicked by the operator: spam");
        Assert.Equal(0, _server.Attempts);

        _time.Advance(TimeSpan.FromHours(1));
        _ui.RunPending();
        Assert.Equal(ConnectionState.Disconnected, _room.State);

        // Connected again by the view model, it asks for what was said between the last line shown and the join's first.
        Assert.True(await _room.SubmitAsync("/reconnect").WithTimeout());
        var second = await _server.WelcomeNextAsync(hello => Welcome(hello, "e1", [OldLine, new TextPosted(8, "bob", "line 8", At) { Room = "#lobby" }]));
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again");
        Assert.Equal(1, _server.Attempts);
        var request = await second.ReceiveAsync<HistoryRequest>();
        Assert.Equal((5L, 8L), (request.AfterId, request.BeforeId));
        await second.SendAsync(new HistoryBatch(request.RequestId, "#lobby", [new TextPosted(6, "bob", "line 6", At) { Room = "#lobby" }, new TextPosted(7, "bob", "line 7", At) { Room = "#lobby" }], more: false));
        await _ui.RunUntilAsync(() => Texts.Contains("line 7"), "the lines between");
        var texts = Texts;
        Assert.Single(texts, t => t == "old line");
        Assert.True(texts.IndexOf("old line") < texts.IndexOf("line 6"));
        Assert.Equal(texts.IndexOf("line 6") + 1, texts.IndexOf("line 7"));
        Assert.Equal(texts.IndexOf("line 7") + 1, texts.IndexOf("line 8"));
        Assert.True(await _room.SubmitAsync("back").WithTimeout());
        Assert.Equal(new SendText("back") { Room = "#lobby" }, await second.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task TextTypedWhileReconnectingIsKeptNotSent()
    {
        _ = _room.RunAsync();
        _first.Abort();
        await StatusAsync("attempt 1");
        Assert.False(await _room.SubmitAsync("anyone there?").WithTimeout());
        Assert.Contains("Not connected", _room.Log[^1].Text);

        // Back in the room, the first line the server receives is the next one typed: the refused line was never sent.
        var second = await AfterTheWaitAsync(_server.WelcomeNextAsync(hello => Welcome(hello, "e1", [OldLine])));
        var request = await second.ReceiveAsync<HistoryRequest>();
        await second.SendAsync(new HistoryBatch(request.RequestId, "#lobby", [], more: false));
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again");
        Assert.True(await _room.SubmitAsync("back").WithTimeout());
        Assert.Equal(new SendText("back") { Room = "#lobby" }, await second.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task QuittingWhileReconnectingStopsTheClient()
    {
        var quit = false;
        _room.QuitRequested += (_, _) => quit = true;
        var run = _room.RunAsync();
        _first.Abort();
        await StatusAsync("attempt 1");
        await _room.QuitAsync().WithTimeout();
        await _ui.RunUntilAsync(() => quit, "QuitRequested");
        await run.WithTimeout();
        Assert.Equal(ConnectionState.Closed, _room.State);
        Assert.Equal(0, _server.Attempts);
    }
}

/// <summary>A client that cannot reconnect by itself (joined over a connection it was handed): the view model waits for the user.</summary>
public sealed class ChatViewModelManualReconnectTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _first = null!;
    private ChatViewModel _room = null!;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob"], [new TextPosted(5, "bob", "old line", At)]));
        _first = session;
        _room = new ChatViewModel(client, _server, _ui, new FakeTimeProvider(At), TimeZoneInfo.Utc);
    }

    public async Task DisposeAsync()
    {
        // The scripted server first: its sessions neither read nor answer a goodbye, so a client
        // leaving while one is open would wait out its close timeout (5 s of real time) for the
        // server to close; with the server gone, the client has nobody to say goodbye to.
        await _server.DisposeAsync();
        await _room.DisposeAsync().AsTask().WithTimeout();
    }

    [Fact]
    public async Task ALostConnectionWaitsForCtrlRAndTheSameNameJoinsAgain()
    {
        _ = _room.RunAsync();
        _first.Abort();
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Disconnected, "disconnected");
        Assert.Contains("Ctrl+R reconnect", _room.Status);
        Assert.Equal(0, _server.Attempts);

        _server.FailNext(new ChatConnectionRefusedException("127.0.0.1", 5000));
        _room.ReconnectNow();
        await _ui.RunUntilAsync(() => _room.Status.Contains("reconnecting failed: No chat server is listening on 127.0.0.1:5000", StringComparison.Ordinal), "the failure told");

        _room.ReconnectNow();
        var second = await _server.WelcomeNextAsync(hello => FakeRoom.WelcomeFor(hello, ["alice", "bob"], [new TextPosted(5, "bob", "old line", At), new TextPosted(6, "bob", "missed line", At)]));
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again");
        Assert.Equal(2, _server.Attempts);
        var texts = Enumerable.Range(0, _room.Log.Count).Select(i => _room.Log[i].Text).ToList();
        Assert.Single(texts, t => t == "missed line");
        Assert.Contains("Reconnected to TestServer (127.0.0.1:5000) as alice.", texts);
        Assert.True(await _room.SubmitAsync("back").WithTimeout());
        Assert.Equal(new SendText("back"), await second.ReceiveAsync<SendText>());
    }
}
