namespace Chat.Protocol;

/// <summary>
/// The server refused a request this client made (protocol version 2): joining or leaving a room,
/// setting a topic, taking another name, going away, reading history, searching, registering a name,
/// running an operator command. The session goes on.
/// </summary>
/// <remarks>
/// Thrown by <see cref="ChatClient.JoinRoomAsync"/>, <see cref="ChatClient.LeaveRoomAsync"/>,
/// <see cref="ChatClient.ListRoomsAsync"/>, <see cref="ChatClient.SetTopicAsync"/>,
/// <see cref="ChatClient.ChangeNameAsync(string, CancellationToken)"/>, <see cref="ChatClient.ChangeNameAsync(string, string, CancellationToken)"/>,
/// <see cref="ChatClient.SetAwayAsync"/>, <see cref="ChatClient.RegisterNameAsync"/>, <see cref="ChatClient.RunOperatorCommandAsync"/>,
/// <see cref="ChatClient.GetHistoryAsync"/>, <see cref="ChatClient.GetPrivateHistoryAsync"/> and
/// <see cref="ChatClient.SearchAsync"/> when the
/// server answers with an <see cref="ErrorMessage"/>, or before anything is sent when the request
/// breaks a rule the client can check itself (a room name, a user name, a text).
/// </remarks>
public sealed class ChatRequestException : ChatException
{
    /// <summary>Creates the exception from the server's refusal.</summary>
    /// <param name="code">What went wrong, as the server's code (<see cref="ErrorMessage.Code"/>).</param>
    /// <param name="room">The room the request was about (<see cref="ErrorMessage.Room"/>), or an empty string.</param>
    /// <param name="message">What went wrong, in words a person understands (the server's text).</param>
    public ChatRequestException(ErrorCode code, string room, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(room);
        Code = code;
        Room = room;
    }

    /// <summary>What went wrong, as a code: <see cref="ErrorCode.NoSuchRoom"/>, <see cref="ErrorCode.RoomFull"/>, <see cref="ErrorCode.NameTaken"/>, ...</summary>
    public ErrorCode Code { get; }

    /// <summary>The room the refused request was about, or an empty string for a request about no room (a rename, going away).</summary>
    public string Room { get; }
}
