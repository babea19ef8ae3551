using System.Diagnostics;
using Chat.LoadTest.Measurement;

namespace Chat.LoadTest.Rooms;

/// <summary>
/// The rooms scenario's senders, open loop on a fixed schedule that does not wait for answers:
/// one per room, posting the room's lines through its members in turn, the rooms spread evenly in
/// time; and one posting the default room's lines through clients spread over the run.
/// </summary>
internal static class RoomSending
{
    /// <summary>
    /// Posts every room line of <paramref name="phase"/>, <paramref name="rate"/> lines per second in
    /// each room from <paramref name="start"/>; <paramref name="sent"/> counts each room's lines, and
    /// <paramref name="lag"/> keeps each room's furthest fall behind its schedule (Stopwatch ticks).
    /// </summary>
    public static Task SendRoomLinesAsync(
        RoomFleet fleet, RoomPhase phase, double rate, int textLength, long start, long[] sent, long[] lag, CancellationToken cancellationToken)
    {
        var layout = phase.Plan.Layout;
        return Task.WhenAll(Enumerable.Range(0, layout.Rooms).Select(room => Task.Run(async () =>
        {
            var interval = Stopwatch.Frequency / rate;
            var offset = interval * room / layout.Rooms;
            var name = layout.NameOf(room);
            for (var line = 0; line < phase.Plan.LinesPerRoom; line++)
            {
                var due = start + (long)(offset + (line * interval));
                lag[room] = Math.Max(lag[room], await WaitUntilAsync(due, cancellationToken));
                var sequence = phase.Plan.RoomSequence(room, line);
                await SendAsync(fleet, phase, sequence, name, textLength, cancellationToken);
                sent[room] = line + 1;
            }
        })));
    }

    /// <summary>Posts every default-room line of <paramref name="phase"/>, <paramref name="rate"/> lines per second from <paramref name="start"/>.</summary>
    public static async Task<long> SendLobbyLinesAsync(
        RoomFleet fleet, RoomPhase phase, double rate, int textLength, long start, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / rate;
        long sent = 0;
        for (var line = 0; line < phase.Plan.LobbyLines; line++)
        {
            await WaitUntilAsync(start + (long)(line * interval), cancellationToken);
            var sequence = phase.Plan.LobbySequence(line);
            var sender = fleet.Clients[phase.Plan.SenderOf(sequence)]!;
            await SendAsync(fleet, phase, sequence, sender.DefaultRoom, textLength, cancellationToken);
            sent++;
        }

        return sent;
    }

    private static ValueTask SendAsync(RoomFleet fleet, RoomPhase phase, int sequence, string room, int textLength, CancellationToken cancellationToken)
    {
        var sender = fleet.Clients[phase.Plan.SenderOf(sequence)]!;
        var text = LineText.Format(phase.Tag, sequence, textLength);
        phase.Stamps.Stamp(sequence, Stopwatch.GetTimestamp());
        return sender.SendAsync(room, text, cancellationToken);
    }

    /// <summary>Waits until Stopwatch time <paramref name="due"/>; returns how late it woke (0 when it was due already).</summary>
    private static async ValueTask<long> WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        var wait = due - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken);
        }

        return Math.Max(0, Stopwatch.GetTimestamp() - due);
    }
}
