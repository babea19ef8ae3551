namespace Chat.Protocol;

/// <summary>
/// Marks a <see cref="ChatMessage"/> that a <see cref="ChatClient"/> makes itself to tell the
/// application what happened to its connection (<see cref="Reconnecting"/>, <see cref="Reconnected"/>).
/// Such a message has no wire id and is never encoded: <see cref="Wire.MessageSerializer"/> refuses it.
/// </summary>
internal interface IClientMadeMessage
{
}
