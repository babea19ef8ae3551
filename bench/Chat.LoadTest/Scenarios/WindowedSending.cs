using Chat.LoadTest.Clients;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Scenarios;

/// <summary>
/// Senders that send back to back, each keeping at most its window of lines in flight (sent,
/// not yet received back by itself).
/// </summary>
internal static class WindowedSending
{
    /// <summary>The texts of every line of <paramref name="lines"/>, made before the clock starts.</summary>
    public static string[] Texts(LinePhase lines, int textLength)
    {
        var texts = new string[lines.LinesPerReceiver];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = LineText.Format(lines.Tag, i, textLength);
        }

        return texts;
    }

    /// <summary>Starts every sender of <paramref name="lines"/>; <paramref name="sent"/> counts each one's lines as they go.</summary>
    public static Task StartAsync(ClientFleet fleet, LinePhase lines, string[] texts, long[] sent, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, lines.Senders).Select(
            s => Task.Run(() => SendAsync(fleet.Clients[s]!, s, lines, texts, sent, cancellationToken))));

    private static async Task SendAsync(
        LoadClient client, int sender, LinePhase lines, string[] texts, long[] sent, CancellationToken cancellationToken)
    {
        var window = lines.Windows![sender];
        var first = sender * lines.LinesPerSender;
        for (var i = 0; i < lines.LinesPerSender; i++)
        {
            await window.WaitAsync(cancellationToken);
            await RunSteps.SendLineAsync(client, lines, first + i, texts[first + i], cancellationToken);
            sent[sender] = i + 1;
        }
    }
}
