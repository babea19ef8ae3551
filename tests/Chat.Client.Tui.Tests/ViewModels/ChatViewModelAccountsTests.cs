using Chat.Client.Tui.Settings;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// <c>/register</c>, <c>/nick</c> with a password, the operator's commands and what a muted user
/// sees, against a scripted version-2 server: what each sends, and how the answer is shown.
/// </summary>
public sealed class ChatViewModelAccountsTests : IAsyncDisposable
{
    private const string Secret = "correct horse";
    private static readonly DateTime At = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Until = new(2026, 12, 9, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDispatcher _ui = new();
    private readonly FakeTimeProvider _time = new(At);
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _chat = null!;

    public async ValueTask DisposeAsync()
    {
        if (_chat is not null)
        {
            await _chat.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    private async Task JoinAsync(bool op = false, bool tls = false)
    {
        var (client, session) = await _server.JoinAsync("alice", hello =>
            FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"]) with { Registration = true, Operator = op });
        _session = session;
        _chat = new ChatViewModel(client, _server, _ui, _time, TimeZoneInfo.Utc, ClientSettings.Default with { Tls = tls });
        _ = _chat.RunAsync();
    }

    private List<string> Texts => [.. Enumerable.Range(0, _chat.Log.Count).Select(i => _chat.Log[i].Text)];

    private Task SeesAsync(string text) =>
        _ui.RunUntilAsync(() => Texts.Contains(text), $"the line \"{text}\"; the log: {string.Join(" | ", Texts)}");

    /// <summary>Proves nothing went out before: the next message the server receives is this line.</summary>
    private async Task NothingWasSentBeforeAsync()
    {
        Assert.True(await _chat.SubmitAsync("next").WithTimeout());
        Assert.Equal("next", (await _session.ReceiveAsync<SendText>()).Text);
    }

    [Fact]
    public async Task RegisterWarnsOnceWithoutTlsThenRegistersAndKeepsThePasswordForReconnects()
    {
        await JoinAsync();

        Assert.False(await _chat.SubmitAsync("/register " + Secret).WithTimeout()); // the line stays, to confirm with Enter
        Assert.Contains("not encrypted (no TLS): the password would travel in clear", Texts[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, string.Join(" ", Texts), StringComparison.Ordinal);

        var registering = _chat.SubmitAsync("/register " + Secret);
        var request = await _session.ReceiveAsync<RegisterName>();
        Assert.Equal(Secret, request.Password);
        await _session.SendAsync(new NameRegistered(request.RequestId, "alice"));
        Assert.True(await registering.WithTimeout());
        await SeesAsync("alice is registered: from now on it can be used only with its password.");
        Assert.True(_chat.IsRegistered);
        Assert.Equal(Secret, _server.NamePassword);

        // Never in the input history.
        Assert.Null(_chat.RecallPrevious(string.Empty));
    }

    [Fact]
    public async Task OverTlsRegisterGoesAtOnceAndARefusalIsShown()
    {
        await JoinAsync(tls: true);

        var registering = _chat.SubmitAsync("/register " + Secret);
        var request = await _session.ReceiveAsync<RegisterName>();
        await _session.SendAsync(new ErrorMessage(ErrorCode.NotAllowed, "Registration is closed on this server.") { RequestId = request.RequestId });
        Assert.True(await registering.WithTimeout());
        await SeesAsync("Registration is closed on this server.");
        Assert.False(_chat.IsRegistered);
    }

    [Fact]
    public async Task AShortPasswordIsRefusedWithoutSendingIt()
    {
        await JoinAsync(tls: true);

        Assert.True(await _chat.SubmitAsync("/register short").WithTimeout());
        Assert.Equal("A password needs at least 8 characters. Nothing was sent.", Texts[^1]);
        await NothingWasSentBeforeAsync();
    }

    [Fact]
    public async Task NickWithAPasswordTakesARegisteredName()
    {
        await JoinAsync(tls: true);

        var refused = _chat.SubmitAsync("/nick carol");
        await _session.ReceiveAsync<ChangeName>();
        await _session.SendAsync(new ErrorMessage(ErrorCode.NameRegistered, "carol is registered."));
        await refused.WithTimeout();
        await SeesAsync("carol is registered: it can be used only with its password. /nick carol <password> takes it.");

        var renaming = _chat.SubmitAsync("/nick carol " + Secret);
        Assert.Equal(new ChangeName("carol") { NamePassword = Secret }, await _session.ReceiveAsync<ChangeName>());
        await _session.SendAsync(new UserRenamed("#lobby", "alice", "carol"));
        Assert.True(await renaming.WithTimeout());
        await _ui.RunUntilAsync(() => _chat.IsRegistered && _chat.UserName == "carol", "renamed and registered");
        Assert.Equal(Secret, _server.NamePassword);
        Assert.DoesNotContain(Secret, _chat.RecallPrevious(string.Empty) ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperatorsCommandGoesToTheServerAndItsReplyIsShown()
    {
        await JoinAsync(op: true);
        Assert.Contains("alice [operator] on TestServer", _chat.Status, StringComparison.Ordinal);

        var banning = _chat.SubmitAsync("/ban bob 1d spam");
        var request = await _session.ReceiveAsync<OperatorRequest>();
        Assert.Equal("ban bob 1d spam", request.Command);
        await _session.SendAsync(new OperatorReply(request.RequestId, ["Banned bob for 1 day: spam."]));
        Assert.True(await banning.WithTimeout());
        await SeesAsync("Banned bob for 1 day: spam.");

        var failing = _chat.SubmitAsync("/op frobnicate");
        var second = await _session.ReceiveAsync<OperatorRequest>();
        Assert.Equal("frobnicate", second.Command);
        await _session.SendAsync(new OperatorReply(second.RequestId, ["Unknown command \"frobnicate\"."]) { Failed = true });
        await failing.WithTimeout();
        await SeesAsync("Unknown command \"frobnicate\".");
        Assert.Equal(LogKind.Error, _chat.Log[^1].Kind);

        Assert.True(await _chat.SubmitAsync("/help").WithTimeout());
        Assert.Contains(CommandParser.OperatorHelp[1], Texts);
    }

    [Theory]
    [InlineData("/ban bob", "Only operators can ban; you are not an operator on this server.")]
    [InlineData("/kick bob spam", "Only operators can kick; you are not an operator on this server.")]
    [InlineData("/say hello", "Only operators can speak as the server; you are not an operator on this server.")]
    [InlineData("/topic #ops ops only", "You are not in #ops: only its members, or an operator, can set its topic.")]
    public async Task ANonOperatorIsToldSoAndNothingIsSent(string line, string told)
    {
        await JoinAsync();

        Assert.True(await _chat.SubmitAsync(line).WithTimeout());
        Assert.Equal(told, Texts[^1]);
        Assert.DoesNotContain(CommandParser.OperatorHelp[1], (await HelpAsync()));
        await NothingWasSentBeforeAsync();
    }

    private async Task<List<string>> HelpAsync()
    {
        Assert.True(await _chat.SubmitAsync("/help").WithTimeout());
        return Texts;
    }

    [Fact]
    public async Task AnOperatorSetsTheTopicOfARoomTheyAreNotIn()
    {
        await JoinAsync(op: true);

        var setting = _chat.SubmitAsync("/topic #ops Ops only");
        var request = await _session.ReceiveAsync<OperatorRequest>();
        Assert.Equal("topic #ops Ops only", request.Command);
        await _session.SendAsync(new OperatorReply(request.RequestId, ["The topic of #ops is now: Ops only"]));
        Assert.True(await setting.WithTimeout());
        await SeesAsync("The topic of #ops is now: Ops only");
    }

    [Fact]
    public async Task InTheirOwnRoomAnOperatorFallsBackToTheConsoleWhenTheServerSaysNotAllowed()
    {
        await JoinAsync(op: true);

        var setting = _chat.SubmitAsync("/topic Release day");
        Assert.Equal(new SetTopic("#lobby", "Release day"), await _session.ReceiveAsync<SetTopic>());
        await _session.SendAsync(new ErrorMessage(ErrorCode.NotAllowed, "Only the operator sets topics here.") { Room = "#lobby" });
        var request = await _session.ReceiveAsync<OperatorRequest>();
        Assert.Equal("topic #lobby Release day", request.Command);
        await _session.SendAsync(new OperatorReply(request.RequestId, ["The topic of #lobby is now: Release day"]));
        Assert.True(await setting.WithTimeout());
        await SeesAsync("The topic of #lobby is now: Release day");
    }

    [Fact]
    public async Task AMutedUserSeesTheMuteAndItsEnd()
    {
        await JoinAsync();

        Assert.True(await _chat.SubmitAsync("hello?").WithTimeout());
        await _session.ReceiveAsync<SendText>();
        await _session.SendAsync(new ErrorMessage(ErrorCode.Muted, "spam") { Room = "#lobby", Until = Until });
        await SeesAsync("You are muted: your line was not posted (spam). The mute ends 2026-12-09 10:00 UTC.");

        await _session.SendAsync(new ErrorMessage(ErrorCode.Muted, "") { Room = "#lobby" });
        await SeesAsync("You are muted: your line was not posted. The mute has no end.");
    }
}
