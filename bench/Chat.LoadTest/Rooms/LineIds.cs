namespace Chat.LoadTest.Rooms;

/// <summary>
/// The id each of a run's lines was delivered with, as the first receiver saw it; every other
/// receiver must see the same. With ids increasing in every receiver, that makes every member of
/// a room see the room's lines in one order, the room's.
/// </summary>
internal sealed class LineIds
{
    private const long Unknown = long.MinValue;
    private readonly long[] _ids;

    public LineIds(int lines)
    {
        _ids = new long[lines];
        Array.Fill(_ids, Unknown);
    }

    /// <summary>Records that line <paramref name="sequence"/> arrived with <paramref name="id"/>; false when another receiver saw another id.</summary>
    public bool Agree(int sequence, long id)
    {
        var seen = Interlocked.CompareExchange(ref _ids[sequence], id, Unknown);
        return seen == Unknown || seen == id;
    }
}
