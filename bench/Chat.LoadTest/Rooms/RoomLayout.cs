using System.Globalization;

namespace Chat.LoadTest.Rooms;

/// <summary>
/// Who is in which room in the rooms scenario: <see cref="Rooms"/> rooms of <see cref="RoomSize"/>
/// clients each, client <c>i</c> in room <c>i / RoomSize</c>, and every client also in the server's
/// default room. Room names carry the run tag (<c>#lt1234-r007</c>), so a run never meets another
/// run's rooms.
/// </summary>
internal sealed class RoomLayout
{
    /// <summary>The most rooms a run may have: the names carry five digits of room number.</summary>
    public const int MaxRooms = 99_999;

    /// <summary>What <see cref="Resolve"/> answers for the default room.</summary>
    public const int Lobby = -1;

    /// <summary>What <see cref="Resolve"/> answers for a room that is neither the default room nor one of the run's.</summary>
    public const int UnknownRoom = -2;

    private readonly string[] _names;

    public RoomLayout(int tag, int rooms, int roomSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tag, Measurement.LineText.MaxTag);
        ArgumentOutOfRangeException.ThrowIfLessThan(rooms, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rooms, MaxRooms);
        ArgumentOutOfRangeException.ThrowIfLessThan(roomSize, 1);
        Tag = tag;
        Rooms = rooms;
        RoomSize = roomSize;
        Clients = checked(rooms * roomSize);
        _names = new string[rooms];
        for (var r = 0; r < rooms; r++)
        {
            _names[r] = string.Create(CultureInfo.InvariantCulture, $"#lt{tag:D4}-r{r:D5}");
        }
    }

    public int Tag { get; }

    public int Rooms { get; }

    public int RoomSize { get; }

    /// <summary>Every client of the run: <see cref="Rooms"/> x <see cref="RoomSize"/>.</summary>
    public int Clients { get; }

    /// <summary>The name of room <paramref name="room"/>, as the run writes it.</summary>
    public string NameOf(int room) => _names[room];

    /// <summary>The room client <paramref name="client"/> joins.</summary>
    public int RoomOf(int client) => client / RoomSize;

    /// <summary>The client index of member <paramref name="member"/> (0 to <see cref="RoomSize"/> - 1) of room <paramref name="room"/>.</summary>
    public int MemberOf(int room, int member) => (room * RoomSize) + member;

    /// <summary>
    /// Which room a message's room field names: <see cref="Lobby"/> for the default room
    /// (<paramref name="defaultRoom"/>, in any letter case, or "", which a receiver takes as the
    /// default room), a room number for one of the run's rooms, otherwise <see cref="UnknownRoom"/>.
    /// </summary>
    public int Resolve(string room, string defaultRoom)
    {
        if (room.Length == 0 || Protocol.RoomNameRules.Comparer.Equals(room, defaultRoom))
        {
            return Lobby;
        }

        return TryParse(room, out var number) ? number : UnknownRoom;
    }

    /// <summary>
    /// Reads the room number from a room name of this run, in any letter case (the server compares
    /// room names without regard to case); false for any other name (the default room, other runs).
    /// </summary>
    public bool TryParse(string name, out int room)
    {
        room = -1;
        var s = name.AsSpan();

        // "#lt" + 4 tag digits + "-r" + 5 room digits.
        if (s.Length != 14 || s[0] != '#' || (s[1] | 0x20) != 'l' || (s[2] | 0x20) != 't' || s[7] != '-' || (s[8] | 0x20) != 'r'
            || !TryDigits(s.Slice(3, 4), out var tag) || tag != Tag || !TryDigits(s.Slice(9, 5), out var number) || number >= Rooms)
        {
            return false;
        }

        room = number;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
