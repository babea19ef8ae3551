using System.Diagnostics;
using Chat.LoadTest.Clients;
using Chat.Protocol;

namespace Chat.LoadTest.Rooms;

/// <summary>
/// The clients of one rooms run: each connects (protocol version 2), is put in the default room
/// by the server, and joins its own room; with bounded concurrency; closed together at the end.
/// </summary>
internal sealed class RoomFleet : IAsyncDisposable
{
    private readonly RoomClient?[] _clients;
    private int _failures;
    private string? _firstFailure;
    private long _lastJoinedAt;

    private RoomFleet(RoomLayout layout, int presenceClients)
    {
        Layout = layout;
        _clients = new RoomClient?[layout.Clients];
        Presence = new PresenceGoal(presenceClients);
    }

    public RoomLayout Layout { get; }

    /// <summary>How many users every client that receives presence must see in the default room, and how many see them all (and their room's members).</summary>
    public PresenceGoal Presence { get; }

    public RoomProblems RoomProblems { get; } = new();

    public RunProblems Problems { get; } = new();

    /// <summary>The clients that joined their room, by index; a client that failed leaves a gap.</summary>
    public IReadOnlyList<RoomClient?> Clients => _clients;

    public int Connected => _clients.Count(c => c is not null);

    public int Failures => Volatile.Read(ref _failures);

    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>Stopwatch timestamp of the last <see cref="RoomJoined"/>.</summary>
    public long LastJoinedAt => Interlocked.Read(ref _lastJoinedAt);

    /// <summary>
    /// Connects every client of <paramref name="layout"/>: client 0 alone first, which tells how many
    /// users were in the default room before the run (that sets the presence target), then the rest,
    /// as many at a time as the settings allow. Stops at the first failure (see <see cref="Failures"/>)
    /// or when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task<RoomFleet> ConnectAsync(RoomClientSettings settings, RoomLayout layout, CancellationToken cancellationToken)
    {
        var sample = settings.PresenceForAll ? null : new HashSet<int>(UserListSample.Indices(settings.PresenceSample, layout.Clients));
        var fleet = new RoomFleet(layout, sample?.Count ?? layout.Clients);
        await fleet.ConnectOneAsync(settings, 0, sample, cancellationToken);
        if (fleet._clients[0] is not { } first)
        {
            return fleet;
        }

        var alreadyPresent = Math.Max(first.Welcome.UserCount, first.Welcome.Users.Count) - 1;
        fleet.Presence.SetTarget(layout.Clients + Math.Max(0, alreadyPresent));
        first.CheckPresence();

        using var stopOnFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(1, layout.Clients - 1),
                new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = stopOnFailure.Token },
                async (index, ct) =>
                {
                    await fleet.ConnectOneAsync(settings, index, sample, ct);
                    if (fleet.Failures > 0)
                    {
                        await stopOnFailure.CancelAsync();
                    }
                });
        }
        catch (OperationCanceledException)
        {
            // A client failed, or the run's deadline passed: the fleet reports what joined.
        }

        return fleet;
    }

    /// <summary>Makes every client check and measure <paramref name="phase"/>'s lines from now on.</summary>
    public void Use(RoomPhase phase)
    {
        foreach (var client in _clients)
        {
            client?.Use(phase);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Problems.Closing = true;
        await Task.WhenAll(_clients.Where(c => c is not null).Select(c => c!.DisposeAsync().AsTask()));
    }

    private async Task ConnectOneAsync(RoomClientSettings settings, int index, HashSet<int>? sample, CancellationToken cancellationToken)
    {
        RoomClient? client = null;
        try
        {
            client = await RoomClient.ConnectAsync(
                settings, Layout, index, sample?.Contains(index) ?? true, Presence, RoomProblems, Problems, cancellationToken);
            var joined = await client.JoinRoomAsync(cancellationToken);
            if (joined.UserCount > Layout.RoomSize)
            {
                throw new ChatException($"{joined.Room} has {joined.UserCount} members, more than the run put in it ({Layout.RoomSize}).");
            }

            InterlockedMax(ref _lastJoinedAt, Stopwatch.GetTimestamp());
            _clients[index] = client;
            client = null;
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
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
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
