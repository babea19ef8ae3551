namespace Chat.Server;

/// <summary>Who created a room, which decides how long it lives.</summary>
internal enum RoomKind
{
    /// <summary>Created by a user joining it: it vanishes, with its log, when its last member leaves.</summary>
    User,

    /// <summary>Created by the operator (the default room, <c>--room</c>, the console's <c>topic</c>): it stays, empty or not.</summary>
    Operator,
}
