using System.Net;
using Chat.Hostile.Attacks;
using Chat.Hostile.Ordinary;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Hostile;

/// <summary>
/// A real server on 127.0.0.1 with two ordinary users in its room (connected from 127.0.0.1, with
/// the server's default limits per address and no address exempt), and the means to attack it:
/// every test runs attacks while the ordinary users chat, then checks that each attacker was
/// dealt with, that the ordinary users lost nothing, and that memory came back down.
/// </summary>
internal sealed class HostileHarness : IAsyncDisposable
{
    /// <summary>
    /// How much more managed memory the process may hold after an attack than before it, once
    /// collected. Generous: other tests run in the same process at the same time. An attack that
    /// made the server keep what it was sent (a map of a million entries, a 4 GiB frame, queues
    /// of clients long gone) would pass it.
    /// </summary>
    public const long MemoryBound = 128L * 1024 * 1024;

    private readonly long _memoryBefore;

    private HostileHarness(TestServer server, OrdinaryUsers users, TimeSpan patience)
    {
        Server = server;
        Users = users;
        Target = new AttackTarget(new IPEndPoint(IPAddress.Loopback, server.Port), IPAddress.Parse("127.0.0.2"), patience, TimeSpan.FromMilliseconds(100));
        _memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
    }

    public TestServer Server { get; }

    public OrdinaryUsers Users { get; }

    /// <summary>The server, as the attacks see it: from 127.0.0.2, a slow byte every 100 ms.</summary>
    public AttackTarget Target { get; }

    /// <summary>
    /// The target for the <paramref name="index"/>th of several attackers: each from an address of
    /// its own (127.0.0.2 to 127.0.0.201), as from many machines, so that the limits per address
    /// (tested on their own in <see cref="AccessAttackTests"/>) do not decide how it ends.
    /// </summary>
    public AttackTarget AttackerAt(int index) => Target with { LocalAddress = IPAddress.Parse($"127.0.0.{2 + (index % 200)}") };

    /// <summary>
    /// Starts a server whose timeouts are short (three seconds to say hello, four of silence), so that
    /// the attacks that rely on them end soon, and lets the two ordinary users in. (They are
    /// pinged after two seconds of silence and have two more to answer, time enough on a machine
    /// busy with every other test.)
    /// </summary>
    public static async Task<HostileHarness> StartAsync(Func<ChatServerOptions, ChatServerOptions>? configure = null, TimeSpan? patience = null)
    {
        var server = TestServer.Start(o =>
        {
            var options = o with { HandshakeTimeout = TimeSpan.FromSeconds(3), IdleTimeout = TimeSpan.FromSeconds(4) };
            return configure?.Invoke(options) ?? options;
        });
        try
        {
            var users = await OrdinaryUsers.JoinAsync("127.0.0.1", server.Port).WithTimeout();
            return new HostileHarness(server, users, patience ?? TestTimeout.Value);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs every attack once, all at once (the seed differs per run), while the ordinary users
    /// chat; then checks that the ordinary users lost nothing and saw every attacker that got in
    /// leave again, and that memory is bounded.
    /// </summary>
    /// <returns>How each attack ended, in the order given.</returns>
    public async Task<AttackResult[]> AttackAsync(params Attack[] attacks)
    {
        var running = attacks.Select((attack, i) => attack.RunAsync(AttackerAt(i), new Random(1000 + i))).ToList();
        var chat = await Users.ExchangeAsync(linesEach: 5, TimeSpan.Zero, TestTimeout.Value).WithTimeout();
        var results = await Task.WhenAll(running).WithTimeout();
        await AssertAftermathAsync(chat, results);
        return results;
    }

    /// <summary>
    /// Checks that the ordinary users lost nothing while under attack (<paramref name="chat"/>),
    /// saw every attacker that got in leave again, still chat, and that memory is bounded.
    /// </summary>
    public async Task AssertAftermathAsync(ChatReport chat, IReadOnlyList<AttackResult> results)
    {
        Assert.True(chat.NothingLost, $"While under attack: {chat}");
        var joined = results.Select(r => r.JoinedAs).OfType<string>().ToList();
        var stillThere = await Users.AwaitDeparturesAsync(joined, TestTimeout.Value).WithTimeout();
        Assert.True(stillThere.Count == 0, $"The ordinary users never saw these attackers leave: {string.Join(", ", stillThere)}");

        await AssertOrdinaryUsersChatAsync();
        AssertMemoryBounded();
    }

    /// <summary>Runs one attack as <see cref="AttackAsync"/> does and returns how it ended.</summary>
    public async Task<AttackResult> AttackOnceAsync(Attack attack) => (await AttackAsync(attack)).Single();

    /// <summary>The ordinary users post a few more lines and see every one.</summary>
    public async Task AssertOrdinaryUsersChatAsync()
    {
        var after = await Users.ExchangeAsync(linesEach: 3, TimeSpan.Zero, TestTimeout.Value).WithTimeout();
        Assert.True(after.NothingLost, $"After the attack: {after}");
    }

    /// <summary>Checks that the managed heap, once collected, has not grown by more than <see cref="MemoryBound"/>.</summary>
    public void AssertMemoryBounded()
    {
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(
            after - _memoryBefore < MemoryBound,
            $"The heap grew from {_memoryBefore / 1048576.0:0.0} MiB to {after / 1048576.0:0.0} MiB while the server was attacked.");
    }

    public async ValueTask DisposeAsync()
    {
        await Users.DisposeAsync();
        await Server.DisposeAsync();
    }
}
