namespace Chat.Protocol;

/// <summary>
/// Made by the <see cref="ChatClient"/>, never sent on the wire: after <see cref="Reconnecting"/>,
/// the client is in again, under the same name, with a new session. What follows in the stream:
/// for the default room, then each other room rejoined in turn, a <see cref="RoomJoined"/> (its
/// <see cref="RoomJoined.Recent"/> empty) and one or more <see cref="HistoryBatch"/> with
/// <see cref="HistoryBatch.RequestId"/> 0 holding the lines said since the last one the
/// application was given; then a private <see cref="HistoryBatch"/> (when private messages were
/// seen before); then live messages.
/// </summary>
/// <param name="Welcome">The new session's welcome (<see cref="ChatClient.Welcome"/>), with <see cref="Welcome.Recent"/> empty: the lines come in the batches that follow.</param>
public sealed record Reconnected(Welcome Welcome) : ChatMessage, IClientMadeMessage;
