using System.Buffers;
using System.Net.Sockets;
using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire.Transports;

namespace Chat.Protocol.Tests.Transports;

/// <summary>The TCP transport under a peer played byte by byte with a raw socket.</summary>
public class SocketTransportTests
{
    /// <summary>Both receive loops: waiting for data before taking a buffer (accepted connections), and not (opened ones).</summary>
    public static TheoryData<bool> ReceiveModes => new(true, false);

    private static readonly ChatConnectionOptions Options = ChatConnectionOptions.Default with
    {
        MaxFrameLength = 1024,                       // an input buffer of 64 KiB
        CloseTimeout = TimeSpan.FromMilliseconds(300),
    };

    [Theory]
    [MemberData(nameof(ReceiveModes))]
    public async Task DisposeDoesNotHangWhileTheReceiveLoopWaitsForTheReaderToMakeRoom(bool waitForData)
    {
        using var sockets = await SocketPair.ConnectAsync();
        var transport = new SocketTransport(sockets.Client, Options, waitForData);
        var flooding = FloodAsync(sockets.Server);
        await FillInputAsync(transport);

        await transport.Output.CompleteAsync();
        await transport.DisposeAsync().WithTimeout();

        Assert.True(transport.Closed.IsCancellationRequested);
        sockets.Server.Dispose();
        await flooding.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(ReceiveModes))]
    public async Task AbortDoesNotHangWhileTheReceiveLoopWaitsForTheReaderToMakeRoom(bool waitForData)
    {
        using var sockets = await SocketPair.ConnectAsync();
        var transport = new SocketTransport(sockets.Client, Options, waitForData);
        var flooding = FloodAsync(sockets.Server);
        await FillInputAsync(transport);

        transport.Abort("Stopped by the test.");
        await transport.DisposeAsync().WithTimeout();

        Assert.Equal("Stopped by the test.", transport.AbortReason);
        sockets.Server.Dispose();
        await flooding.WithTimeout();
    }

    [Theory]
    [MemberData(nameof(ReceiveModes))]
    public async Task DisposeLingersUntilThePeerClosesAndDiscardsWhatItStillSends(bool waitForData)
    {
        using var sockets = await SocketPair.ConnectAsync();
        var transport = new SocketTransport(sockets.Client, Options with { CloseTimeout = TestTimeout.Value }, waitForData);
        await transport.Output.WriteAsync(new byte[] { 1, 2, 3 });
        await transport.Output.CompleteAsync();

        var disposing = transport.DisposeAsync().AsTask();

        // The peer gets everything, then a clean end, even though it keeps sending a megabyte nobody reads.
        var received = new byte[16];
        Assert.Equal(3, await ReceiveAllAsync(sockets.Server, received));
        Assert.Equal(new byte[] { 1, 2, 3 }, received[..3]);
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < 16; i++)
        {
            await sockets.Server.SendAsync(chunk).WithTimeout();
        }

        Assert.False(disposing.IsCompleted, "The close waits for the peer to close its side.");
        sockets.Server.Shutdown(SocketShutdown.Send);
        await disposing.WithTimeout();
        Assert.Equal(0, await sockets.Server.ReceiveAsync(received).WithTimeout()); // a clean end, not a reset
    }

    [Theory]
    [MemberData(nameof(ReceiveModes))]
    public async Task APeerResetFailsThePendingReadAsLost(bool waitForData)
    {
        using var sockets = await SocketPair.ConnectAsync();
        await using var transport = new SocketTransport(sockets.Client, Options, waitForData);
        var reading = transport.Input.ReadAsync().AsTask();

        SocketPair.Reset(sockets.Server);

        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => reading.WithTimeout());
        Assert.Equal("The connection was reset by the other side.", ex.Message);
        await transport.Closed.WhenCancelledAsync();
    }

    [Theory]
    [MemberData(nameof(ReceiveModes))]
    public async Task APeerThatClosesCleanlyEndsTheInput(bool waitForData)
    {
        using var sockets = await SocketPair.ConnectAsync();
        await using var transport = new SocketTransport(sockets.Client, Options, waitForData);

        await sockets.Server.SendAsync(new byte[] { 7 }).WithTimeout();
        sockets.Server.Shutdown(SocketShutdown.Send);

        var result = await transport.Input.ReadAtLeastAsync(2).WithTimeout();
        Assert.True(result.IsCompleted);
        Assert.Equal(new byte[] { 7 }, result.Buffer.ToArray());
        transport.Input.AdvanceTo(result.Buffer.End);

        // Only the peer's direction ended: this side's close is what closes the transport.
        Assert.False(transport.Closed.IsCancellationRequested);
        await transport.Output.CompleteAsync();
        await transport.DisposeAsync().WithTimeout();
        Assert.True(transport.Closed.IsCancellationRequested);
    }

    [Theory]
    [MemberData(nameof(ReceiveModes))]
    public async Task APeerThatClosedItsSideStillReceivesWhatThisSideSends(bool waitForData)
    {
        using var sockets = await SocketPair.ConnectAsync();
        await using var transport = new SocketTransport(sockets.Client, Options, waitForData);
        sockets.Server.Shutdown(SocketShutdown.Send);
        var end = await transport.Input.ReadAsync().AsTask().WithTimeout();
        Assert.True(end.IsCompleted);
        transport.Input.AdvanceTo(end.Buffer.End);

        await transport.Output.WriteAsync(new byte[] { 1, 2, 3 }).WithTimeout();
        await transport.Output.CompleteAsync();

        var received = new byte[8];
        var count = 0;
        while (await sockets.Server.ReceiveAsync(received.AsMemory(count)).AsTask().WithTimeout() is var n and > 0)
        {
            count += n;
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, received[..count]);
        Assert.False(transport.Closed.IsCancellationRequested);
    }

    [Theory]
    [MemberData(nameof(ReceiveModes))]
    public async Task SendingToAPeerThatHasResetFailsAsLost(bool waitForData)
    {
        using var sockets = await SocketPair.ConnectAsync();
        await using var transport = new SocketTransport(sockets.Client, Options, waitForData);
        SocketPair.Reset(sockets.Server);
        await transport.Closed.WhenCancelledAsync();

        // The send loop finds the socket broken; the writer then reports the failure.
        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await transport.Output.WriteAsync(new byte[1024]).WithTimeout();
            }
        });
        Assert.Matches("reset|broken|closed", ex.Message);
    }

    /// <summary>Sends until the socket is closed under it.</summary>
    private static Task FloodAsync(Socket socket) => Task.Run(async () =>
    {
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                await socket.SendAsync(chunk);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    });

    /// <summary>
    /// Reads without consuming until the transport's input pipe holds its whole pause threshold:
    /// from then on the receive loop waits for the reader to make room.
    /// </summary>
    private static async Task FillInputAsync(SocketTransport transport)
    {
        while (true)
        {
            var result = await transport.Input.ReadAsync().WithTimeout();
            var length = result.Buffer.Length;
            transport.Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (length >= 64 * 1024)
            {
                return;
            }
        }
    }

    private static async Task<int> ReceiveAllAsync(Socket socket, byte[] buffer)
    {
        var total = 0;
        while (total < 3)
        {
            total += await socket.ReceiveAsync(buffer.AsMemory(total)).WithTimeout();
        }

        return total;
    }
}
