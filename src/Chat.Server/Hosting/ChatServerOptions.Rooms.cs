using Chat.Protocol;

namespace Chat.Server;

/// <summary>The rooms: the default room, the operator's rooms and the limits on rooms (issue 14).</summary>
internal sealed partial record ChatServerOptions
{
    /// <summary>The longest topic, in Unicode scalar values: the protocol's (docs/protocol.md, R7.43).</summary>
    public const int MaxTopicLength = ProtocolInfo.MaxTopicLength;

    /// <summary>The longest away text, in Unicode scalar values: the protocol's (docs/protocol.md, R7.45).</summary>
    public const int MaxAwayLength = ProtocolInfo.MaxAwayTextLength;

    /// <summary>The room every connection is put in at its handshake; an operator's room.</summary>
    public string DefaultRoom { get; init; } = "#lobby";

    /// <summary>More operator's rooms, created at start; they stay when empty.</summary>
    public IReadOnlyList<string> Rooms { get; init; } = [];

    /// <summary>The most rooms the server holds at once, the operator's included.</summary>
    public int MaxRooms { get; init; } = 1000;

    /// <summary>The most rooms one user may be in at once.</summary>
    public int MaxRoomsPerUser { get; init; } = 20;

    /// <summary>The most members of one room; <see langword="null"/> for <see cref="MaxClients"/>.</summary>
    public int? MaxRoomMembers { get; init; }

    /// <summary>Whether only the operator creates rooms: users may then join only rooms that exist.</summary>
    public bool OperatorCreatesRooms { get; init; }

    /// <summary>The most members of one room: <see cref="MaxRoomMembers"/>, never more than <see cref="MaxClients"/>.</summary>
    public int EffectiveMaxRoomMembers => Math.Min(MaxRoomMembers ?? MaxClients, MaxClients);

    /// <summary>Checks the room settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or a room name breaks the rules; the message says which.</exception>
    public void ValidateRooms()
    {
        CheckRoomName(DefaultRoom, "--default-room");
        ArgumentNullException.ThrowIfNull(Rooms, nameof(Rooms));
        foreach (var room in Rooms)
        {
            CheckRoomName(room, "--room");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRoomsPerUser, 1, nameof(MaxRoomsPerUser));
        if (MaxRoomMembers is { } members)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(members, 1, nameof(MaxRoomMembers));
        }

        var operatorRooms = Rooms.Select(RoomNameRules.Normalize).Append(RoomNameRules.Normalize(DefaultRoom)).Distinct(RoomNameRules.Comparer).Count();
        if (MaxRooms < operatorRooms)
        {
            throw new ArgumentException($"--max-rooms {MaxRooms} is fewer than the {operatorRooms} rooms the operator creates at start (--default-room and --room).");
        }
    }

    private static void CheckRoomName(string? name, string option)
    {
        var problem = RoomNameRules.Check(name);
        if (problem != RoomNameProblem.None)
        {
            throw new ArgumentException($"{option} \"{name}\" is not a room name: {RoomNameRules.Describe(problem, name)}");
        }
    }
}
