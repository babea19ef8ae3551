using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>A server with rooms, on a headless driver at 80x24: the topic row, /join and /part as the user sees them.</summary>
public sealed class ChatWindowRoomsTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private HeadlessChatWindow _chat = null!;

    public async Task InitializeAsync() =>
        _chat = await HeadlessChatWindow.StartAsync("alice", hello => FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob", "carol"], "Welcome, all"), timeZone: TimeZoneInfo.Utc);

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private string[] Rows => _chat.Rows;

    private async Task JoinDevAsync()
    {
        _chat.Headless.Type("/join #dev");
        _chat.Headless.Press(Key.Enter);
        Assert.Equal(new JoinRoom("#dev"), await _chat.Session.ReceiveAsync<JoinRoom>());
        await _chat.Session.SendAsync(new RoomJoined("#dev", "Dev talk", ["bob"], [new TextPosted(1, "bob", "dev line", At) { Room = "#dev" }], 2));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Current.Label == "#dev", "the #dev window");
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
        var screen = _chat.Headless.Screen;
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
        _chat.Headless.Press(Key.D1.WithAlt);
        await _chat.Session.SendAsync(new TextPosted(2, "bob", "psst in dev", At) { Room = "#dev" });
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Windows.All[1].Activity == WindowActivity.Lines, "#dev marked");
        Assert.StartsWith("│[1:#lobby] 2:#dev* ", Rows[20], StringComparison.Ordinal);
        Assert.DoesNotContain("psst in dev", _chat.Headless.Screen, StringComparison.Ordinal);

        _chat.Headless.Press(Key.D2.WithAlt);
        Assert.Contains("psst in dev", _chat.Headless.Screen, StringComparison.Ordinal);
        Assert.StartsWith("│1:#lobby [2:#dev] ", Rows[20], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartClosesTheWindowAndShowsTheNext()
    {
        await JoinDevAsync();
        _chat.Headless.Type("/part");
        _chat.Headless.Press(Key.Enter);
        Assert.Equal(new LeaveRoom("#dev"), await _chat.Session.ReceiveAsync<LeaveRoom>());
        await _chat.Session.SendAsync(new RoomLeft("#dev", LeaveReason.Parted));
        await _chat.Headless.RunUntilAsync(() => _chat.ViewModel.Windows.All.Count == 1, "the window closed");
        Assert.StartsWith("│[1:#lobby] ", Rows[20], StringComparison.Ordinal);
        Assert.StartsWith("│Welcome, all ", Rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAwayUserIsDimmedInTheUserList()
    {
        await _chat.Session.SendAsync(new UserAway("#lobby", "bob", "lunch"));
        await _chat.Headless.RunUntilAsync(() => ((RoomWindowViewModel)_chat.ViewModel.Current).IsAway("bob"), "bob away");
        var rows = Rows;
        var row = Array.FindIndex(rows, r => r.Contains("bob ", StringComparison.Ordinal) && r.Contains('│', StringComparison.Ordinal) && r.IndexOf("bob", StringComparison.Ordinal) > 60);
        var column = rows[row].IndexOf("bob", 60, StringComparison.Ordinal);
        var carolRow = Array.FindIndex(rows, r => r.IndexOf("carol", StringComparison.Ordinal) > 60);
        var carolColumn = rows[carolRow].IndexOf("carol", 60, StringComparison.Ordinal);
        var (bob, carol) = _chat.Headless.OnUi(() =>
            (_chat.Headless.App.Driver!.Contents![row, column].Attribute, _chat.Headless.App.Driver!.Contents![carolRow, carolColumn].Attribute));
        Assert.True(bob!.Value.Style.HasFlag(TextStyle.Faint));
        Assert.False(carol!.Value.Style.HasFlag(TextStyle.Faint));
    }
}
