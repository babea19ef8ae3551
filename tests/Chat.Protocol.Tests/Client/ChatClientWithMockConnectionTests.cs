using System.Threading.Channels;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Chat.Protocol.Tests.Client;

/// <summary>The client against a mocked <see cref="IChatConnection"/>, for failures a real connection cannot be made to show on cue.</summary>
public class ChatClientWithMockConnectionTests
{
    [Fact]
    public async Task ASendFailureReachesTheCallerAsTheConnectionLost()
    {
        var connection = new ScriptedConnection();
        var client = await connection.JoinAsync();
        var lost = new ChatConnectionLostException("The connection is broken: the other side has gone.");
        connection.Mock.Setup(c => c.SendAsync(It.IsAny<SendText>(), It.IsAny<CancellationToken>())).ThrowsAsync(lost);

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.SendAsync("hello").WithTimeout());

        Assert.Same(lost, ex);
        connection.EndWithLoss();
        await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout());
    }

    [Fact]
    public async Task TheServerTimeoutFiresEvenWhileAKeepAlivePingIsStuckSending()
    {
        var time = new FakeTimeProvider();
        var connection = new ScriptedConnection();
        var stuck = new TaskCompletionSource();
        connection.Mock.Setup(c => c.SendAsync(It.IsAny<Ping>(), It.IsAny<CancellationToken>()))
            .Callback(() => connection.Pinged.TrySetResult())
            .Returns(new ValueTask(stuck.Task));
        var client = await connection.JoinAsync(ChatClientOptions.Default with
        {
            TimeProvider = time,
            KeepAliveInterval = TimeSpan.FromSeconds(15),
            ServerTimeout = TimeSpan.FromSeconds(45),
        });

        time.Advance(TimeSpan.FromSeconds(15));
        await connection.Pinged.Task.WithTimeout(); // the ping is now stuck: the server stopped reading
        time.Advance(TimeSpan.FromSeconds(15));
        time.Advance(TimeSpan.FromSeconds(15));

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => client.Completion.WithTimeout());
        Assert.Equal("The server has not answered for 45 s; the connection is lost.", ex.Message);
        stuck.SetResult();
    }

    [Fact]
    public async Task DisposeDuringALeaveWaitsForTheLeaveToFinish()
    {
        var connection = new ScriptedConnection();
        var goodbyeSent = new TaskCompletionSource();
        connection.Mock.Setup(c => c.SendAsync(It.IsAny<Goodbye>(), It.IsAny<CancellationToken>())).Returns(new ValueTask(goodbyeSent.Task));
        var client = await connection.JoinAsync();

        var leaving = client.LeaveAsync("bye");
        var disposing = client.DisposeAsync().AsTask();

        Assert.False(leaving.IsCompleted);
        Assert.False(disposing.IsCompleted, "Dispose must not report the client gone while the leave is still closing.");
        goodbyeSent.SetResult();
        await leaving.WithTimeout();
        await disposing.WithTimeout();
        connection.Mock.Verify(c => c.SendAsync(It.IsAny<Goodbye>(), It.IsAny<CancellationToken>()), Times.Once);
        connection.Mock.Verify(c => c.DisposeAsync(), Times.AtLeastOnce);
    }

    [Fact]
    public async Task ARejectedJoinClosesTheConnectionItWasGiven()
    {
        var connection = new ScriptedConnection();
        connection.Incoming.Writer.TryWrite(new Rejected(RejectReason.ServerFull, "Full."));

        await Assert.ThrowsAsync<ChatRejectedException>(() => ChatClient.JoinAsync(connection.Object, "alice").WithTimeout());

        connection.Mock.Verify(c => c.DisposeAsync(), Times.AtLeastOnce);
    }

    [Fact]
    public async Task ABadNameIsRejectedBeforeAnythingIsSent()
    {
        var connection = new ScriptedConnection();

        await Assert.ThrowsAsync<ChatRejectedException>(() => ChatClient.JoinAsync(connection.Object, "Server").WithTimeout());

        connection.Mock.Verify(c => c.SendAsync(It.IsAny<ChatMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        connection.Mock.Verify(c => c.DisposeAsync(), Times.Once);
    }

    /// <summary>
    /// A mocked connection whose incoming messages come from a channel the test writes to; an
    /// abort ends them with a <see cref="ChatConnectionLostException"/>, a dispose with a clean end.
    /// </summary>
    private sealed class ScriptedConnection
    {
        public ScriptedConnection()
        {
            Mock.Setup(c => c.ReceiveAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken ct) => ReceiveAsync(ct));
            Mock.Setup(c => c.SendAsync(It.IsAny<ChatMessage>(), It.IsAny<CancellationToken>())).Returns(ValueTask.CompletedTask);
            Mock.Setup(c => c.Abort(It.IsAny<string>())).Callback((string reason) => Incoming.Writer.TryComplete(new ChatConnectionLostException(reason)));
            Mock.Setup(c => c.DisposeAsync()).Returns(() =>
            {
                Incoming.Writer.TryComplete(new ChatConnectionLostException("The connection is closed."));
                return ValueTask.CompletedTask;
            });
            Mock.Setup(c => c.SendAsync(It.IsAny<Ping>(), It.IsAny<CancellationToken>()))
                .Callback(() => Pinged.TrySetResult())
                .Returns(ValueTask.CompletedTask);
        }

        public Mock<IChatConnection> Mock { get; } = new(MockBehavior.Strict);

        public IChatConnection Object => Mock.Object;

        public Channel<ChatMessage?> Incoming { get; } = Channel.CreateUnbounded<ChatMessage?>();

        public TaskCompletionSource Pinged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<ChatClient> JoinAsync(ChatClientOptions? options = null)
        {
            var hello = new Hello(ProtocolInfo.Version, "alice", "x", "1");
            Incoming.Writer.TryWrite(FakeSession.WelcomeFor(hello));
            return await ChatClient.JoinAsync(Object, "alice", options).WithTimeout();
        }

        public void EndWithLoss() => Incoming.Writer.TryComplete(new ChatConnectionLostException("The connection was reset by the other side."));

        private async ValueTask<ChatMessage?> ReceiveAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await Incoming.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException ex) when (ex.InnerException is ChatException inner)
            {
                throw inner;
            }
        }
    }
}
