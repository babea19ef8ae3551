using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.History;

/// <summary>Private messages kept and read back over real TCP (docs/protocol.md, section 7, History, R7.57 and R7.58), against both stores.</summary>
public sealed class PrivateHistoryTests : IDisposable
{
    private readonly HistoryFolder _folder = new();

    public static TheoryData<string> Stores => new() { "memory", "sqlite" };

    [Theory]
    [MemberData(nameof(Stores))]
    [Trait("ProtocolRule", "R7.58")]
    public async Task APrivateMessageIsDeliveredAndEchoedWithItsIdAndTheIdsIncrease(string store)
    {
        await using var server = TestServer.Start(_folder.Store(store, o => o with { MessageRate = 0 }));
        await using var alice = await server.JoinRawAsync("alice");
        await using var bob = await server.JoinRawAsync("bob");

        var ids = new List<long>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            await alice.SendAsync(new SendPrivate("BOB", text));
            var echo = await alice.ReceiveAsync<PrivateMessage>();
            var delivered = await bob.ReceiveAsync<PrivateMessage>();
            Assert.Equal(echo, delivered);
            Assert.Equal(("alice", "bob", text), (echo.From, echo.To, echo.Text));
            ids.Add(echo.Id);
        }

        await bob.SendAsync(new SendPrivate("alice", "four"));
        ids.Add((await bob.ReceiveAsync<PrivateMessage>()).Id);

        Assert.True(ids[0] > 0);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // What was received is in the history, with the same ids.
        var kept = await alice.PrivateHistoryAsync("bob");
        Assert.Equal(ids, kept.PrivateLines.Select(message => message.Id));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    [Trait("ProtocolRule", "R7.58")]
    public async Task ALineAClientReceivedIsInTheHistoryWithItsId(string store)
    {
        await using var server = TestServer.Start(_folder.Store(store));
        await using var alice = await server.JoinRawAsync("alice");
        await using var bob = await server.JoinRawAsync("bob");

        await alice.SendAsync(new SendText("kept"));
        var received = await bob.ReceiveAsync<TextPosted>();

        Assert.Equal(received, Assert.Single((await bob.HistoryAsync(string.Empty)).Lines));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    [Trait("ProtocolRule", "R7.57")]
    public async Task BothPartiesReadTheirConversationAndNobodyElseDoes(string store)
    {
        await using var server = TestServer.Start(_folder.Store(store, o => o with { MessageRate = 0 }));
        await using var alice = await server.JoinRawAsync("alice");
        await using var bob = await server.JoinRawAsync("bob");
        await using var carol = await server.JoinRawAsync("carol");

        var toBob = await SendAsync(alice, bob, "bob", "psst, bob");
        var toAlice = await SendAsync(bob, alice, "alice", "yes?");
        var toCarol = await SendAsync(alice, carol, "carol", "hi carol");
        await carol.SendAsync(new SendPrivate("carol", "note to self"));
        var self = await carol.ReceiveAsync<PrivateMessage>();

        var aliceWithBob = await alice.PrivateHistoryAsync("Bob");
        Assert.Equal((true, "Bob", false), (aliceWithBob.Private, aliceWithBob.Target, aliceWithBob.More));
        Assert.Empty(aliceWithBob.Lines);
        Assert.Equal([toBob, toAlice], aliceWithBob.PrivateLines);
        Assert.Equal([toBob, toAlice], (await bob.PrivateHistoryAsync("ALICE")).PrivateLines);
        Assert.Equal([toBob, toAlice], (await bob.PrivateHistoryAsync(string.Empty)).PrivateLines);
        Assert.Equal([toBob, toAlice, toCarol], (await alice.PrivateHistoryAsync(string.Empty)).PrivateLines);

        // A third user reads none of alice's and bob's conversation.
        Assert.Equal([toCarol], (await carol.PrivateHistoryAsync("alice", requestId: 2)).PrivateLines);
        Assert.Empty((await carol.PrivateHistoryAsync("bob")).PrivateLines);
        Assert.Equal([toCarol, self], (await carol.PrivateHistoryAsync(string.Empty)).PrivateLines);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.57")]
    public async Task PrivateHistoryPagesByIdLikeARoom()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0, HistoryLimit = 4 });
        await using var alice = await server.JoinRawAsync("alice");
        await using var bob = await server.JoinRawAsync("bob");
        var sent = new List<PrivateMessage>();
        for (var i = 0; i < 10; i++)
        {
            sent.Add(await SendAsync(alice, bob, "bob", $"message {i}"));
        }

        var latest = await bob.PrivateHistoryAsync("alice");
        Assert.Equal(sent[6..], latest.PrivateLines);
        Assert.True(latest.More);
        var before = await bob.PrivateHistoryAsync("alice", beforeId: sent[6].Id);
        Assert.Equal(sent[2..6], before.PrivateLines);
        Assert.True(before.More);
        var after = await bob.PrivateHistoryAsync("alice", afterId: sent[7].Id);
        Assert.Equal(sent[8..], after.PrivateLines);
        Assert.False(after.More || after.Gap);
        var between = await bob.PrivateHistoryAsync("alice", afterId: sent[0].Id, beforeId: sent[3].Id);
        Assert.Equal(sent[1..3], between.PrivateLines);
        Assert.False(between.More);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.57")]
    public async Task NamesAreNotAccountsWhoeverTakesANameReadsItsMessages()
    {
        await using var server = TestServer.Start(o => o with { MessageRate = 0 });
        await using var alice = await server.JoinRawAsync("alice");
        PrivateMessage said;
        await using (var bob = await server.ConnectRawAsync())
        {
            await bob.JoinAsync("bob");
            said = await SendAsync(alice, bob, "bob", "for bob's eyes");
            await bob.SendAsync(new Goodbye("bye"));
            await bob.ReadToEndAsync();
        }

        // The connection closed after the name was freed.
        await using var other = await server.JoinRawAsync("Bob");

        Assert.Equal([said], (await other.PrivateHistoryAsync(string.Empty)).PrivateLines);

        // A rename takes the name's messages along; the old name reads nothing any more.
        await other.SendAsync(new ChangeName("robert"));
        await other.ReceiveAsync<UserRenamed>();
        Assert.Empty((await other.PrivateHistoryAsync(string.Empty, requestId: 2)).PrivateLines);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<PrivateMessage> SendAsync(RawClient from, RawClient to, string toName, string text)
    {
        await from.SendAsync(new SendPrivate(toName, text));
        var echo = await from.ReceiveAsync<PrivateMessage>(message => message.Text == text);
        Assert.Equal(echo, await to.ReceiveAsync<PrivateMessage>(message => message.Text == text));
        return echo;
    }
}
