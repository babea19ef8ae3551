namespace Chat.Protocol.Tests.Client;

/// <summary><see cref="ChatClientOptions.Password"/> and the refusals a server gives before the welcome.</summary>
public class ChatClientPasswordTests
{
    [Fact]
    public async Task ThePasswordGoesInTheHello()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var joining = server.ConnectClientAsync("alice", ChatClientOptions.Default with { Password = "s3cret" });
        var session = await server.AcceptAsync();

        Assert.Equal("s3cret", (await session.ReceiveAsync<Hello>()).Password);
        await session.SendAsync(new Welcome(1, "alice", "Room", ["alice"], "", [], 4000, 32768));
        await using var client = await joining.WithTimeout();
    }

    [Fact]
    public async Task WithoutAPasswordTheHelloCarriesAnEmptyOne()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var joining = server.ConnectClientAsync("alice", ChatClientOptions.Default with { Password = null! });
        var session = await server.AcceptAsync();

        Assert.Equal(string.Empty, (await session.ReceiveAsync<Hello>()).Password);
        await session.SendAsync(new Welcome(1, "alice", "Room", ["alice"], "", [], 4000, 32768));
        await using var client = await joining.WithTimeout();
    }

    [Fact]
    public void TheOptionsTextNeverShowsThePassword()
    {
        var text = (ChatClientOptions.Default with { Password = "s3cret", ClientName = "Bot" }).ToString();

        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.Contains("Password = (given)", text, StringComparison.Ordinal);
        Assert.Contains("ClientName = Bot", text, StringComparison.Ordinal);
        Assert.Contains("Password = (none)", ChatClientOptions.Default.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransportKind.Memory)]
    [InlineData(TransportKind.Tcp)]
    public async Task ABusyServersReasonBecomesTheExceptionsText(TransportKind kind)
    {
        const string Reason = "The server is busy: your address has 32 connections open, as many as it allows; close one or try again later.";
        await using var server = FakeChatServer.Start(kind);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        await session.SendAsync(new ErrorMessage(ErrorCode.ServerBusy, Reason) { Fatal = true });
        await session.Connection.DisposeAsync().WithTimeout();

        var ex = await Assert.ThrowsAsync<ChatException>(() => joining.WithTimeout());
        Assert.Equal($"The server refused the connection: {Reason}", ex.Message);
    }
}
