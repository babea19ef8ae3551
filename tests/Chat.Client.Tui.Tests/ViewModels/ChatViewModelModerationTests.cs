using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// A ban of a live session, over TCP with a client that would reconnect by itself: the user is
/// told why and until when, and the client does not join again, whatever the clock does.
/// </summary>
public sealed class ChatViewModelModerationTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeTimeProvider _time = new(At);
    private readonly FakeRoom _server;
    private FakeSession _first = null!;
    private ChatViewModel _room = null!;

    public ChatViewModelModerationTests() =>
        _server = new FakeRoom(TransportKind.Tcp, ReconnectBackoff.Default with { Jitter = 0 }, _time);

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"]));
        _first = session;
        _room = new ChatViewModel(client, _server, _ui, _time, TimeZoneInfo.Utc);
    }

    public async Task DisposeAsync()
    {
        await _room.DisposeAsync();
        await _server.DisposeAsync();
    }

    private List<string> Texts => [.. Enumerable.Range(0, _room.Log.Count).Select(i => _room.Log[i].Text)];

    [Theory]
    [InlineData(true, "You were banned from this server until 2026-12-09 10:00 UTC: spam.")]
    [InlineData(false, "You were banned from this server indefinitely: spam.")]
    public async Task ABannedUserIsToldWhyAndUntilWhenAndIsNotReconnected(bool withEnd, string told)
    {
        _ = _room.RunAsync();
        DateTime? until = withEnd ? new DateTime(2026, 12, 9, 10, 0, 0, DateTimeKind.Utc) : null;
        await _first.CloseAsync(new ErrorMessage(ErrorCode.Banned, told) { Fatal = true, Until = until });

        await _ui.RunUntilAsync(() => _room.State == ConnectionState.Disconnected, "disconnected");
        Assert.Contains(told, Texts);
        Assert.StartsWith("Disconnected: " + told.TrimEnd('.'), _room.Status, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromHours(1));
        _ui.RunPending();
        Assert.Equal(ConnectionState.Disconnected, _room.State);
        Assert.Equal(0, _server.Attempts);
    }
}
