using Chat.Client.Tui.Settings;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>Mentions and private messages alert; /ignore, /r and /clear; the settings the room honours.</summary>
public sealed class ChatViewModelAlertsTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 7, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _room = null!;
    private Task _run = Task.CompletedTask;
    private int _bells;
    private int _titles;

    public Task InitializeAsync() => JoinAsync(ClientSettings.Default with { Ignore = ["mallory"] });

    public async Task DisposeAsync()
    {
        await _room.DisposeAsync();
        await _run.WithTimeout();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AMentionRingsTheBellAndCountsInTheTitleUntilAKeyIsPressed()
    {
        await _session.SendAsync(new TextPosted(8, "bob", "alice: are you there?", At));
        await _session.SendAsync(new TextPosted(9, "bob", "just chatting", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 5, "two lines");

        Assert.Equal(1, _bells);
        Assert.Equal(1, _room.UnreadAlerts);
        Assert.Equal("(1) TestServer · alice", _room.TerminalTitle);
        Assert.True(_titles > 0);

        _room.MarkAlertsSeen();
        Assert.Equal("TestServer · alice", _room.TerminalTitle);
        Assert.Equal(0, _room.UnreadAlerts);
    }

    [Fact]
    public async Task APrivateMessageAlertsButOnesOwnEchoDoesNot()
    {
        await _session.SendAsync(new PrivateMessage("alice", "bob", "my own, echoed", At));
        await _session.SendAsync(new PrivateMessage("bob", "alice", "psst", At));
        await _ui.RunUntilAsync(() => _room.Windows.FindPrivate("bob")?.Log.Count == 2, "two private lines");

        Assert.Equal(1, _bells);
        Assert.Equal("(1) TestServer · alice", _room.TerminalTitle);
    }

    [Fact]
    public async Task WithTheBellOffNothingRingsButTheTitleStillCounts()
    {
        await JoinAsync(ClientSettings.Default with { Bell = false });
        await _session.SendAsync(new PrivateMessage("bob", "alice", "psst", At));
        await _ui.RunUntilAsync(() => _room.UnreadAlerts == 1, "the alert");

        Assert.Equal(0, _bells);
        Assert.Equal("(1) TestServer · alice", _room.TerminalTitle);
    }

    [Fact]
    public async Task WhileScrolledUpTheStatusSaysHowManyNewLinesAreForYou()
    {
        _room.SetFollowing(false);
        await _session.SendAsync(new TextPosted(8, "bob", "nothing to see here", At));
        await _session.SendAsync(new TextPosted(9, "bob", "hey alice", At));
        await _session.SendAsync(new TextPosted(10, "carol", "alice, you there?", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 6, "three lines");

        Assert.StartsWith("3 new below, 2 for you (Ctrl+End) · ", _room.Status, StringComparison.Ordinal);

        Assert.True(_room.HasUnseenAlerts);

        _room.SetFollowing(true);
        Assert.DoesNotContain("new below", _room.Status, StringComparison.Ordinal);
        Assert.False(_room.HasUnseenAlerts);
    }

    [Fact]
    public async Task AnIgnoredUsersLinesAndPrivateMessagesAreNotShownAndDoNotAlert()
    {
        await _session.SendAsync(new TextPosted(8, "Mallory", "alice: buy now", At));
        await _session.SendAsync(new PrivateMessage("mallory", "alice", "psst", At));
        await _session.SendAsync(new TextPosted(9, "bob", "after mallory", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 4, "bob's line");

        Assert.Equal("after mallory", _room.Log[3].Text);
        Assert.Equal(0, _bells);
    }

    [Fact]
    public async Task IgnoreAndUnignoreChangeWhoIsShownAndIgnoreAloneLists()
    {
        Assert.True(await _room.SubmitAsync("/ignore bob"));
        Assert.True(await _room.SubmitAsync("/ignore"));
        Assert.Contains("Ignored (2): bob, mallory.", LastText(), StringComparison.Ordinal);
        await _session.SendAsync(new TextPosted(8, "bob", "hidden", At));
        await _session.SendAsync(new TextPosted(9, "carol", "after the hidden one", At));
        await _ui.RunUntilAsync(() => LastText() == "after the hidden one", "carol's line");

        Assert.True(await _room.SubmitAsync("/unignore BOB"));
        Assert.Equal("No longer ignoring BOB.", LastText());
        await _session.SendAsync(new TextPosted(10, "bob", "shown again", At));
        await _ui.RunUntilAsync(() => LastText() == "shown again", "bob's second line");

        Assert.DoesNotContain(Texts(), t => t == "hidden");
        Assert.True(await _room.SubmitAsync("/ignore alice"));
        Assert.Equal("You cannot ignore yourself.", LastText());
    }

    [Fact]
    public async Task ReplyAnswersWhoeverLastSentAPrivateMessage()
    {
        Assert.False(await _room.SubmitAsync("/r anyone?"));
        Assert.StartsWith("Nobody has sent you a private message yet", LastText(), StringComparison.Ordinal);

        await _session.SendAsync(new PrivateMessage("bob", "alice", "lunch?", At));
        await _session.SendAsync(new PrivateMessage("carol", "alice", "coffee?", At));
        await _ui.RunUntilAsync(() => _room.Windows.FindPrivate("carol") is not null, "two private lines");
        Assert.True(await _room.SubmitAsync("/r yes please"));

        Assert.Equal(new SendPrivate("carol", "yes please"), await _session.ReceiveAsync<SendPrivate>());
    }

    [Fact]
    public async Task ClearEmptiesTheLogOnThisScreenOnly()
    {
        var cleared = 0;
        _room.Log.Cleared += (_, _) => cleared++;
        Assert.True(await _room.SubmitAsync("/clear"));

        Assert.Equal(0, _room.Log.Count);
        Assert.Equal(1, cleared);
        Assert.True(await _room.SubmitAsync("marker"));
        Assert.Equal(new SendText("marker"), await _session.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task TimestampsWithSecondsOrNone()
    {
        await _session.SendAsync(new TextPosted(8, "bob", "hi", At));
        await _ui.RunUntilAsync(() => _room.Log.Count == 4, "a line");

        Assert.Equal("21:15:07 <bob> hi", LineFormatter.Format(_room.Log[3], TimestampStyle.Seconds).ToString());
        Assert.Equal("21:15 <bob> hi", LineFormatter.Format(_room.Log[3], TimestampStyle.Minutes).ToString());
        Assert.Equal("<bob> hi", LineFormatter.Format(_room.Log[3], TimestampStyle.Off).ToString());
    }

    private async Task JoinAsync(ClientSettings settings)
    {
        if (_room is not null)
        {
            await _room.DisposeAsync();
            await _run.WithTimeout();
        }

        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob", "carol", "mallory"]));
        _session = session;
        _bells = _titles = 0;
        _room = new ChatViewModel(client, _server, _ui, new FakeTimeProvider(At), timeZone: TimeZoneInfo.Utc, settings: settings);
        _room.BellRequested += (_, _) => _bells++;
        _room.TerminalTitleChanged += (_, _) => _titles++;
        _run = _room.RunAsync();
    }

    private List<string> Texts() => [.. Enumerable.Range(0, _room.Log.Count).Select(i => _room.Log[i].Text)];

    private string LastText() => _room.Log[_room.Log.Count - 1].Text;
}
