namespace Chat.LoadTest.Clients;

/// <summary>
/// What went wrong during a run, counted across all clients: connections lost, errors the
/// server sent, lines nobody sent, presence sent to clients that declined it. Keeps the first description of each for the report.
/// </summary>
internal sealed class RunProblems
{
    private volatile bool _closing;
    private long _connectionsLost;
    private long _serverErrors;
    private long _unknownLines;
    private long _unwantedPresence;
    private string? _firstConnectionLost;
    private string? _firstServerError;

    public long ConnectionsLost => Volatile.Read(ref _connectionsLost);

    public long ServerErrors => Volatile.Read(ref _serverErrors);

    public long UnknownLines => Volatile.Read(ref _unknownLines);

    /// <summary>Presence notices that reached clients which declined presence.</summary>
    public long UnwantedPresence => Volatile.Read(ref _unwantedPresence);

    public string? FirstConnectionLost => Volatile.Read(ref _firstConnectionLost);

    public string? FirstServerError => Volatile.Read(ref _firstServerError);

    /// <summary>Set when the run is over: connections ending after this are the teardown, not a problem.</summary>
    public bool Closing
    {
        get => _closing;
        set => _closing = value;
    }

    public void ConnectionLost(string why)
    {
        if (Closing)
        {
            return;
        }

        Interlocked.Increment(ref _connectionsLost);
        Interlocked.CompareExchange(ref _firstConnectionLost, why, null);
    }

    public void ServerError(string text)
    {
        Interlocked.Increment(ref _serverErrors);
        Interlocked.CompareExchange(ref _firstServerError, text, null);
    }

    public void UnknownLine() => Interlocked.Increment(ref _unknownLines);

    public void PresenceUnwanted() => Interlocked.Increment(ref _unwantedPresence);
}
