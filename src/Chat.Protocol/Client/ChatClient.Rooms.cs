namespace Chat.Protocol;

public sealed partial class ChatClient
{
    /// <summary>The protocol version the server speaks on this connection (<see cref="Welcome.ProtocolVersion"/>).</summary>
    public int ProtocolVersion => Welcome.ProtocolVersion;

    /// <summary>
    /// Whether the server has rooms (it speaks protocol version 2 or later). Without them, the
    /// room calls (<see cref="JoinRoomAsync"/>, ...) throw <see cref="NotSupportedException"/> and
    /// the client is in the server's one room, <see cref="DefaultRoom"/>.
    /// </summary>
    public bool SupportsRooms => ProtocolVersion >= 2;

    /// <summary>
    /// The room the server put this client in when it connected (<see cref="Welcome.Room"/>), such
    /// as <c>#lobby</c>; an empty string from a server without rooms (version 1). Lines sent with
    /// <see cref="SendAsync"/> go there, and <see cref="Users"/> lists its users.
    /// </summary>
    public string DefaultRoom => _rooms.DefaultRoom;

    /// <summary>
    /// The rooms this client is in now, as the server writes their names: the default room first
    /// (unless the client left it), then in the order the client joined them. From a server without
    /// rooms, the one entry is <see cref="DefaultRoom"/>, an empty string.
    /// </summary>
    /// <remarks>A snapshot: up to date by the time the application reads the message that changed it.</remarks>
    public IReadOnlyList<string> Rooms => _rooms.Rooms;

    /// <summary>Who is in a room this client is in, this user included, sorted by name.</summary>
    /// <param name="room">The room's name, in any letter case; an empty string for the default room.</param>
    /// <returns>
    /// The users; empty when the client is not in the room, or keeps no lists of users
    /// (<see cref="ChatClientOptions.TrackUsers"/> or <see cref="ChatClientOptions.ReceivePresence"/> is off).
    /// </returns>
    public IReadOnlyList<string> UsersIn(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return _rooms.UsersIn(room);
    }

    /// <summary>The topic of a room this client is in.</summary>
    /// <param name="room">The room's name, in any letter case; an empty string for the default room.</param>
    /// <returns>The topic; an empty string when the room has none or the client is not in it.</returns>
    public string TopicOf(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return _rooms.TopicOf(room);
    }

    /// <summary>Whether a user is away (<see cref="SetAwayAsync"/>), as far as this client has heard: of users who share a room with it, and of itself.</summary>
    /// <param name="user">The user's name, in any letter case.</param>
    /// <returns><see langword="true"/> when the user is away.</returns>
    public bool IsAway(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _rooms.IsAway(user);
    }

