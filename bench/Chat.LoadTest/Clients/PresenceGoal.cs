using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Clients;

/// <summary>
/// How many users every client of the run must see in the room, and the count of clients that
/// have seen it. The target is set once the first client has told how many others were present.
/// </summary>
internal sealed class PresenceGoal(int clients)
{
    private int _target;

    /// <summary>Counts down once per client whose presence reached the target.</summary>
    public CompletionCounter Complete { get; } = new(clients);

    /// <summary>The number of users each client must see; 0 until it is known.</summary>
    public int Target => Volatile.Read(ref _target);

    /// <summary>Sets the target. Clients check it on every presence change from now on.</summary>
    public void SetTarget(int users) => Interlocked.Exchange(ref _target, users);
}
