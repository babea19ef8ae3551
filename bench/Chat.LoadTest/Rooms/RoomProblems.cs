using System.Globalization;

namespace Chat.LoadTest.Rooms;

/// <summary>
/// What the rooms scenario's receivers found wrong, counted over every client: each kind of
/// <see cref="LineVerdict"/> other than <see cref="LineVerdict.Ok"/>, and presence notices of rooms
/// a client is not in. Keeps the first description of each kind for the report.
/// </summary>
internal sealed class RoomProblems
{
    private readonly long[] _counts = new long[Enum.GetValues<LineVerdict>().Length];
    private readonly string?[] _first = new string?[Enum.GetValues<LineVerdict>().Length];
    private long _foreignPresence;
    private string? _firstForeignPresence;

    /// <summary>How many lines got <paramref name="verdict"/>.</summary>
    public long Count(LineVerdict verdict) => Volatile.Read(ref _counts[(int)verdict]);

    /// <summary>The first line that got <paramref name="verdict"/>, described; <see langword="null"/> when none did.</summary>
    public string? First(LineVerdict verdict) => Volatile.Read(ref _first[(int)verdict]);

    /// <summary>Lines that reached a client outside the room they were posted to: <see cref="LineVerdict.NotAMember"/> and <see cref="LineVerdict.WrongRoom"/>.</summary>
    public long Misdelivered => Count(LineVerdict.NotAMember) + Count(LineVerdict.WrongRoom);

    /// <summary>Lines out of the room's order: out of order, after a gap, or with an id another member did not see.</summary>
    public long Disordered => Count(LineVerdict.OutOfOrder) + Count(LineVerdict.Gap) + Count(LineVerdict.IdMismatch);

    /// <summary>Presence notices (joins, departures) of rooms the client is not in.</summary>
    public long ForeignPresence => Volatile.Read(ref _foreignPresence);

    public string? FirstForeignPresence => Volatile.Read(ref _firstForeignPresence);

    /// <summary>Counts a line that got <paramref name="verdict"/> at client <paramref name="client"/>; <see cref="LineVerdict.Ok"/> counts nothing.</summary>
    public void Add(LineVerdict verdict, int client, string room, long id)
    {
        if (verdict == LineVerdict.Ok)
        {
            return;
        }

        Interlocked.Increment(ref _counts[(int)verdict]);
        if (Volatile.Read(ref _first[(int)verdict]) is null)
        {
            Interlocked.CompareExchange(
                ref _first[(int)verdict],
                string.Create(CultureInfo.InvariantCulture, $"client {client}, line {id} of {(room.Length == 0 ? "\"\"" : room)}"),
                null);
        }
    }

    /// <summary>Counts a presence notice of <paramref name="room"/> that reached client <paramref name="client"/>, which is not in it.</summary>
    public void AddForeignPresence(int client, string room)
    {
        Interlocked.Increment(ref _foreignPresence);
        Interlocked.CompareExchange(ref _firstForeignPresence, string.Create(CultureInfo.InvariantCulture, $"client {client}, {room}"), null);
    }
}
