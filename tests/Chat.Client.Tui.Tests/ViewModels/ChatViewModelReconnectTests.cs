using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// Reconnecting, with real clients joined to a scripted server and driven by a fake clock: no
/// test waits for real time to pass.
/// </summary>
public sealed class ChatViewModelReconnectTests : IAsyncLifetime
{
    private const string Lost = "Connection lost: The connection was reset by the other side.";
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private static readonly TextPosted OldLine = new(5, "bob", "old line", At);
    private readonly TestDispatcher _ui = new();
    private readonly FakeTimeProvider _time = new(At);
    private readonly FakeRoom _server = new();
    private FakeSession _first = null!;
    private ChatViewModel _room = null!;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob"], [OldLine]));
        _first = session;
        var noJitter = ReconnectBackoff.Default with { Jitter = 0 };
        _room = new ChatViewModel(client, _server, _ui, _time, noJitter, TimeZoneInfo.Utc);
    }

    public async Task DisposeAsync()
    {
        await _room.DisposeAsync();
        await _server.DisposeAsync();
    }

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

    private static ChatConnectionRefusedException Refused() => new("127.0.0.1", 5000);

    [Fact]
    public async Task LostConnectionReconnectsWithGrowingBackOffUnderTheSameName()
    {
        _server.FailNext(Refused());
        _ = _room.RunAsync();

        _first.Abort();
        await StatusAsync($"{Lost} — reconnecting in 1 s (attempt 1)");
        Assert.Equal(ConnectionState.Reconnecting, _room.State);
        Assert.Contains(Enumerable.Range(0, _room.Log.Count), i => _room.Log[i].Text == Lost);
        Assert.Equal(0, _server.Attempts);

        _time.Advance(TimeSpan.FromSeconds(1));
        await StatusAsync("No chat server is listening on 127.0.0.1:5000 — reconnecting in 2 s (attempt 2)");

        // The server has not noticed the old connection is gone: it refuses the name once.
        _time.Advance(TimeSpan.FromSeconds(2));
        await _server.RejectNextAsync(RejectReason.NameTaken, "alice is taken");
        await StatusAsync("still in use (the server may not have noticed the old connection yet) — reconnecting in 4 s (attempt 3)");

        _time.Advance(TimeSpan.FromSeconds(4));
        var second = await _server.WelcomeNextAsync(hello =>
            FakeRoom.WelcomeFor(hello, ["alice", "bob"], [OldLine, new TextPosted(6, "bob", "missed line", At)]));
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again");
        Assert.Equal(3, _server.Attempts);
        Assert.Contains("alice on TestServer", _room.Status);

        // Lines seen before the loss are not shown twice; the one missed is.
        var texts = Enumerable.Range(0, _room.Log.Count).Select(i => _room.Log[i].Text).ToList();
        Assert.Single(texts, t => t == "old line");
        Assert.Single(texts, t => t == "missed line");
        Assert.Contains("Reconnected to TestServer (127.0.0.1:5000) as alice.", texts); // The name of the new hello.

        // And the new session is the one used from now on.
        Assert.True(await _room.SubmitAsync("back").WithTimeout());
        Assert.Equal(new SendText("back"), await second.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task WaitsAreCappedAtThirtySeconds()
    {
        for (var i = 0; i < 8; i++)
        {
            _server.FailNext(Refused());
        }

        _ = _room.RunAsync();
        _first.Abort();
        foreach (var (seconds, attempt) in new[] { (1, 1), (2, 2), (4, 3), (8, 4), (16, 5), (30, 6), (30, 7) })
        {
            await StatusAsync($"reconnecting in {seconds} s (attempt {attempt})");
            _time.Advance(TimeSpan.FromSeconds(seconds));
        }

        await StatusAsync("(attempt 8)");
    }

    [Fact]
    public async Task ServerShutdownDisconnectsWithoutAReconnectStorm()
    {
        _ = _room.RunAsync();
        await _first.CloseAsync(new ServerShutdown("The server is shutting down."));
        await StatusAsync("Disconnected: The server is shutting down");
        Assert.Equal(ConnectionState.Disconnected, _room.State);
        Assert.Contains(Enumerable.Range(0, _room.Log.Count), i => _room.Log[i].Text.Contains("server is shutting down", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromHours(1));
        _ui.RunPending();
        Assert.Equal(0, _server.Attempts);
        Assert.Equal(ConnectionState.Disconnected, _room.State);
    }

    [Fact]
    public async Task AfterShutdownTheUserCanReconnect()
    {
        _ = _room.RunAsync();
        await _first.CloseAsync(new ServerShutdown("restarting"));
        await StatusAsync("Disconnected: The server is shutting down: restarting");

        Assert.True(await _room.SubmitAsync("/reconnect").WithTimeout());
        await StatusAsync("reconnecting in 1 s (attempt 1)");
        _room.ReconnectNow();
        await _server.WelcomeNextAsync();
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again");
        Assert.Equal(1, _server.Attempts);
    }

    [Fact]
    public async Task AFatalErrorFromTheServerDisconnects()
    {
        _ = _room.RunAsync();
        await _first.CloseAsync(new ErrorMessage(ErrorCode.Kicked, "kicked by the operator: spam") { Fatal = true });
        await StatusAsync("Disconnected: the server closed the session: kicked by the operator: spam");
        Assert.Equal(0, _server.Attempts);
    }

    [Fact]
    public async Task TextTypedWhileReconnectingIsKeptNotSent()
    {
        _server.FailNext(Refused());
        _ = _room.RunAsync();
        _first.Abort();
        await StatusAsync("attempt 1");
        Assert.False(await _room.SubmitAsync("anyone there?").WithTimeout());
        Assert.Contains("Not connected", _room.Log[^1].Text);

        // Back in the room, the first line the server receives is the next one typed: the refused line was never sent.
        _time.Advance(TimeSpan.FromSeconds(1));
        await StatusAsync("attempt 2");
        _time.Advance(TimeSpan.FromSeconds(2));
        var second = await _server.WelcomeNextAsync();
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again");
        Assert.True(await _room.SubmitAsync("back").WithTimeout());
        Assert.Equal(new SendText("back"), await second.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task QuittingWhileReconnectingStopsTheLoop()
    {
        _server.FailNext(Refused());
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
