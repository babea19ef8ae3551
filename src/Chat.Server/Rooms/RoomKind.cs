namespace Chat.Server;

/// <summary>Who created a room, which decides how long it lives.</summary>
internal enum RoomKind
{
    /// <summary>Created by a user joining it: it vanishes when its last member leaves (a durable store keeps its lines and topic for when it is made again; memory loses them).</summary>
    User,

    /// <summary>Created by the operator (the default room, <c>--room</c>, the console's <c>topic</c>): it stays, empty or not; a durable store makes those of the console again at the next start.</summary>
    Operator,
}
