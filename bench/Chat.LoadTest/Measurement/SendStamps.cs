namespace Chat.LoadTest.Measurement;

/// <summary>
/// The send time of every line of a run, by sequence number: the sender writes it just before
/// sending, every receiver reads it when the line arrives. One process, one Stopwatch clock.
/// </summary>
internal sealed class SendStamps(int lines)
{
    private readonly long[] _stamps = new long[lines];

    /// <summary>How many lines the run sends.</summary>
    public int Length => _stamps.Length;

    /// <summary>Records the send time of line <paramref name="sequence"/>.</summary>
    public void Stamp(int sequence, long timestamp) => Volatile.Write(ref _stamps[sequence], timestamp);

    /// <summary>The send time of line <paramref name="sequence"/>, or 0 when it is not one of this run's sent lines.</summary>
    public long SentAt(int sequence) =>
        (uint)sequence < (uint)_stamps.Length ? Volatile.Read(ref _stamps[sequence]) : 0;
}
