using System.Diagnostics;

namespace Chat.Hostile.Ordinary;

/// <summary>
/// Two ordinary users of the room, connected from this machine, who post lines and check that
/// each sees every one of its own and the other's: the measure of whether an attack hurt anyone else.
/// </summary>
internal sealed class OrdinaryUsers : IAsyncDisposable
{
    private readonly OrdinaryUser[] _users;
    private readonly string _tag;
    private int _round;

    private OrdinaryUsers(OrdinaryUser first, OrdinaryUser second, string tag)
    {
        _users = [first, second];
        _tag = tag;
    }

    /// <summary>Joins the two users.</summary>
    /// <param name="host">The server's host.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="cancellationToken">Stops joining.</param>
    public static async Task<OrdinaryUsers> JoinAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var tag = Random.Shared.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var first = await OrdinaryUser.JoinAsync(host, port, $"ann-{tag}", cancellationToken).ConfigureAwait(false);
        try
        {
            var second = await OrdinaryUser.JoinAsync(host, port, $"ben-{tag}", cancellationToken).ConfigureAwait(false);
            return new OrdinaryUsers(first, second, tag);
        }
        catch
        {
            await first.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Each user posts <paramref name="linesEach"/> lines, <paramref name="interval"/> apart, then
    /// both wait (up to <paramref name="patience"/>) until they have seen all of them.
    /// </summary>
    public async Task<ChatReport> ExchangeAsync(int linesEach, TimeSpan interval, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var round = Interlocked.Increment(ref _round);
        var sentAt = new Dictionary<string, (OrdinaryUser By, long At)>();
        var problems = new List<string>();
        for (var i = 0; i < linesEach; i++)
        {
            foreach (var user in _users)
            {
                var text = $"{user.Client.UserName} {round}.{i}";
                try
                {
                    sentAt[text] = (user, Stopwatch.GetTimestamp());
                    await user.Client.SendAsync(text, cancellationToken).ConfigureAwait(false);
                }
                catch (ChatException ex)
                {
                    problems.Add($"{user.Client.UserName} could not send: {ex.Message}");
                }
            }

            if (interval > TimeSpan.Zero && i < linesEach - 1)
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false); // the pace of a person typing
            }
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        var missing = new List<string>();
        foreach (var user in _users)
        {
            foreach (var text in await user.AwaitAsync(sentAt.Keys, deadline, cancellationToken).ConfigureAwait(false))
            {
                missing.Add($"{user.Client.UserName} never saw \"{text}\"");
            }
        }

        var latencies = sentAt
            .Where(pair => pair.Value.By.TryGetSeen(pair.Key, out _))
            .Select(pair => { pair.Value.By.TryGetSeen(pair.Key, out var seen); return Stopwatch.GetElapsedTime(pair.Value.At, seen); })
            .ToList();
        problems.AddRange(_users.SelectMany(u => u.Problems));
        return new ChatReport(sentAt.Count, missing, latencies, problems);
    }

    /// <summary>What went wrong for either user so far: errors the server sent them, a session that ended.</summary>
    public IEnumerable<string> Problems => _users.SelectMany(u => u.Problems);

    /// <summary>Waits until both users have seen the line with id <paramref name="id"/> (lines arrive in order: and every line before it).</summary>
    /// <returns>Whether both have, within <paramref name="patience"/>.</returns>
    public async Task<bool> AwaitLineAsync(long id, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        var all = true;
        foreach (var user in _users)
        {
            all &= await user.AwaitLineAsync(id, deadline, cancellationToken).ConfigureAwait(false);
        }

        return all;
    }

    /// <summary>Waits until both users have seen every one of <paramref name="names"/> leave the room, up to <paramref name="patience"/>.</summary>
    /// <returns>The names one of them did not see leave.</returns>
    public async Task<IReadOnlyList<string>> AwaitDeparturesAsync(IReadOnlyCollection<string> names, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in _users)
        {
            missing.UnionWith(await user.AwaitDeparturesAsync(names, deadline, cancellationToken).ConfigureAwait(false));
        }

        return [.. missing];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in _users)
        {
            await user.DisposeAsync().ConfigureAwait(false);
        }
    }
}
