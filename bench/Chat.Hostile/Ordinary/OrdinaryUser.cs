using System.Collections.Concurrent;
using System.Diagnostics;

namespace Chat.Hostile.Ordinary;

/// <summary>One ordinary member of the room: a real <see cref="ChatClient"/> that notes every line it sees and when.</summary>
internal sealed class OrdinaryUser : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LeaveReason> _departed = new(UserNameRules.Comparer);
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private long _lastLineId = -1;

    private OrdinaryUser(ChatClient client)
    {
        Client = client;
        _reader = ReadAsync();
    }

    /// <summary>The longest line whose text is noted; <see cref="AwaitAsync(IReadOnlyCollection{string}, long, CancellationToken)"/> waits only for lines this short.</summary>
    public const int MaxNotedLength = 200;

    /// <summary>The client.</summary>
    public ChatClient Client { get; }

    /// <summary>What went wrong for this user: errors the server sent it, the end of its session.</summary>
    public IEnumerable<string> Problems => _problems;

    /// <summary>Joins the room under <paramref name="name"/>.</summary>
    public static async Task<OrdinaryUser> JoinAsync(string host, int port, string name, CancellationToken cancellationToken = default) =>
        new(await ChatClient.ConnectAsync(host, port, name, cancellationToken: cancellationToken).ConfigureAwait(false));

    /// <summary>When this user saw <paramref name="text"/> (a <see cref="Stopwatch"/> timestamp), if it has.</summary>
    public bool TryGetSeen(string text, out long at) => _seen.TryGetValue(text, out at);

    /// <summary>Waits until this user has seen every one of <paramref name="texts"/>, or until <paramref name="deadline"/>.</summary>
    /// <returns>Those it has not seen.</returns>
    public Task<List<string>> AwaitAsync(IReadOnlyCollection<string> texts, long deadline, CancellationToken cancellationToken) =>
        AwaitAsync(texts, _seen.ContainsKey, deadline, cancellationToken);

    /// <summary>Waits until this user has seen every one of <paramref name="names"/> leave the room, or until <paramref name="deadline"/>.</summary>
    /// <returns>Those it has not seen leave.</returns>
    public Task<List<string>> AwaitDeparturesAsync(IReadOnlyCollection<string> names, long deadline, CancellationToken cancellationToken) =>
        AwaitAsync(names, _departed.ContainsKey, deadline, cancellationToken);

    /// <summary>Waits until this user has seen the line with id <paramref name="id"/> (or a later one), or until <paramref name="deadline"/>.</summary>
    /// <returns>Whether it has.</returns>
    public async Task<bool> AwaitLineAsync(long id, long deadline, CancellationToken cancellationToken) =>
        (await AwaitAsync(["line"], _ => Volatile.Read(ref _lastLineId) >= id, deadline, cancellationToken).ConfigureAwait(false)).Count == 0;

    private async Task<List<string>> AwaitAsync(IReadOnlyCollection<string> wanted, Func<string, bool> seen, long deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var missing = wanted.Where(t => !seen(t)).ToList();
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (missing.Count == 0 || left <= TimeSpan.Zero || _reader.IsCompleted)
            {
                return missing;
            }

            await _arrived.WaitAsync(left, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in Client.ReadMessagesAsync(_stop.Token).ConfigureAwait(false))
            {
                switch (message)
                {
                    case TextPosted line:
                        // Ordinary lines are short; a long one (someone else's) is noted only by its id, so that a busy room costs no memory here.
                        if (line.Text.Length <= MaxNotedLength)
                        {
                            _seen.TryAdd(line.Text, Stopwatch.GetTimestamp());
                        }

                        Volatile.Write(ref _lastLineId, line.Id);
                        _arrived.Release();
                        break;
                    case UsersLeft left:
                        foreach (var departure in left.Departures)
                        {
                            _departed.TryAdd(departure.UserName, departure.Reason);
                        }

                        _arrived.Release();
                        break;
                    case ErrorMessage error:
                        _problems.Enqueue($"{Client.UserName} got {error.Code}: {error.Text}");
                        break;
                }
            }

            if (!_stop.IsCancellationRequested)
            {
                _problems.Enqueue($"{Client.UserName}'s session ended");
            }
        }
        catch (ChatException ex) when (!_stop.IsCancellationRequested)
        {
            _problems.Enqueue($"{Client.UserName}'s session failed: {ex.Message}");
        }
        finally
        {
            _arrived.Release();
        }
    }
}
