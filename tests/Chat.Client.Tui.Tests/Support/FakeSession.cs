using System.Threading.Channels;
using Chat.Client.Tui.Connection;
using Chat.Protocol;
using Moq;

namespace Chat.Client.Tui.Tests.Support;

/// <summary>A Moq session whose incoming messages the test writes, and whose sends Moq records.</summary>
internal sealed class FakeSession
{
    private readonly Channel<ChatMessage> _incoming = Channel.CreateUnbounded<ChatMessage>();

    public FakeSession(string userName, IReadOnlyList<string>? users = null, IReadOnlyList<TextPosted>? recent = null, int maxTextLength = 100)
    {
        Welcome = new Welcome(1, userName, "TestServer", users ?? [userName], "Be nice.\nNo spam.", recent ?? [], maxTextLength, 32 * 1024);
        Mock.SetupGet(s => s.Welcome).Returns(Welcome);
        Mock.SetupGet(s => s.UserName).Returns(userName);
        Mock.Setup(s => s.ReadMessagesAsync(It.IsAny<CancellationToken>()))
            .Returns((CancellationToken ct) => _incoming.Reader.ReadAllAsync(ct));
        Mock.Setup(s => s.SendAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(ValueTask.CompletedTask);
        Mock.Setup(s => s.SendActionAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(ValueTask.CompletedTask);
        Mock.Setup(s => s.SendPrivateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(ValueTask.CompletedTask);
        Mock.Setup(s => s.LeaveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                _incoming.Writer.TryComplete();
                return Task.CompletedTask;
            });
        Mock.Setup(s => s.DisposeAsync()).Returns(() =>
        {
            _incoming.Writer.TryComplete();
            return ValueTask.CompletedTask;
        });
    }

    public Mock<IChatSession> Mock { get; } = new(MockBehavior.Strict);

    public IChatSession Object => Mock.Object;

    public Welcome Welcome { get; }

    public void Receive(ChatMessage message) => _incoming.Writer.TryWrite(message);

    /// <summary>The stream ends as when the server closed it on purpose (after a shutdown notice).</summary>
    public void End() => _incoming.Writer.TryComplete();

    /// <summary>The stream throws, as ChatClient does when the connection is lost.</summary>
    public void Lose(string reason) => _incoming.Writer.TryComplete(new ChatConnectionLostException(reason));
}
