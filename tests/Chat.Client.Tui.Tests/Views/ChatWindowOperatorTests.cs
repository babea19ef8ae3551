using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Chat.Protocol;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>An operator's session in the room window on a headless ANSI driver: the status line marks it, and a command typed is answered on screen.</summary>
public sealed class ChatWindowOperatorTests : IAsyncLifetime
{
    private readonly HeadlessApp _headless = new(80, 24);
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _viewModel = null!;
    private ChatWindow _room = null!;
    private Task _reading = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync("alice", hello =>
            FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"]) with { Operator = true });
        _session = session;
        _viewModel = new ChatViewModel(client, _server, new AppDispatcher(_headless.App));
        _room = new ChatWindow(_viewModel);
        _headless.Begin(_room);
        _reading = Task.Run(_viewModel.RunAsync);
    }

    public async Task DisposeAsync()
    {
        await _viewModel.DisposeAsync();
        await _reading.WithTimeout();
        await _server.DisposeAsync();
        _headless.Dispose();
        _room.Dispose();
    }

    [Fact]
    public async Task TheStatusLineMarksTheOperatorAndAKickIsAnsweredOnScreen()
    {
        Assert.Contains("alice [operator] on TestServer", _headless.Screen, StringComparison.Ordinal);

        _headless.Type("/kick bob flooding");
        _headless.Press(Key.Enter);
        var request = await _session.ReceiveAsync<OperatorRequest>();
        Assert.Equal("kick bob flooding", request.Command);
        await _session.SendAsync(new OperatorReply(request.RequestId, ["Kicked bob: flooding."]));

        await _headless.RunUntilAsync(() => _headless.Screen.Contains("Kicked bob: flooding.", StringComparison.Ordinal), "the console's answer on screen");
    }
}
