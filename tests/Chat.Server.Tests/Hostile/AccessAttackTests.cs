using System.Net;
using Chat.Hostile.Ordinary;
using Chat.Protocol;
using static Chat.Hostile.Attacks.AttackCatalogue;

namespace Chat.Server.Tests.Hostile;

/// <summary>Floods of connections, from one address and from many, while ordinary users join from 127.0.0.1.</summary>
public class AccessAttackTests
{
    [Fact]
    public async Task IdleConnectionsFromOneAddressAreRefusedInWordsWhileOrdinaryUsersJoin()
    {
        await using var harness = await HostileHarness.StartAsync();
        var fromOneAddress = harness.Target with { LocalAddress = IPAddress.Parse("127.0.0.2") };

        // Sixty connections from 127.0.0.2 that never say hello, and meanwhile two more ordinary users from 127.0.0.1.
        var flood = Task.WhenAll(Enumerable.Range(0, 60).Select(i => Silent.RunAsync(fromOneAddress, new Random(i))));
        await using var newcomers = await OrdinaryUsers.JoinAsync("127.0.0.1", harness.Server.Port).WithTimeout();
        var chat = await newcomers.ExchangeAsync(linesEach: 3, TimeSpan.Zero, TestTimeout.Value).WithTimeout();
        Assert.True(chat.NothingLost, chat.ToString());

        var results = await flood.WithTimeout();
        await harness.AssertAftermathAsync(await harness.Users.ExchangeAsync(3, TimeSpan.Zero, TestTimeout.Value), results);

        // A few wait out the handshake; every other one is told, in one frame, which limit refused it.
        var options = harness.Server.Server.Options;
        var busy = results.Where(r => r.LastError?.Code == ErrorCode.ServerBusy).ToList();
        Assert.All(results, result => Assert.Contains(
            AssertAttack.EndedWith(result, result.LastError?.Code ?? ErrorCode.HandshakeTimeout).Code, new[] { ErrorCode.ServerBusy, ErrorCode.HandshakeTimeout }));
        Assert.InRange(busy.Count, results.Length - options.MaxPendingPerAddress, results.Length);
        Assert.All(busy, r => Assert.Contains("your address", r.LastError!.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AtTheServersCapTheOldestIdleConnectionMakesRoomForAUser()
    {
        // Room for 4 users and 8 connections more: 12 connections in all, 2 of them the ordinary users.
        await using var harness = await HostileHarness.StartAsync(o => o with
        {
            MaxClients = 4,
            ConnectionsBeyondRoom = 8,
            HandshakeTimeout = TimeSpan.FromSeconds(3),
        });

        // Thirty idle connections, each from an address of its own: no limit per address applies,
        // only the server's cap, so each one beyond it evicts the oldest that has not said hello.
        var silent = Enumerable.Range(0, 30).Select(i => Silent.RunAsync(harness.AttackerAt(i), new Random(i))).ToList();
        var evicted = 0;
        var twentyEvicted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var task in silent)
        {
            _ = task.ContinueWith(
                t =>
                {
                    if (t.Result.LastError?.Code == ErrorCode.ServerBusy && Interlocked.Increment(ref evicted) == 20)
                    {
                        twentyEvicted.TrySetResult();
                    }
                },
                TaskScheduler.Default);
        }

        await twentyEvicted.Task.WithTimeout();

        // The server is full of idle connections; a user still gets in.
        await using var newcomers = await OrdinaryUsers.JoinAsync("127.0.0.1", harness.Server.Port).WithTimeout();
        var chat = await newcomers.ExchangeAsync(linesEach: 3, TimeSpan.Zero, TestTimeout.Value).WithTimeout();
        Assert.True(chat.NothingLost, chat.ToString());

        var results = await Task.WhenAll(silent).WithTimeout();
        Assert.All(results, result => Assert.Contains(
            AssertAttack.EndedWith(result, result.LastError?.Code ?? ErrorCode.HandshakeTimeout).Code, new[] { ErrorCode.ServerBusy, ErrorCode.HandshakeTimeout }));
        await harness.AssertOrdinaryUsersChatAsync();
        harness.AssertMemoryBounded();
    }
}
