using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>A server with rooms, on a headless driver at 80x24: the topic row, /join and /part as the user sees them.</summary>
public sealed class ChatWindowRoomsTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _viewModel = null!;
    private ChatWindow _window = null!;
    private Task _reading = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob", "carol"], "Welcome, all"));
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

    private string[] Rows => _headless.Screen.Split('\n').Select(r => r.TrimEnd('\r')).ToArray();

    private async Task JoinDevAsync()
    {
        _headless.Type("/join #dev");
        _headless.Press(Key.Enter);
        Assert.Equal(new JoinRoom("#dev"), await _session.ReceiveAsync<JoinRoom>());
        await _session.SendAsync(new RoomJoined("#dev", "Dev talk", ["bob"], [new TextPosted(1, "bob", "dev line", At) { Room = "#dev" }], 2));
        await _headless.RunUntilAsync(() => _viewModel.Current.Label == "#dev", "the #dev window");
    }

    [Fact]
    public void TheTopicIsShownAboveTheLog()
    {
        var rows = Rows;
        Assert.StartsWith("│Welcome, all ", rows[1], StringComparison.Ordinal);
        Assert.Contains("Connected to TestServer", rows[2], StringComparison.Ordinal);
        Assert.Contains("TestServer · alice · #lobby", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoinShowsTheRoomsWindowWithItsTopicUsersAndLines()
    {
        await JoinDevAsync();
        var screen = _headless.Screen;
        Assert.StartsWith("│Dev talk ", Rows[1], StringComparison.Ordinal);
        Assert.Contains("Users (2)", screen, StringComparison.Ordinal);
        Assert.Contains("<bob> dev line", screen, StringComparison.Ordinal);
        Assert.StartsWith("│1:#lobby [2:#dev] ", Rows[20], StringComparison.Ordinal);
        Assert.Contains("TestServer · alice · #dev", Rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALineInAnotherRoomMarksItUntilTheUserLooks()
    {
        await JoinDevAsync();
        _headless.Press(Key.D1.WithAlt);
        await _session.SendAsync(new TextPosted(2, "bob", "psst in dev", At) { Room = "#dev" });
        await _headless.RunUntilAsync(() => _viewModel.Windows.All[1].Activity == WindowActivity.Lines, "#dev marked");
        Assert.StartsWith("│[1:#lobby] 2:#dev* ", Rows[20], StringComparison.Ordinal);
        Assert.DoesNotContain("psst in dev", _headless.Screen, StringComparison.Ordinal);

        _headless.Press(Key.D2.WithAlt);
        Assert.Contains("psst in dev", _headless.Screen, StringComparison.Ordinal);
        Assert.StartsWith("│1:#lobby [2:#dev] ", Rows[20], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartClosesTheWindowAndShowsTheNext()
    {
        await JoinDevAsync();
        _headless.Type("/part");
        _headless.Press(Key.Enter);
        Assert.Equal(new LeaveRoom("#dev"), await _session.ReceiveAsync<LeaveRoom>());
        await _session.SendAsync(new RoomLeft("#dev", LeaveReason.Parted));
        await _headless.RunUntilAsync(() => _viewModel.Windows.All.Count == 1, "the window closed");
        Assert.StartsWith("│[1:#lobby] ", Rows[20], StringComparison.Ordinal);
        Assert.StartsWith("│Welcome, all ", Rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAwayUserIsDimmedInTheUserList()
    {
        await _session.SendAsync(new UserAway("#lobby", "bob", "lunch"));
        await _headless.RunUntilAsync(() => ((RoomWindowViewModel)_viewModel.Current).IsAway("bob"), "bob away");
        var rows = Rows;
        var row = Array.FindIndex(rows, r => r.Contains("bob ", StringComparison.Ordinal) && r.Contains('│', StringComparison.Ordinal) && r.IndexOf("bob", StringComparison.Ordinal) > 60);
        var column = rows[row].IndexOf("bob", 60, StringComparison.Ordinal);
        var carolRow = Array.FindIndex(rows, r => r.IndexOf("carol", StringComparison.Ordinal) > 60);
        var carolColumn = rows[carolRow].IndexOf("carol", 60, StringComparison.Ordinal);
        var (bob, carol) = _headless.OnUi(() =>
            (_headless.App.Driver!.Contents![row, column].Attribute, _headless.App.Driver!.Contents![carolRow, carolColumn].Attribute));
        Assert.True(bob!.Value.Style.HasFlag(TextStyle.Faint));
        Assert.False(carol!.Value.Style.HasFlag(TextStyle.Faint));
    }
}
