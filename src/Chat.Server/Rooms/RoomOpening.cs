using Chat.Protocol;

namespace Chat.Server;

/// <summary>What <see cref="RoomRegistry.OpenAsync"/> found or made, or why it made nothing.</summary>
/// <param name="Room">The room, or <see langword="null"/> when refused.</param>
/// <param name="Refusal">Why not: <see cref="ErrorCode.NotAllowed"/> (only the operator creates rooms) or <see cref="ErrorCode.TooManyRooms"/> (the server has as many as it may); <see langword="null"/> with a room.</param>
internal readonly record struct RoomOpening(Room? Room, ErrorCode? Refusal);
