using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Integration;

public class NameTests
{
    [Theory]
    [InlineData("Server")]
    [InlineData("server")]
    [InlineData("SERVER")]
    [InlineData(" server ")]
    [InlineData("\tServer  ")]
    [Trait("ProtocolRule", "R8.1")]
    public async Task TheServersNameIsReservedInAnyCaseAndWithSpaces(string name)
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        var rejected = Assert.IsType<Rejected>(await client.HelloAsync(name));

        Assert.Equal(RejectReason.NameReserved, rejected.Reason);
        Assert.Contains("reserved", rejected.Text, StringComparison.Ordinal);
        Assert.Equal((0, false), await EndOf(client));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two words")]
    [InlineData("émile")]
    [InlineData("semi;colon")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [Trait("ProtocolRule", "R8.1")]
    public async Task NamesThatBreakTheRulesAreRejectedWithTheReason(string name)
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        var rejected = Assert.IsType<Rejected>(await client.HelloAsync(name));

        Assert.Equal(RejectReason.NameInvalid, rejected.Reason);
        Assert.Equal(UserNameRules.Describe(UserNameRules.Check(name), name), rejected.Text);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData(" Alice ")]
    [Trait("ProtocolRule", "R8.1")]
    public async Task ATakenNameIsRejectedInAnyCase(string name)
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => server.ConnectAsync(name));

        Assert.Equal(RejectReason.NameTaken, ex.Reason);
        Assert.Contains("already taken", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["alice"], server.Server.DefaultRoom.Users());
    }

    [Fact]
    public async Task ANameIsTrimmed()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        var welcome = await client.JoinAsync("  dave  ");

        Assert.Equal("dave", welcome.UserName);
        Assert.Equal(["dave"], welcome.Users);
    }

    [Fact]
    public async Task AFullRoomRejectsNewcomers()
    {
        await using var server = TestServer.Start(o => o with { MaxClients = 1 });
        await using var alice = await server.ConnectAsync("alice");

        var ex = await Assert.ThrowsAsync<ChatRejectedException>(() => server.ConnectAsync("bob"));

        Assert.Equal(RejectReason.ServerFull, ex.Reason);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.7")]
    public async Task AnOlderProtocolVersionIsRejected()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        var rejected = Assert.IsType<Rejected>(await client.HelloAsync("alice", protocolVersion: 0));

        Assert.Equal(RejectReason.VersionUnsupported, rejected.Reason);
    }

    [Fact]
    public async Task ANameIsFreeAgainOnceItsOwnerLeft()
    {
        await using var server = TestServer.Start();
        var first = await server.ConnectAsync("alice");
        await first.LeaveAsync().WithTimeout();
        await first.Completion.WithTimeout();

        // The server may still be closing the first session; a retry on NameTaken would hide a leak, so wait for the room instead.
        await using var watcher = await server.ConnectAsync("watcher");
        if (watcher.Welcome.Users.Contains("alice"))
        {
            await watcher.DepartureOfAsync("alice");
        }

        await using var second = await server.ConnectAsync("ALICE");
        Assert.Equal("ALICE", second.UserName);
    }

    private static async Task<(int Messages, bool Reset)> EndOf(RawClient client)
    {
        var (messages, reset) = await client.ReadToEndAsync();
        return (messages.Count, reset);
    }
}
