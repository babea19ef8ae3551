using System.Diagnostics;
using System.Globalization;
using Chat.LoadTest.Clients.Epoll;
using Chat.Protocol;

namespace Chat.LoadTest.Clients;

/// <summary>
/// The clients of one run: connected with bounded concurrency, each with its read loop (or, for
/// <see cref="EpollLoadClient"/>s, the fleet's <see cref="ReceiveLoops"/>), and closed together at the end.
/// </summary>
internal sealed class ClientFleet : IAsyncDisposable
{
    private readonly LoadClient?[] _clients;
    private readonly HashSet<int> _keepUserLists;
    private readonly bool _presenceForAll;
    private readonly ReceiveLoops? _receiveLoops;
    private int _failures;
    private string? _firstFailure;
    private long _lastWelcomedAt;

    private ClientFleet(FleetSettings settings, RunProblems problems)
    {
        _clients = new LoadClient?[settings.Count];
        _keepUserLists = [.. UserListSample.Indices(settings.UserListSample, settings.Count)];
        _presenceForAll = settings.PresenceForAll;
        Presence = new PresenceGoal(_presenceForAll ? settings.Count : _keepUserLists.Count);
        Problems = problems;
        if (settings.ThinClients && settings.ReceiveThreads > 0 && settings.Count > 0)
        {
            _receiveLoops = new ReceiveLoops(settings.ReceiveThreads);
        }
    }

    public PresenceGoal Presence { get; }

    public RunProblems Problems { get; }

    /// <summary>The clients that joined, by index; a client that failed to join leaves a gap.</summary>
    public IReadOnlyList<LoadClient?> Clients => _clients;

    /// <summary>How many clients joined.</summary>
    public int Connected => _clients.Count(c => c is not null);

    public int Requested => _clients.Length;

    public int Failures => Volatile.Read(ref _failures);

    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>Stopwatch timestamp of the last welcome.</summary>
    public long LastWelcomedAt => Interlocked.Read(ref _lastWelcomedAt);

    /// <summary>The user name of client <paramref name="index"/> of run <paramref name="tag"/>.</summary>
    public static string UserName(int tag, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"lt{tag:D4}-{index:D5}");

    /// <summary>Reads the client index from a user name of run <paramref name="tag"/> (see <see cref="UserName"/>).</summary>
    public static bool TryParseIndex(string name, int tag, out int index)
    {
        // Called for every name of every welcome and join notice (10^8 times in the join scenario):
        // fixed positions, and one branch for all the digits.
        index = 0;
        var s = name.AsSpan();
        if (s.Length != 12 || s[6] != '-' || (s[0] | 0x20) != 'l' || (s[1] | 0x20) != 't')
        {
            return false;
        }

        uint t0 = (uint)(s[2] - '0'), t1 = (uint)(s[3] - '0'), t2 = (uint)(s[4] - '0'), t3 = (uint)(s[5] - '0');
        uint i0 = (uint)(s[7] - '0'), i1 = (uint)(s[8] - '0'), i2 = (uint)(s[9] - '0'), i3 = (uint)(s[10] - '0'), i4 = (uint)(s[11] - '0');
        if ((t0 > 9) | (t1 > 9) | (t2 > 9) | (t3 > 9) | (i0 > 9) | (i1 > 9) | (i2 > 9) | (i3 > 9) | (i4 > 9)
            || (t0 * 1000) + (t1 * 100) + (t2 * 10) + t3 != (uint)tag)
        {
            return false;
        }

        index = (int)((i0 * 10000) + (i1 * 1000) + (i2 * 100) + (i3 * 10) + i4);
        return true;
    }

