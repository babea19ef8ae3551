using System.Diagnostics;
using Chat.Protocol;

namespace Chat.LoadTest.Clients;

/// <summary>
/// A simulated user on the client library: a <see cref="ChatClient"/> and the single loop that
/// reads its messages, measuring the run's lines and tracking how many users it sees. Allocates
/// nothing per message beyond what the client API does. The clients that receive presence are
/// these, and with <c>--client library</c> (or <c>--tls</c>) every client is.
/// </summary>
internal sealed class LibraryLoadClient : LoadClient
{
    private readonly PresenceSet? _users; // null when the client declined presence
    private readonly PresenceGoal _presenceGoal;
    private readonly RunProblems _problems;
    private int _presence;
    private int _presenceReached;

    /// <param name="index">The client's number in the run.</param>
    /// <param name="client">The joined client.</param>
    /// <param name="users">Where to keep the users it sees; <see langword="null"/> for a client that declined presence.</param>
    /// <param name="presenceGoal">The run's presence target and count.</param>
    /// <param name="problems">Where to count what goes wrong.</param>
    public LibraryLoadClient(int index, ChatClient client, PresenceSet? users, PresenceGoal presenceGoal, RunProblems problems)
        : base(index)
    {
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

    public override bool HearsPresence => _users is not null;

    public ChatClient Client { get; }

    public override Task Reading { get; }

    public override int UsersAtJoin => Client.UsersAtJoin;

    /// <summary>
    /// The number of users this client sees, from its welcome and the join and leave notices
    /// since, counted as the client library does (a name announced twice counts once).
    /// </summary>
    public override int Presence => Volatile.Read(ref _presence);

    public override void CheckPresence() => CheckPresence(Volatile.Read(ref _presence));

    public override ValueTask SendAsync(string text, CancellationToken cancellationToken) => Client.SendAsync(text, cancellationToken);

    public override ValueTask DisposeAsync() => Client.DisposeAsync();

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
        var lines = Lines;
        if (lines is null || !Measurement.LineText.TryParse(posted.Text, lines.Tag, out var sequence))
        {
            return;
        }

        OnLine(lines, posted.Id, sequence, receivedAt, _problems);
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
