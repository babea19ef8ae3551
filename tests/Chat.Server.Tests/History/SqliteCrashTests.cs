using System.Collections.Concurrent;
using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.History;

/// <summary>
/// The built server with <c>--history sqlite</c>, killed with SIGKILL while clients post in a busy
/// room, then restarted on the same data folder: nothing any client was shown is lost.
/// </summary>
public sealed class SqliteCrashTests : IDisposable
{
    private const int Clients = 4;
    private const int MostLinesEach = 3000;
    private const int SeenBeforeTheKill = 400;
    private const int InFlightEach = 10;
    private readonly SqliteStoreFolder _folder = new();

    [Fact]
    public async Task EveryLineAnyClientReceivedIsInTheHistoryAfterAKillAndTheIdsGoOnAboveThem()
    {
        var received = new ConcurrentDictionary<long, (string Author, string Text)>();
        var conflicts = new ConcurrentBag<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string epoch;
        await using (var server = await StartAsync())
        {
            var clients = new List<RawClient>();
            var welcomes = new List<Welcome>();
            for (var c = 0; c < Clients; c++)
            {
                var client = await RawClient.ConnectAsync(server.Port);
                clients.Add(client);
                welcomes.Add(await client.JoinAsync($"poster{c}").WithTimeout());
            }

            epoch = welcomes[0].HistoryEpoch;

            // Each poster keeps a few lines in flight: it sends the next when one of its own comes back.
            var windows = clients.Select(_ => new SemaphoreSlim(InFlightEach)).ToList();
            var ownSeen = new int[Clients];
            using var ended = new CancellationTokenSource();
            var readers = clients.Select((client, c) => Task.Run(() => ReadUntilTheEndAsync(client, $"poster{c}", windows[c], () => ownSeen[c]++, received, conflicts, enough))).ToList();
            var senders = clients.Select((client, c) => Task.Run(() => SendUntilTheEndAsync(client, c, windows[c], ended.Token))).ToList();

            await enough.Task.WithTimeout();
            await server.Process.KillAsync();

            await Task.WhenAll(readers).WithTimeout();
            await ended.CancelAsync();
            var sent = await Task.WhenAll(senders).WithTimeout();
            Assert.True(sent.Sum() > ownSeen.Sum(), $"No line was in flight at the kill: {sent.Sum()} sent, {ownSeen.Sum()} came back.");
            foreach (var window in windows)
            {
                window.Dispose();
            }
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        Assert.Empty(conflicts);
        Assert.True(received.Count >= SeenBeforeTheKill, $"Only {received.Count} lines were seen before the kill.");
        await using (var server = await StartAsync())
        {
            await using var late = await RawClient.ConnectAsync(server.Port);
            var welcome = await late.JoinAsync("late").WithTimeout();
            Assert.Equal(epoch, welcome.HistoryEpoch);
            await late.SendAsync(new SendText("after the restart")).WithTimeout();
            var next = await late.ReceiveAsync<TextPosted>(line => line.Text == "after the restart").WithTimeout();
            Assert.True(next.Id > received.Keys.Max(), $"The first id after the restart, {next.Id}, is not above the {received.Keys.Max()} seen before it.");

            var stored = StoredLines();
            var missing = received.Where(pair => !stored.TryGetValue(pair.Key, out var line) || line != pair.Value).Select(pair => pair.Key).Order().ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {received.Count} lines clients received are not in the history as received, the first ids {string.Join(", ", missing.Take(10))}.");
            Assert.Equal(next.Id, stored.Keys.Max());
        }
    }

    public void Dispose() => _folder.Dispose();

    private static async Task ReadUntilTheEndAsync(
        RawClient client,
        string name,
        SemaphoreSlim window,
        Action ownLineSeen,
        ConcurrentDictionary<long, (string Author, string Text)> received,
        ConcurrentBag<string> conflicts,
        TaskCompletionSource enough)
    {
        try
        {
            while (await client.ReceiveAsync() is { } message)
            {
                if (message is TextPosted line)
                {
                    var seen = received.GetOrAdd(line.Id, (line.Author, line.Text));
                    if (seen != (line.Author, line.Text))
                    {
                        conflicts.Add($"id {line.Id} was both {seen} and {(line.Author, line.Text)}");
                    }

                    if (line.Author == name)
                    {
                        ownLineSeen();
                        window.Release();
                    }

                    if (received.Count >= SeenBeforeTheKill)
                    {
                        enough.TrySetResult();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or OperationCanceledException or ObjectDisposedException)
        {
            // The server was killed.
        }
    }

    /// <returns>How many lines were sent before the server was killed.</returns>
    private static async Task<int> SendUntilTheEndAsync(RawClient client, int c, SemaphoreSlim window, CancellationToken ended)
    {
        var sent = 0;
        try
        {
            while (sent < MostLinesEach)
            {
                await window.WaitAsync(ended);
                await client.SendAsync(new SendText($"poster{c} says {sent}"));
                sent++;
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            // The server was killed mid-flight.
        }

        return sent;
    }

    private Task<ServerProcess> StartAsync() =>
        ServerProcess.StartAsync("--history", "sqlite", "--data", _folder.Path, "--rate", "0", "--log-level", "warning");

    private Dictionary<long, (string Author, string Text)> StoredLines()
    {
        using var connection = _folder.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, author, text FROM lines WHERE room = '#LOBBY'";
        var lines = new Dictionary<long, (string, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lines.Add(reader.GetInt64(0), (reader.GetString(1), reader.GetString(2)));
        }

        return lines;
    }
}