    /// <summary>
    /// Joins a room, which the server creates when it does not exist (unless only its operator may
    /// create rooms). Joining a room the client is in already answers with the room's state again.
    /// </summary>
    /// <param name="room">The room's name, such as <c>#dev</c> (<see cref="RoomNameRules"/>); any letter case.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the request may still take effect).</param>
    /// <returns>The room as the client finds it: its name as the server writes it, its topic, its users and recent lines. It also comes through <see cref="ReadMessagesAsync"/>.</returns>
    /// <exception cref="ChatRequestException">
    /// The name breaks <see cref="RoomNameRules"/>, or the server refused: <see cref="ErrorCode.NotAllowed"/>,
    /// <see cref="ErrorCode.TooManyRooms"/>, <see cref="ErrorCode.RoomFull"/>, <see cref="ErrorCode.RateLimited"/>, ...
    /// </exception>
    /// <exception cref="NotSupportedException">The server has no rooms (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came.</exception>
    public async Task<RoomJoined> JoinRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        RequireRooms("Joining a room");
        var name = CheckRoomName(room);
        var answer = await RequestAsync(
            new JoinRoom(name),
            message => message is RoomJoined joined && SameRoom(joined.Room, name),
            error => SameRoom(error.Room, name) && error.Code is ErrorCode.InvalidRoomName or ErrorCode.NotAllowed
                or ErrorCode.TooManyRooms or ErrorCode.RoomFull or ErrorCode.NoSuchRoom or ErrorCode.RateLimited,
            $"joining {name}",
            cancellationToken).ConfigureAwait(false);
        return (RoomJoined)answer;
    }

    /// <summary>Leaves a room and stays connected; the room's members see the parting <paramref name="text"/>.</summary>
    /// <param name="room">The room's name, in any letter case; an empty string for the default room.</param>
    /// <param name="text">An optional parting message.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the request may still take effect).</param>
    /// <returns>A task that completes when the server confirms (<see cref="RoomLeft"/>, which also comes through <see cref="ReadMessagesAsync"/>).</returns>
    /// <exception cref="ChatRequestException">The server refused: <see cref="ErrorCode.NotInRoom"/>, <see cref="ErrorCode.NoSuchRoom"/>, <see cref="ErrorCode.RateLimited"/>, ...</exception>
    /// <exception cref="NotSupportedException">The server has no rooms (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came.</exception>
    public async Task LeaveRoomAsync(string room, string text = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(text);
        RequireRooms("Leaving a room");
        var name = CheckRoomName(room.Length == 0 ? DefaultRoom : room);
        await RequestAsync(
            new LeaveRoom(name) { Text = text },
            message => message is RoomLeft left && SameRoom(left.Room, name),
            error => SameRoom(error.Room, name) && error.Code is ErrorCode.NotInRoom or ErrorCode.NoSuchRoom
                or ErrorCode.InvalidRoomName or ErrorCode.RateLimited,
            $"leaving {name}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the server's rooms, sorted by name, with how many are in each and its topic.</summary>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>Every room (the <see cref="RoomList"/>, which also comes through <see cref="ReadMessagesAsync"/>).</returns>
    /// <exception cref="ChatRequestException">The server refused: <see cref="ErrorCode.RateLimited"/>.</exception>
    /// <exception cref="NotSupportedException">The server has no rooms (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came.</exception>
    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken = default)
    {
        RequireRooms("Listing the rooms");
        var answer = await RequestAsync(
            new ListRooms(),
            message => message is RoomList,
            error => error.Room.Length == 0 && error.Code == ErrorCode.NotAllowed,
            "listing the rooms",
            cancellationToken).ConfigureAwait(false);
        return ((RoomList)answer).Rooms;
    }

    /// <summary>Sets the topic of a room this client is in; every member, this one included, receives a <see cref="TopicChanged"/>.</summary>
    /// <param name="room">The room's name, in any letter case; an empty string for the default room.</param>
    /// <param name="topic">The new topic, at most <see cref="ProtocolInfo.MaxTopicLength"/> Unicode scalar values following <see cref="TextRules"/>; an empty string clears it.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the request may still take effect).</param>
    /// <returns>A task that completes when this client receives its own <see cref="TopicChanged"/> for the room.</returns>
    /// <exception cref="ChatRequestException">
    /// The topic breaks the text rules (<see cref="ErrorCode.InvalidText"/>, <see cref="ErrorCode.TextTooLong"/>),
    /// or the server refused: <see cref="ErrorCode.NotInRoom"/>, <see cref="ErrorCode.NoSuchRoom"/>, <see cref="ErrorCode.RateLimited"/>, ...
    /// </exception>
    /// <exception cref="NotSupportedException">The server has no rooms (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came.</exception>
    public async Task SetTopicAsync(string room, string topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(topic);
        RequireRooms("Setting a topic");
        var name = CheckRoomName(room.Length == 0 ? DefaultRoom : room);
        CheckText(topic, ProtocolInfo.MaxTopicLength, name);
        await RequestAsync(
            new SetTopic(name, topic),
            message => message is TopicChanged changed && SameRoom(changed.Room, name) && UserNameRules.Comparer.Equals(changed.SetBy, UserName),
            error => SameRoom(error.Room, name) && error.Code is ErrorCode.NotInRoom or ErrorCode.NoSuchRoom or ErrorCode.InvalidRoomName
                or ErrorCode.InvalidText or ErrorCode.TextTooLong or ErrorCode.NotAllowed or ErrorCode.RateLimited,
            $"setting the topic of {name}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Says something in a room this client is in; its members, this user included, receive it as a <see cref="TextPosted"/> naming the room.</summary>
    /// <param name="room">The room's name, in any letter case; an empty string for the default room.</param>
    /// <param name="text">One line of text.</param>
    /// <param name="cancellationToken">Stops waiting for the network.</param>
    /// <returns>A task that completes when the line is sent. A refusal (<see cref="ErrorCode.NotInRoom"/>, ...) comes back as an <see cref="ErrorMessage"/> naming the room.</returns>
    /// <exception cref="NotSupportedException">The server has no rooms and <paramref name="room"/> is not its one room.</exception>
    /// <exception cref="ChatConnectionLostException">The connection is gone.</exception>
    public ValueTask SendToRoomAsync(string room, string text, CancellationToken cancellationToken = default) =>
        SendInRoomAsync(room, text, TextKind.Plain, cancellationToken);

    /// <summary>Performs an action in a room this client is in, shown as "* alice waves".</summary>
    /// <param name="room">The room's name, in any letter case; an empty string for the default room.</param>
    /// <param name="text">The action, without the user's name ("waves").</param>
    /// <param name="cancellationToken">Stops waiting for the network.</param>
    /// <returns>A task that completes when the action is sent.</returns>
    /// <exception cref="NotSupportedException">The server has no rooms and <paramref name="room"/> is not its one room.</exception>
    /// <exception cref="ChatConnectionLostException">The connection is gone.</exception>
    public ValueTask SendActionToRoomAsync(string room, string text, CancellationToken cancellationToken = default) =>
        SendInRoomAsync(room, text, TextKind.Action, cancellationToken);

    /// <summary>
    /// Takes another user name; everyone who shares a room with this user sees the rename, and
    /// <see cref="UserName"/> follows it. The same name in another letter case is allowed.
    /// </summary>
    /// <param name="userName">The name wanted (<see cref="UserNameRules"/>).</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the request may still take effect).</param>
    /// <returns>A task that completes when this client receives its own <see cref="UserRenamed"/>.</returns>
    /// <exception cref="ChatRequestException">
    /// The name breaks the rules or is reserved (<see cref="ErrorCode.NameInvalid"/>), or the server
    /// refused: <see cref="ErrorCode.NameTaken"/>, <see cref="ErrorCode.NameInvalid"/>, <see cref="ErrorCode.NameRegistered"/>
    /// (the name is registered: <see cref="ChangeNameAsync(string, string, CancellationToken)"/> gives its password), <see cref="ErrorCode.RateLimited"/>.
    /// </exception>
    /// <exception cref="NotSupportedException">The server speaks version 1, which has no renames (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came.</exception>
    public Task ChangeNameAsync(string userName, CancellationToken cancellationToken = default) =>
        RenameAsync(userName, string.Empty, cancellationToken);

    /// <summary>Marks this user away, with a text shown to others and sent back to whoever writes to it privately; an empty text marks it back.</summary>
    /// <param name="text">Why the user is away, at most <see cref="ProtocolInfo.MaxAwayTextLength"/> Unicode scalar values following <see cref="TextRules"/>; an empty string: back.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the request may still take effect).</param>
    /// <returns>A task that completes when this client receives its own <see cref="UserAway"/>.</returns>
    /// <exception cref="ChatRequestException">The text breaks the text rules (<see cref="ErrorCode.InvalidText"/>, <see cref="ErrorCode.TextTooLong"/>), or the server refused: <see cref="ErrorCode.RateLimited"/>.</exception>
    /// <exception cref="NotSupportedException">The server speaks version 1, which has no away (<see cref="SupportsRooms"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came.</exception>
    public async Task SetAwayAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        RequireRooms("Marking yourself away");
        CheckText(text, ProtocolInfo.MaxAwayTextLength, string.Empty);
        await RequestAsync(
            new SetAway(text),
            message => message is UserAway away && UserNameRules.Comparer.Equals(away.UserName, UserName),
            _ => false, // The text was checked with the server's rules above; only the rate limit refuses it.
            text.Length == 0 ? "marking yourself back" : "marking yourself away",
            cancellationToken).ConfigureAwait(false);
    }

    private ValueTask SendInRoomAsync(string room, string text, TextKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(text);
        if (!SupportsRooms && !_rooms.IsDefault(room))
        {
            throw new NotSupportedException(NoRooms($"Saying something in {room}"));
        }

        return CurrentConnection().SendAsync(new SendText(text) { Kind = kind, Room = room }, cancellationToken);
    }

    /// <summary>Sends a request and waits for the message that answers it, or the error that refuses it.</summary>
    private async Task<ChatMessage> RequestAsync(
        ChatMessage request,
        Func<ChatMessage, bool> answers,
        Func<ErrorMessage, bool> refusedBy,
        string what,
        CancellationToken cancellationToken,
        int requestId = 0,
        bool consumes = false)
    {
        return await RequestOnAsync(CurrentConnection(), request, answers, refusedBy, what, requestId, consumes, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Sends a request over one session's connection and waits for its answer or refusal.</summary>
    private async Task<ChatMessage> RequestOnAsync(
        IChatConnection connection,
        ChatMessage request,
        Func<ChatMessage, bool> answers,
        Func<ErrorMessage, bool> refusedBy,
        string what,
        int requestId,
        bool consumes,
        CancellationToken cancellationToken)
    {
        // The clock starts before the request leaves, as the handshake's does.
        using var timeout = new CancellationTokenSource(_options.HandshakeTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var pending = _requests.Add(answers, refusedBy, requestId, consumes);
        try
        {
            await connection.SendAsync(request, linked.Token).ConfigureAwait(false);
            return await pending.Answer.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ChatTimeoutException(
                $"The server did not answer {what} within {_options.HandshakeTimeout.TotalSeconds:0.#} s.", ex);
        }
        finally
        {
            _requests.Remove(pending);
        }
    }

    private void RequireRooms(string what)
    {
        if (!SupportsRooms)
        {
            throw new NotSupportedException(NoRooms(what));
        }
    }

    private string NoRooms(string what) =>
        $"{what} needs a server with rooms (protocol version 2); this server speaks version {ProtocolVersion}, which has one room only.";

    private static string CheckRoomName(string room)
    {
        var name = RoomNameRules.Normalize(room);
        var problem = RoomNameRules.Check(name);
        return problem == RoomNameProblem.None
            ? name
            : throw new ChatRequestException(ErrorCode.InvalidRoomName, name, RoomNameRules.Describe(problem, name));
    }

    /// <summary>Checks a topic or away text: empty is allowed (it clears), anything else follows the text rules.</summary>
    private static void CheckText(string text, int maxLength, string room)
    {
        var problem = text.Length == 0 ? TextProblem.None : TextRules.Check(text, maxLength);
        if (problem is not (TextProblem.None or TextProblem.Empty))
        {
            throw new ChatRequestException(
                problem == TextProblem.TooLong ? ErrorCode.TextTooLong : ErrorCode.InvalidText, room, TextRules.Describe(problem, maxLength));
        }
    }

    private static bool SameRoom(string a, string b) => RoomNameRules.Comparer.Equals(a, b);
}
