namespace Chat.Protocol.Tests.Client;

/// <summary>What a scripted server with history says: welcomes, lines and batches, for the client's history and reconnect tests.</summary>
internal static class HistoryScript
{
    public const string Lobby = "#lobby";

    /// <summary>Back-off fast enough that a test waits on the stream, not on the clock.</summary>
    public static ReconnectBackoff Quick { get; } = new() { InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), Jitter = 0 };

    public static ChatClientOptions Reconnects { get; } = ChatClientOptions.Default with { Reconnect = Quick };

    public static DateTime Noon { get; } = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A version-2 welcome into #lobby from a server that keeps history under <paramref name="epoch"/>.</summary>
    public static Welcome WelcomeFor(Hello hello, string epoch, params long[] recent) =>
        FakeSession.WelcomeFor(hello) with
        {
            Room = Lobby,
            Topic = "Say hi",
            Recent = Lines(Lobby, recent),
            HistoryLimit = 100,
            HistoryEpoch = epoch,
            MessageRate = 1000,
            MessageBurst = 30,
        };

    public static TextPosted Line(string room, long id) => new(id, "bob", $"{room} line {id}", Noon) { Room = room };

    public static TextPosted[] Lines(string room, params long[] ids) => [.. ids.Select(id => Line(room, id))];

    public static PrivateMessage Whisper(long id) => new("bob", "alice", $"psst {id}", Noon) { Id = id };

    public static RoomJoined Joined(string room, params long[] recent) => new(room, "", ["alice", "bob"], Lines(room, recent), 2);

    public static HistoryBatch Batch(HistoryRequest request, bool more, params long[] ids) =>
        new(request.RequestId, request.Target, Lines(request.Target, ids), more);

    /// <summary>Reads the client's stream until it has <paramref name="count"/> items.</summary>
    public static async Task<List<ChatMessage>> TakeAsync(this ChatClient client, int count)
    {
        var taken = new List<ChatMessage>(count);
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        await foreach (var message in client.ReadMessagesAsync(timeout.Token))
        {
            taken.Add(message);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }
}
