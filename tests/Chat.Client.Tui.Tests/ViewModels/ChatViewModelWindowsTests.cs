using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// Windows with a real <see cref="ChatClient"/> joined to a scripted version-1 server: private
/// conversations in windows of their own, what the window bar marks, and the user list, title,
/// completion and sending that follow the window in view.
/// </summary>
public sealed class ChatViewModelWindowsTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _chat = null!;
    private Task _run = Task.CompletedTask;
    private int _bells;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob", "carol"]));
        _session = session;
        _chat = new ChatViewModel(client, _server, _ui, new FakeTimeProvider(At), timeZone: TimeZoneInfo.Utc);
        _chat.BellRequested += (_, _) => _bells++;
        _run = _chat.RunAsync();
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _run.WithTimeout();
        await _server.DisposeAsync();
    }

    private string Bar => string.Join(' ', _chat.Windows.Entries.Select(e => e.Text));

    private static IEnumerable<string> Texts(WindowViewModel window) => Enumerable.Range(0, window.Log.Count).Select(i => window.Log[i].Text);

    private async Task<PrivateWindowViewModel> ReceivePrivateAsync(string from, string text)
    {
        await _session.SendAsync(new PrivateMessage(from, "alice", text, At));
        await _ui.RunUntilAsync(() => _chat.Windows.FindPrivate(from) is { } w && Texts(w).Contains(text), $"{from}'s private line");
        return _chat.Windows.FindPrivate(from)!;
    }

    [Fact]
    public async Task AnIncomingPrivateMessageOpensAConversationWindowWithoutTakingTheView()
    {
        var room = _chat.Current;
        var bob = await ReceivePrivateAsync("bob", "psst");

        Assert.Same(room, _chat.Current);
        Assert.Equal("[1:TestServer] 2:bob!", Bar);
        Assert.DoesNotContain("psst", Texts(room));
        Assert.Equal(1, _bells);
        Assert.Equal("Private conversation with bob", bob.TopicLine);
    }

    [Fact]
    public async Task ASecondMessageFromTheSamePersonGoesToTheSameWindowInAnyLetterCase()
    {
        await ReceivePrivateAsync("bob", "one");
        var bob = await ReceivePrivateAsync("BOB", "two");
        Assert.Equal(2, _chat.Windows.All.Count);
        Assert.Equal(["one", "two"], Texts(bob));
    }

    [Fact]
    public async Task LinesInTheRoomMarkItWhileAConversationIsInView()
    {
        await ReceivePrivateAsync("bob", "psst");
        _chat.SelectWindow(2);
        Assert.Equal("1:TestServer [2:bob]", Bar);

        await _session.SendAsync(new TextPosted(1, "carol", "anyone?", At));
        await _ui.RunUntilAsync(() => _chat.Windows.All[0].Activity == WindowActivity.Lines, "the room marked");
        Assert.Equal("1:TestServer* [2:bob]", Bar);

        await _session.SendAsync(new TextPosted(2, "carol", "alice: lunch?", At));
        await _ui.RunUntilAsync(() => _chat.Windows.All[0].Activity == WindowActivity.Highlight, "the room marked for a mention");
        Assert.Equal("1:TestServer! [2:bob]", Bar);

        _chat.PreviousWindow();
        Assert.Equal("[1:TestServer] 2:bob", Bar);
    }

    [Fact]
    public async Task InAConversationsWindowALineGoesToThatPersonAndItsEchoComesBackThere()
    {
        var bob = await ReceivePrivateAsync("bob", "psst");
        _chat.NextWindow();
        Assert.Same(bob, _chat.Current);

        Assert.True(await _chat.SubmitAsync("hi bob").WithTimeout());
        Assert.Equal(new SendPrivate("bob", "hi bob"), await _session.ReceiveAsync<SendPrivate>());
        await _session.SendAsync(new PrivateMessage("alice", "bob", "hi bob", At));
        await _ui.RunUntilAsync(() => Texts(bob).Contains("hi bob"), "the echo");
        Assert.Equal("21:15 <alice> hi bob", LineFormatter.Format(bob.Log[^1]).ToString());
        Assert.Equal(LogKind.PrivateOut, bob.Log[^1].Kind);

        // An action has no private form: refused there, and nothing is sent.
        Assert.False(await _chat.SubmitAsync("/me waves").WithTimeout());
        Assert.Contains("/me works in a room's window", bob.Log[^1].Text, StringComparison.Ordinal);
        Assert.True(await _chat.SubmitAsync("marker").WithTimeout());
        Assert.Equal(new SendPrivate("bob", "marker"), await _session.ReceiveAsync<SendPrivate>());
    }

    [Fact]
    public async Task MsgOpensTheConversationsWindowAndShowsIt()
    {
        Assert.True(await _chat.SubmitAsync("/msg carol see you at noon").WithTimeout());
        Assert.Equal(new SendPrivate("carol", "see you at noon"), await _session.ReceiveAsync<SendPrivate>());
        Assert.Equal("1:TestServer [2:carol]", Bar);

        // /query opens one without sending; to an open conversation it only shows it.
        Assert.True(await _chat.SubmitAsync("/query dave").WithTimeout());
        Assert.True(await _chat.SubmitAsync("/query Carol").WithTimeout());
        Assert.Equal("1:TestServer [2:carol] 3:dave", Bar);
        Assert.False(await _chat.SubmitAsync("/msg alice me?").WithTimeout());
        Assert.Equal("That is you: private messages go to someone else.", _chat.Log[^1].Text);
    }

    [Fact]
    public async Task CloseClosesAConversationsWindowButNotTheRooms()
    {
        await _chat.SubmitAsync("/query bob").WithTimeout();
        await _chat.SubmitAsync("/close").WithTimeout();
        Assert.Equal("[1:TestServer]", Bar);

        await _chat.SubmitAsync("/close").WithTimeout();
        Assert.Equal("This is the server's room: /quit leaves it.", _chat.Log[^1].Text);
        Assert.Single(_chat.Windows.All);
    }

    [Fact]
    public async Task WindowByNumberSaysWhichWindowsThereAre()
    {
        await ReceivePrivateAsync("bob", "psst");
        Assert.True(await _chat.SubmitAsync("/window 5").WithTimeout());
        Assert.Equal("There is no window 5: the windows are 1 to 2.", _chat.Log[^1].Text);
        Assert.True(await _chat.SubmitAsync("/window 2").WithTimeout());
        Assert.Equal("bob", _chat.Current.Label);
    }

    [Fact]
    public async Task TheTitleUsersStatusAndCompletionFollowTheWindowInView()
    {
        var titles = 0;
        _chat.TerminalTitleChanged += (_, _) => titles++;
        await ReceivePrivateAsync("bob", "psst");
        _chat.MarkAlertsSeen();
        titles = 0;
        Assert.Equal("TestServer · alice", _chat.Title);

        _chat.SelectWindow(2);
        Assert.Equal("TestServer · alice · bob", _chat.Title);
        Assert.Equal("TestServer · alice · bob", _chat.TerminalTitle);
        Assert.True(titles > 0);
        Assert.Empty(_chat.Users);
        Assert.False(_chat.Current.HasUserList);
        Assert.Contains("private conversation with bob", _chat.Status, StringComparison.Ordinal);
        Assert.Equal(new Completion("bob: ", 5), _chat.Complete("b", 1));
        Assert.Null(_chat.Complete("ca", 2));

        await _chat.SubmitAsync("/who").WithTimeout();
        Assert.StartsWith("This window is a private conversation with bob", _chat.Log[^1].Text, StringComparison.Ordinal);

        _chat.SelectWindow(1);
        Assert.Equal(["alice", "bob", "carol"], _chat.Users);
        Assert.Contains("3 users", _chat.Status, StringComparison.Ordinal);
        Assert.Equal(new Completion("carol: ", 7), _chat.Complete("ca", 2));
    }

    [Fact]
    public async Task APasteInAConversationsWindowGoesToThatPerson()
    {
        await _chat.SubmitAsync("/query bob").WithTimeout();
        Assert.True(_chat.Paste("one\ntwo\n"));
        Assert.Equal(new SendPrivate("bob", "one"), await _session.ReceiveAsync<SendPrivate>());
        Assert.Equal(new SendPrivate("bob", "two"), await _session.ReceiveAsync<SendPrivate>());
    }

    [Fact]
    public async Task AnIgnoredUsersPrivateMessageOpensNoWindow()
    {
        await _chat.SubmitAsync("/ignore mallory").WithTimeout();
        await _session.SendAsync(new PrivateMessage("mallory", "alice", "buy now", At));
        await ReceivePrivateAsync("bob", "after mallory");
        Assert.Null(_chat.Windows.FindPrivate("mallory"));
        Assert.Equal(1, _bells);
    }

    [Fact]
    public async Task EachWindowKeepsItsOwnScrolledUpCount()
    {
        var bob = await ReceivePrivateAsync("bob", "psst");
        _chat.SetFollowing(false);
        _chat.SelectWindow(2);
        await _session.SendAsync(new TextPosted(1, "carol", "one", At));
        await _session.SendAsync(new TextPosted(2, "carol", "two", At));
        await _ui.RunUntilAsync(() => _chat.Windows.All[0].Unseen == 2, "two lines below the room's view");

        // In the conversation's window, nothing is below: the status line does not count the room's.
        Assert.Same(bob, _chat.Current);
        Assert.DoesNotContain("new below", _chat.Status, StringComparison.Ordinal);
        _chat.SelectWindow(1);
        Assert.StartsWith("2 new below (Ctrl+End)", _chat.Status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALostConnectionIsToldInEveryWindow()
    {
        var bob = await ReceivePrivateAsync("bob", "psst");
        _session.Abort();
        await _ui.RunUntilAsync(() => _chat.State == ConnectionState.Disconnected, "disconnected");
        Assert.Contains(Texts(bob), t => t.StartsWith("Disconnected: ", StringComparison.Ordinal));
        Assert.Contains(Texts(_chat.Windows.All[0]), t => t.StartsWith("Disconnected: ", StringComparison.Ordinal));
    }
}
