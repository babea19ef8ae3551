using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Clients;

/// <summary>
/// What the receivers of a run that posts lines need: which lines are the run's, when each was
/// sent, where latencies go, how many lines each client must receive, and the senders' windows.
/// </summary>
internal sealed class LinePhase
{
    public LinePhase(int tag, int senders, int linesPerSender, int receivers, int window)
    {
        Tag = tag;
        Senders = senders;
        LinesPerSender = linesPerSender;
        Stamps = new SendStamps(checked(senders * linesPerSender));
        AllReceived = new CompletionCounter(receivers);
        if (window > 0)
        {
            Windows = new SemaphoreSlim[senders];
            for (var i = 0; i < senders; i++)
            {
                Windows[i] = new SemaphoreSlim(window, window);
            }
        }
    }

    /// <summary>The run tag carried in every line's prefix.</summary>
    public int Tag { get; }

    /// <summary>Clients 0 to <c>Senders - 1</c> send.</summary>
    public int Senders { get; }

    /// <summary>Lines per sender; sender <c>s</c> sends sequence numbers <c>s * LinesPerSender</c> onward.</summary>
    public int LinesPerSender { get; }

    /// <summary>Lines every receiver must get: all of them.</summary>
    public int LinesPerReceiver => Stamps.Length;

    public SendStamps Stamps { get; }

    public LatencyRecorder Latencies { get; } = new();

    /// <summary>Counts down once per receiver that has every line.</summary>
    public CompletionCounter AllReceived { get; }

    /// <summary>
    /// Per sender, the lines it may still have in flight (sent but not yet back to itself);
    /// <see langword="null"/> for open-loop (paced) sending.
    /// </summary>
    public SemaphoreSlim[]? Windows { get; }

    /// <summary>The sender of line <paramref name="sequence"/>.</summary>
    public int SenderOf(int sequence) => sequence / LinesPerSender;
}
