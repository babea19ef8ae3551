using System.Net;
using System.Net.Sockets;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Transports;

public class ChatListenerTests
{
    [Fact]
    public async Task PortZeroListensOnAPortTheSystemChose()
    {
        await using var listener = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.Equal(IPAddress.Loopback, listener.LocalEndPoint.Address);
        Assert.NotEqual(0, listener.LocalEndPoint.Port);
    }

    [Fact]
    public async Task APortInUseIsReportedInWords()
    {
        await using var first = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        var ex = Assert.Throws<ChatException>(() => ChatListener.Bind(first.LocalEndPoint));

        Assert.Equal($"Cannot listen on 127.0.0.1:{first.LocalEndPoint.Port}: the port is already in use.", ex.Message);
        Assert.IsType<SocketException>(ex.InnerException);
    }

    [Fact]
    public void AnAddressThatIsNotThisMachinesIsReportedInWords()
    {
        // 192.0.2.0/24 is reserved for documentation (RFC 5737): never an address of this machine. Nothing is sent.
        var ex = Assert.Throws<ChatException>(() => ChatListener.Bind(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0)));

        Assert.Equal("Cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine.", ex.Message);
    }

    [Fact]
    public async Task AcceptedConnectionsCarryMessages()
    {
        await using var listener = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var accepting = listener.AcceptAsync().AsTask();
        await using var client = await ChatConnection.ConnectAsync("localhost", listener.LocalEndPoint.Port).WithTimeout();
        await using var server = await accepting.WithTimeout();

        await client.SendAsync(new Ping(1)).WithTimeout();

        Assert.Equal(new Ping(1), await server.ReceiveAsync().WithTimeout());
        client.Abort();
    }

    [Fact]
    public async Task DisposingStopsAPendingAccept()
    {
        var listener = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var accepting = listener.AcceptAsync().AsTask();

        await listener.DisposeAsync().WithTimeout();
        await listener.DisposeAsync().WithTimeout();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => accepting.WithTimeout());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => listener.AcceptAsync().WithTimeout());
        await Assert.ThrowsAsync<ChatConnectionRefusedException>(
            () => ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WithTimeout());
    }

    [Fact]
    public async Task CancellingAnAcceptLeavesTheListenerUsable()
    {
        await using var listener = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var cancel = new CancellationTokenSource();
        var accepting = listener.AcceptAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting.WithTimeout());
        var next = listener.AcceptAsync().AsTask();
        await using var client = await ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WithTimeout();
        await using var server = await next.WithTimeout();
        client.Abort();
    }

    [Fact]
    public async Task ConnectingToAHostThatDoesNotResolveSaysSo()
    {
        var ex = await Assert.ThrowsAsync<ChatHostNotFoundException>(
            () => ChatConnection.ConnectAsync("nothing-here.invalid", 5000).WithTimeout());
        Assert.Equal("The host \"nothing-here.invalid\" could not be found.", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public async Task ConnectingToAnImpossiblePortIsAnArgumentError(int port) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ChatConnection.ConnectAsync("127.0.0.1", port).WithTimeout());
}
