using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Rooms;

/// <summary>
/// What the receivers of one phase of the rooms scenario share: the phase's lines and run tag,
/// when each line was sent, where latencies go (room lines and default-room lines apart), the ids
/// the lines arrived with, and the count of clients that have all their room lines and all their
/// default-room lines.
/// </summary>
internal sealed class RoomPhase
{
    public RoomPhase(int tag, RoomLinePlan plan)
    {
        Tag = tag;
        Plan = plan;
        Stamps = new SendStamps(plan.TotalLines);
        Ids = new LineIds(plan.TotalLines);
        RoomLinesDone = new CompletionCounter(plan.LinesPerRoom > 0 ? plan.Layout.Clients : 0);
        LobbyLinesDone = new CompletionCounter(plan.LobbyLines > 0 ? plan.Layout.Clients : 0);
    }

    /// <summary>The tag in the prefix of the phase's lines.</summary>
    public int Tag { get; }

    public RoomLinePlan Plan { get; }

    public SendStamps Stamps { get; }

    public LineIds Ids { get; }

    /// <summary>Send-to-receive times of the lines posted to the rooms.</summary>
    public LatencyRecorder RoomLatencies { get; } = new();

    /// <summary>Send-to-receive times of the lines posted to the default room.</summary>
    public LatencyRecorder LobbyLatencies { get; } = new();

    /// <summary>Counts down once per client that has every line of its room.</summary>
    public CompletionCounter RoomLinesDone { get; }

    /// <summary>Counts down once per client that has every line of the default room.</summary>
    public CompletionCounter LobbyLinesDone { get; }
}
