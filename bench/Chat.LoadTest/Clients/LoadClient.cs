using System.Diagnostics;
using Chat.Protocol;

namespace Chat.LoadTest.Clients;

/// <summary>
/// One simulated user: a <see cref="ChatClient"/> and the single loop that reads its messages,
/// measuring the run's lines and tracking how many users it sees. Allocates nothing per message
/// beyond what the client API does.
/// </summary>
internal sealed class LoadClient : IAsyncDisposable
{
    private readonly PresenceSet? _users; // null when the client declined presence
    private readonly PresenceGoal _presenceGoal;
    private volatile LinePhase? _lines;
    private readonly RunProblems _problems;
    private long _received;
    private long _outOfOrder;
    private long _lastLineId = long.MinValue;
    private int _presence;
    private int _presenceReached;

    /// <param name="index">The client's number in the run.</param>
    /// <param name="client">The joined client.</param>
    /// <param name="users">Where to keep the users it sees; <see langword="null"/> for a client that declined presence.</param>
    /// <param name="presenceGoal">The run's presence target and count.</param>
    /// <param name="problems">Where to count what goes wrong.</param>
    public LoadClient(int index, ChatClient client, PresenceSet? users, PresenceGoal presenceGoal, RunProblems problems)
    {
        Index = index;
        Client = client;
        _users = users;
        _presenceGoal = presenceGoal;
        _problems = problems;
        if (users is not null)
        {
            foreach (var name in client.Welcome.Users)
            {
                users.Add(name);
            }

            _presence = users.Count;
        }

        Reading = Task.Run(ReadAsync);
        CheckPresence();
    }

    /// <summary>Whether the client receives presence (and counts towards the presence goal).</summary>
    public bool HearsPresence => _users is not null;

    public int Index { get; }

    public ChatClient Client { get; }

    /// <summary>The read loop; completes when the session ends.</summary>
    public Task Reading { get; }

    /// <summary>
    /// The lines this client measures from now on. Switch only while none of the new phase's
    /// lines are in flight: the counts start from zero.
    /// </summary>
    public void UseLines(LinePhase lines)
    {
        _lastLineId = long.MinValue;
        Volatile.Write(ref _received, 0);
        Volatile.Write(ref _outOfOrder, 0);
        _lines = lines;
    }

    /// <summary>The lines of the current phase this client received.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Lines whose server id was not above the previous line's.</summary>
    public long OutOfOrder => Volatile.Read(ref _outOfOrder);

    /// <summary>
    /// The number of users this client sees, from its welcome and the join and leave notices
    /// since, counted as the client library does (a name announced twice counts once).
    /// </summary>
    public int Presence => Volatile.Read(ref _presence);

    /// <summary>Counts this client towards the presence goal if it already sees the target number of users.</summary>
    public void CheckPresence() => CheckPresence(Volatile.Read(ref _presence));

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in Client.ReadMessagesAsync())
            {
                switch (message)
                {
                    case TextPosted posted:
                        OnLine(posted);
                        break;
                    case UsersJoined or UsersLeft when _users is null:
                        _problems.PresenceUnwanted();
                        break;
                    case UsersJoined joined:
                        foreach (var name in joined.UserNames)
                        {
                            _users!.Add(name);
                        }

                        PublishPresence();
                        break;
                    case UsersLeft left:
                        foreach (var departure in left.Departures)
                        {
                            _users!.Remove(departure.UserName);
                        }

                        PublishPresence();
                        break;
                    case ErrorMessage error:
                        _problems.ServerError(error.Text);
                        break;
                    case ServerShutdown:
                        return;
                }
            }
        }
        catch (ChatException ex)
        {
            _problems.ConnectionLost(ex.Message);
        }
    }

    private void OnLine(TextPosted posted)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        var lines = _lines;
        if (lines is null || !Measurement.LineText.TryParse(posted.Text, lines.Tag, out var sequence))
        {
            return;
        }

        var sentAt = lines.Stamps.SentAt(sequence);
        if (sentAt == 0)
        {
            _problems.UnknownLine();
            return;
        }

        lines.Latencies.Record(sentAt, receivedAt);
        if (posted.Id <= _lastLineId)
        {
            Volatile.Write(ref _outOfOrder, _outOfOrder + 1);
        }

        _lastLineId = posted.Id;
        var received = _received + 1;
        Volatile.Write(ref _received, received);
        if (received == lines.LinesPerReceiver)
        {
            lines.AllReceived.Signal();
        }

        if (lines.Windows is { } windows && Index < lines.Senders && lines.SenderOf(sequence) == Index)
        {
            windows[Index].Release();
        }
    }

    private void PublishPresence()
    {
        // A full fence, so that this and a concurrent SetTarget + CheckPresence cannot both miss.
        var presence = _users!.Count;
        Interlocked.Exchange(ref _presence, presence);
        CheckPresence(presence);
    }

    private void CheckPresence(int presence)
    {
        if (_users is null)
        {
            return;
        }

        var target = _presenceGoal.Target;
        if (target > 0 && presence == target && Interlocked.Exchange(ref _presenceReached, 1) == 0)
        {
            _presenceGoal.Complete.Signal();
        }
    }
}
