using MessagePack;

namespace Chat.Protocol;

/// <summary>
/// Client → server: the client is leaving. The server tells the room (with
/// <see cref="LeaveReason.Quit"/>) and closes the connection.
/// </summary>
/// <param name="Text">An optional parting message, shown to the others; may be empty.</param>
[MessagePackObject]
public sealed record Goodbye(
    [property: Key(0)] string Text = "") : ChatMessage;
