namespace Chat.Protocol.Tests.Client.WithServer;

/// <summary>Reading a client's stream against the real server, where presence notices and the like come between the messages a test is about.</summary>
internal static class StreamReading
{
    /// <summary>Quick back-off, so that a test waits on the stream, not on the clock.</summary>
    public static ChatClientOptions Reconnects { get; } = ChatClientOptions.Default with
    {
        Reconnect = new ReconnectBackoff { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
    };

    /// <summary>Server options that let one test client say many lines at once.</summary>
    public static string[] Unlimited { get; } = ["--rate", "1000", "--burst", "1000"];

    /// <summary>
    /// Reads until <paramref name="last"/> matches, keeping only the messages <paramref name="keep"/>
    /// selects (the last one included), in order.
    /// </summary>
    public static async Task<List<ChatMessage>> ReadUntilAsync(
        this ChatClient client, Func<ChatMessage, bool> keep, Func<ChatMessage, bool> last, string what)
    {
        var kept = new List<ChatMessage>();
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        try
        {
            await foreach (var message in client.ReadMessagesAsync(timeout.Token))
            {
                seen.Add(message.ToString());
                if (keep(message) || last(message))
                {
                    kept.Add(message);
                }

                if (last(message))
                {
                    return kept;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"{client.UserName} did not see {what}; it saw:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}");
    }

    /// <summary>Whether a message is one the reconnect and catch-up tests follow: the events, rooms joined, batches, lines.</summary>
    public static bool IsCatchUp(ChatMessage message) =>
        message is Reconnecting or Reconnected or RoomJoined or HistoryBatch or TextPosted or ServerShutdown;

    /// <summary>The lines of the room batches among <paramref name="messages"/>, in order.</summary>
    public static List<TextPosted> BatchLines(IEnumerable<ChatMessage> messages, string room) =>
        [.. messages.OfType<HistoryBatch>().Where(b => !b.Private && RoomNameRules.Comparer.Equals(b.Target, room)).SelectMany(b => b.Lines)];
}
