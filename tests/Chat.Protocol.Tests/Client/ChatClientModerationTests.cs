using static Chat.Protocol.Tests.Client.HistoryScript;

namespace Chat.Protocol.Tests.Client;

/// <summary>
/// Bans and kicks as the client meets them, over TCP: a ban of the address at connect, of the name
/// at the handshake, a ban or a kick of a live session, and a refusal on the way back, none of
/// which a reconnecting client tries again; each says why (and for a ban until when).
/// </summary>
public class ChatClientModerationTests
{
    private static readonly DateTime Until = new(2026, 12, 9, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ABannedAddressIsToldAtConnectWhyAndUntilWhen()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();

        // Sent at connect, before the handshake's answer (the server may not even read the hello).
        await session.CloseAsync(new ErrorMessage(ErrorCode.Banned, "Your address is banned from this server until 2026-12-09 10:00 UTC: spam.") { Fatal = true, Until = Until });

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => joining.WithTimeout());
        Assert.Equal((RejectReason.Banned, true, Until), (ex.Reason, ex.IsBanned, ex.Until));
        Assert.Equal("Your address is banned from this server until 2026-12-09 10:00 UTC: spam.", ex.Message);
        Assert.Equal(ex.Message, ex.ServerText);
    }

    [Fact]
    public async Task ABannedNameIsRefusedAtTheHandshakeForGood()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var joining = server.ConnectClientAsync("mallory");
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        await session.CloseAsync(new Rejected(RejectReason.Banned, string.Empty));

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => joining.WithTimeout());
        Assert.Equal((RejectReason.Banned, (DateTime?)null), (ex.Reason, ex.Until));
        // A server that gives no words: the library says what it knows.
        Assert.Equal("You are banned from this server for good.", ex.Message);
    }

    [Fact]
    public async Task ARegisteredNameWithoutItsPasswordIsARejectionThatSaysSo()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var joining = server.ConnectClientAsync("alice");
        var session = await server.AcceptAsync();
        await session.ReceiveAsync<Hello>();

        await session.CloseAsync(new Rejected(RejectReason.NameRegistered, "alice is registered."));

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => joining.WithTimeout());
        Assert.True(ex.IsNamePasswordProblem);
        Assert.False(ex.IsNameProblem || ex.IsPasswordProblem || ex.IsBanned);
        Assert.Contains("registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABannedSessionEndsWithTheBanAndIsNotJoinedAgain()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);
        var banned = new ErrorMessage(ErrorCode.Banned, "You were banned from this server until 2026-12-09 10:00 UTC: spam.") { Fatal = true, Until = Until };

        await first.CloseAsync(banned);

        var stream = await client.ReadToEndAsync();
        Assert.Equal(banned, stream[0]);
        Assert.Equal(new NotReconnecting("You were banned from this server until 2026-12-09 10:00 UTC: spam."), stream[1]);
        Assert.Equal(2, stream.Count);
        Assert.False(client.ReconnectNow());
    }

    [Fact]
    public async Task AKickedClientStaysOutAndSaysWhy()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);
        var kicked = new ErrorMessage(ErrorCode.Kicked, "You were removed from the server by the operator: flooding") { Fatal = true };

        await first.CloseAsync(kicked);

        var stream = await client.ReadToEndAsync();
        Assert.Equal(kicked, stream[0]);
        Assert.Equal("You were removed from the server by the operator: flooding. The client does not join again by itself.", Assert.IsType<NotReconnecting>(stream[1]).Reason);
        Assert.Equal(2, stream.Count);
    }

    [Fact]
    public async Task WithoutReconnectAKickEndsTheStreamWithTheKickAlone()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"));
        var kicked = new ErrorMessage(ErrorCode.Kicked, "flooding") { Fatal = true };

        await first.CloseAsync(kicked);

        Assert.Equal([kicked], await client.ReadToEndAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABanMetOnTheWayBackEndsTheClientForGood(bool ofTheAddress)
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);

        first.Abort();
        var refused = await server.AcceptAsync();
        if (ofTheAddress)
        {
            await refused.CloseAsync(new ErrorMessage(ErrorCode.Banned, "spam") { Fatal = true, Until = Until });
        }
        else
        {
            await refused.ReceiveAsync<Hello>();
            await refused.CloseAsync(new Rejected(RejectReason.Banned, "spam") { Until = Until });
        }

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => client.Completion.WithTimeout());
        Assert.Equal((RejectReason.Banned, Until), (ex.Reason, ex.Until));
        var stream = await client.TakeAsync(2);
        Assert.IsType<Reconnecting>(stream[0]);
        Assert.Equal(ex.Message, Assert.IsType<NotReconnecting>(stream[1]).Reason);
        await Assert.ThrowsAsync<ChatRejectedException>(() => client.ReadMessagesAsync().ToListAsync().AsTask().WithTimeout());
    }

    [Fact]
    public async Task ARegisteredNameRefusedOnTheWayBackIsNotTriedAgain()
    {
        await using var server = FakeChatServer.Start(TransportKind.Tcp);
        var (client, first) = await server.JoinAsync("alice", hello => WelcomeFor(hello, "e1"), Reconnects);

        // Someone registered the name meanwhile.
        first.Abort();
        var refused = await server.AcceptAsync();
        await refused.ReceiveAsync<Hello>();
        await refused.CloseAsync(new Rejected(RejectReason.NameRegistered, "alice is registered."));

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => client.Completion.WithTimeout());
        Assert.True(ex.IsNamePasswordProblem);
    }
}