    /// <summary>
    /// Connects the clients <paramref name="settings"/> asks for. Client 0 joins alone first and tells how many
    /// users were present before the run (another program may be in the room); that sets the
    /// presence every client must reach. Then the rest join, as many at a time as the settings allow.
    /// <paramref name="afterFirstClient"/>, when given, runs between the two (to take a baseline).
    /// Stops connecting at the first failure (the caller sees it in <see cref="Failures"/>) or
    /// when <paramref name="cancellationToken"/> is cancelled; returns the clients that joined.
    /// </summary>
    public static async Task<ClientFleet> ConnectAsync(
        FleetSettings settings,
        Func<Task>? afterFirstClient,
        CancellationToken cancellationToken)
    {
        var fleet = new ClientFleet(settings, new RunProblems());
        try
        {
            await fleet.ConnectAllAsync(settings, afterFirstClient, cancellationToken).ConfigureAwait(false);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false); // the clients that joined, and the receive threads
            throw;
        }
    }

    private async Task ConnectAllAsync(FleetSettings settings, Func<Task>? afterFirstClient, CancellationToken cancellationToken)
    {
        if (settings.Count == 0)
        {
            return;
        }

        await ConnectOneAsync(0, settings, cancellationToken).ConfigureAwait(false);
        if (_clients[0] is not { } first)
        {
            return;
        }

        var alreadyPresent = first.UsersAtJoin - 1;
        Presence.SetTarget(settings.Count + alreadyPresent);
        first.CheckPresence();
        if (afterFirstClient is not null)
        {
            await afterFirstClient().ConfigureAwait(false);
        }

        using var stopOnFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(1, settings.Count - 1),
                new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = stopOnFailure.Token },
                async (index, ct) =>
                {
                    await ConnectOneAsync(index, settings, ct).ConfigureAwait(false);
                    if (Failures > 0)
                    {
                        await stopOnFailure.CancelAsync().ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A client failed to join, or the run's deadline passed: the fleet reports what joined.
        }
    }

    /// <summary>Makes every client measure <paramref name="lines"/> from now on (see <see cref="LoadClient.UseLines"/>).</summary>
    public void UseLines(LinePhase lines)
    {
        foreach (var client in _clients)
        {
            client?.UseLines(lines);
        }
    }

    /// <summary>
    /// Ends every session: each client leaves (or sees the server's shutdown) and closes; then the
    /// receive loops, if any, stop and their threads end.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Problems.Closing = true;
        var closing = new List<Task>(_clients.Length);
        foreach (var client in _clients)
        {
            if (client is not null)
            {
                closing.Add(client.DisposeAsync().AsTask());
            }
        }

        try
        {
            await Task.WhenAll(closing).ConfigureAwait(false);
        }
        finally
        {
            _receiveLoops?.Dispose();
        }
    }

    private async Task ConnectOneAsync(int index, FleetSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            // Only the clients whose user list is compared at the end keep one in the client library;
            // with presence for the sample only, the others decline presence altogether.
            var sampled = _keepUserLists.Contains(index);
            var hearsPresence = sampled || _presenceForAll;
            var name = UserName(settings.Tag, index);
            LoadClient client;
            if (!hearsPresence && _receiveLoops is not null)
            {
                client = await EpollLoadClient.ConnectAsync(
                    settings.Host, settings.Port, index, name, settings.ClientOptions, Problems, _receiveLoops, cancellationToken).ConfigureAwait(false);
            }
            else if (!hearsPresence && settings.ThinClients)
            {
                client = await ThinLoadClient.ConnectAsync(
                    settings.Host, settings.Port, index, name, settings.ClientOptions, Problems, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var options = sampled ? settings.ClientOptions
                    : settings.ClientOptions with { TrackUsers = false, ReceivePresence = hearsPresence };
                var chatClient = await ChatClient.ConnectAsync(settings.Host, settings.Port, name, options, cancellationToken).ConfigureAwait(false);
                var users = hearsPresence ? new PresenceSet(settings.Tag, settings.Count) : null;
                client = new LibraryLoadClient(index, chatClient, users, Presence, Problems);
            }

            InterlockedMax(ref _lastWelcomedAt, Stopwatch.GetTimestamp());
            _clients[index] = client;
        }
        catch (ChatException ex)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.CompareExchange(ref _firstFailure, $"client {index}: {ex.Message}", null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the run's deadline passed or another client failed.
        }
    }

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
