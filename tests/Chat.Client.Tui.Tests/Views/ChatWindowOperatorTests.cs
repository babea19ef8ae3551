using Chat.Client.Tui.Tests.Support;
using Chat.Protocol;
using Terminal.Gui.Input;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>An operator's session in the room window on a headless ANSI driver: the status line marks it, and a command typed is answered on screen.</summary>
public sealed class ChatWindowOperatorTests : IAsyncLifetime
{
    private HeadlessChatWindow _chat = null!;

    public async Task InitializeAsync() =>
        _chat = await HeadlessChatWindow.StartAsync("alice", hello =>
            FakeRoom.RoomWelcomeFor(hello, "#lobby", ["alice", "bob"]) with { Operator = true });

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task TheStatusLineMarksTheOperatorAndAKickIsAnsweredOnScreen()
    {
        Assert.Contains("alice [operator] on TestServer", _chat.Headless.Screen, StringComparison.Ordinal);

        _chat.Headless.Type("/kick bob flooding");
        _chat.Headless.Press(Key.Enter);
        var request = await _chat.Session.ReceiveAsync<OperatorRequest>();
        Assert.Equal("kick bob flooding", request.Command);
        await _chat.Session.SendAsync(new OperatorReply(request.RequestId, ["Kicked bob: flooding."]));

        await _chat.Headless.RunUntilAsync(() => _chat.Headless.Screen.Contains("Kicked bob: flooding.", StringComparison.Ordinal), "the console's answer on screen");
    }
}
