using Chat.Client.Tui.Connection;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>Reconnecting, driven by a fake clock: no test waits for real time to pass.</summary>
public sealed class RoomViewModelReconnectTests : IAsyncDisposable
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeTimeProvider _time = new(At);
    private readonly Mock<IChatConnector> _connector = new(MockBehavior.Strict);
    private readonly FakeSession _first = new("alice", ["alice", "bob"], [new TextPosted(5, "bob", "old line", At)]);
    private readonly RoomViewModel _room;

    public RoomViewModelReconnectTests()
    {
        _connector.SetupGet(c => c.Endpoint).Returns("127.0.0.1:5000");
        var noJitter = new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 0.2, random: () => 0.5);
        _room = new RoomViewModel(_first.Object, _connector.Object, _ui, _time, noJitter, TimeZoneInfo.Utc);
    }

    public async ValueTask DisposeAsync() => await _room.DisposeAsync();

    private Task StatusAsync(string text) =>
        _ui.RunUntilAsync(() => _room.Status.Contains(text, StringComparison.Ordinal), $"status containing \"{text}\"");

    [Fact]
    public async Task LostConnectionReconnectsWithGrowingBackOffUnderTheSameName()
    {
        var second = new FakeSession("alice", ["alice", "bob"], [new TextPosted(5, "bob", "old line", At), new TextPosted(6, "bob", "missed line", At)]);
        _connector.SetupSequence(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatConnectionRefusedException("127.0.0.1", 5000))
            .ThrowsAsync(new ChatRejectedException(RejectReason.NameTaken, "alice is taken"))
            .ReturnsAsync(second.Object);
        _ = _room.RunAsync();

        _first.Lose("Connection reset by peer.");
        await StatusAsync("Connection lost: Connection reset by peer. — reconnecting in 1 s (attempt 1)");
        Assert.Equal(ConnectionState.Reconnecting, _room.State);
        Assert.Contains(Enumerable.Range(0, _room.Log.Count), i => _room.Log[i].Text == "Connection lost: Connection reset by peer.");
        _connector.Verify(c => c.ConnectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);

        _time.Advance(TimeSpan.FromSeconds(1));
        await StatusAsync("No chat server is listening on 127.0.0.1:5000 — reconnecting in 2 s (attempt 2)");

        _time.Advance(TimeSpan.FromSeconds(2));
        await StatusAsync("still in use (the server may not have noticed the old connection yet) — reconnecting in 4 s (attempt 3)");

        _time.Advance(TimeSpan.FromSeconds(4));
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again");
        _connector.Verify(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()), Times.Exactly(3));
        Assert.Contains("alice on TestServer", _room.Status);

        // Lines seen before the loss are not shown twice; the one missed is.
        var texts = Enumerable.Range(0, _room.Log.Count).Select(i => _room.Log[i].Text).ToList();
        Assert.Single(texts, t => t == "old line");
        Assert.Single(texts, t => t == "missed line");
        Assert.Contains("Reconnected to TestServer (127.0.0.1:5000) as alice.", texts);

        // And the new session is the one used from now on.
        Assert.True(await _room.SubmitAsync("back").WaitAsync(TestDispatcher.Timeout));
        second.Mock.Verify(s => s.SendAsync("back", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task WaitsAreCappedAtThirtySeconds()
    {
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatConnectionRefusedException("127.0.0.1", 5000));
        _ = _room.RunAsync();
        _first.Lose("Broken pipe.");
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
        _first.Receive(new ServerShutdown("The server is shutting down."));
        _first.End();
        await StatusAsync("Disconnected: The server is shutting down");
        Assert.Equal(ConnectionState.Disconnected, _room.State);
        Assert.Contains(Enumerable.Range(0, _room.Log.Count), i => _room.Log[i].Text.Contains("server is shutting down", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromHours(1));
        _ui.RunPending();
        _connector.Verify(c => c.ConnectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(ConnectionState.Disconnected, _room.State);
    }

    [Fact]
    public async Task AfterShutdownTheUserCanReconnect()
    {
        var second = new FakeSession("alice");
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(second.Object);
        _ = _room.RunAsync();
        _first.Receive(new ServerShutdown("restarting"));
        _first.End();
        await StatusAsync("Disconnected: The server is shutting down: restarting");

        Assert.True(await _room.SubmitAsync("/reconnect").WaitAsync(TestDispatcher.Timeout));
        await StatusAsync("reconnecting in 1 s (attempt 1)");
        _room.ReconnectNow();
        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Connected, "connected again");
    }

    [Fact]
    public async Task AFatalErrorFromTheServerDisconnects()
    {
        _ = _room.RunAsync();
        _first.Receive(new ErrorMessage(ErrorCode.Kicked, "kicked by the operator: spam") { Fatal = true });
        _first.End();
        await StatusAsync("Disconnected: the server closed the session: kicked by the operator: spam");
        _connector.Verify(c => c.ConnectAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TextTypedWhileReconnectingIsKeptNotSent()
    {
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatConnectionRefusedException("127.0.0.1", 5000));
        _ = _room.RunAsync();
        _first.Lose("Connection reset by peer.");
        await StatusAsync("attempt 1");
        Assert.False(await _room.SubmitAsync("anyone there?").WaitAsync(TestDispatcher.Timeout));
        Assert.Contains("Not connected", _room.Log[^1].Text);
        _first.Mock.Verify(s => s.SendAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task QuittingWhileReconnectingStopsTheLoop()
    {
        _connector.Setup(c => c.ConnectAsync("alice", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatConnectionRefusedException("127.0.0.1", 5000));
        var quit = false;
        _room.QuitRequested += (_, _) => quit = true;
        var run = _room.RunAsync();
        _first.Lose("Connection reset by peer.");
        await StatusAsync("attempt 1");
        await _room.QuitAsync().WaitAsync(TestDispatcher.Timeout);
        await _ui.RunUntilAsync(() => quit, "QuitRequested");
        await run.WaitAsync(TestDispatcher.Timeout);
        Assert.Equal(ConnectionState.Closed, _room.State);
    }
}
