using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

internal sealed partial class ClientSession
{
    /// <summary>Reads the client's messages until the session ends.</summary>
    /// <returns>A task that completes when the client left or the session's end was decided.</returns>
    /// <remarks>
    /// The messages one read brought are handled in one <see cref="DeliveryBatch"/>: what they
    /// deliver goes out, a write per recipient, when no more input is at hand or before anything
    /// waits.
    /// </remarks>
    private async Task ReceiveLoopAsync()
    {
        DeliveryBatch? batch = null;
        try
        {
            while (true)
            {
                var receiving = _connection.ReceiveAsync(_stopping.Token);
                if (!receiving.IsCompleted && batch is not null)
                {
                    batch.Close();
                    batch = null;
                }

                var message = await receiving;
                if (message is null)
                {
                    Disconnect(SessionEnd.Quit(string.Empty));
                    return;
                }

                Heard();
                NoteActive(message);
                batch ??= DeliveryBatch.Open();
                var handling = HandleAsync(message);
                if (!handling.IsCompleted)
                {
                    batch.Close();
                    batch = null;
                }

                if (!await handling)
                {
                    return;
                }
            }
        }
        finally
        {
            batch?.Close();
        }
    }

    /// <summary>Acts on one message from a client that said hello.</summary>
    /// <returns>Whether to go on reading.</returns>
    private ValueTask<bool> HandleAsync(ChatMessage message)
    {
        switch (message)
        {
            case SendText text:
                if (Admit() && !RefuseMuted())
                {
                    PostText(text);
                }

                return new(End is null);
            case SendPrivate send:
                return Admit() && !RefuseMuted() ? SendPrivateTextAsync(send) : new(End is null);
            case Ping ping:
                if (Admit())
                {
                    Deliver(EncodedMessage.Encode(new Pong(ping.Token)));
                }

                return new(End is null);
            case Pong:
                return new(true); // Hearing from the client is all a pong is for.
            case Goodbye goodbye:
                // The goodbye text is shown to everyone: it follows the rules of any other line.
                var parting = TextRules.Check(goodbye.Text, _options.MaxTextLength) == TextProblem.None ? goodbye.Text : string.Empty;
                Disconnect(SessionEnd.Quit(parting));
                return new(false);
            case Hello:
                throw new ChatProtocolException("Hello may only be sent once, as the first message.");
            case JoinRoom or LeaveRoom or Chat.Protocol.ListRooms or Chat.Protocol.SetTopic or Chat.Protocol.ChangeName or Chat.Protocol.SetAway or RoomJoined or RoomLeft or RoomList
                or TopicChanged or UserRenamed or UserAway when !SpeaksRooms:
                return new(true); // Version 1 has no such message: an unknown id, skipped (docs/protocol.md, R7.17).
            case HistoryRequest or SearchRequest or HistoryBatch or SearchResults when !SpeaksRooms:
                return new(true); // The same for the history messages (docs/protocol.md, R7.50).
            case RegisterName or NameRegistered or OperatorRequest or OperatorReply when !SpeaksRooms:
                return new(true); // And for those of accounts and moderation (docs/protocol.md, R7.60).
            case JoinRoom or LeaveRoom or Chat.Protocol.ListRooms or Chat.Protocol.SetTopic or Chat.Protocol.ChangeName or Chat.Protocol.SetAway:
                return Admit() ? HandleRoomRequestAsync(message) : new(End is null);
            case HistoryRequest request:
                return Admit(request.RequestId) ? HandleHistoryRequestAsync(request) : new(End is null);
            case SearchRequest search:
                return Admit(search.RequestId) ? HandleSearchRequestAsync(search) : new(End is null);
            case RegisterName register:
                return Admit(register.RequestId) ? RegisterNameAsync(register) : new(End is null);
            case OperatorRequest request:
                return Admit(request.RequestId) ? RunOperatorRequestAsync(request) : new(End is null);
            default:
                throw new ChatProtocolException($"A client may not send {message.GetType().Name}; only the server does.");
        }
    }

    /// <summary>Applies the rate limit to one message.</summary>
    /// <param name="requestId">The request's id, carried by a refusal; 0 for a message that has none.</param>
    /// <returns>Whether the message may be acted on.</returns>
    private bool Admit(int requestId = 0)
    {
        switch (_rate.Take())
        {
            case RateDecision.Allowed:
                return true;
            case RateDecision.Refused:
                _metrics.RateLimited();
                Reply(
                    ErrorCode.RateLimited,
                    $"You are sending too fast (at most {_options.MessageRate:0.##} messages a second after a burst of {_options.MessageBurst}); this message was not posted.",
                    requestId: requestId);
                return false;
            default:
                Disconnect(SessionEnd.ExcessFlood());
                return false;
        }
    }

    private void PostText(SendText message)
    {
        // A version-1 client has no rooms: whatever its frame holds, its lines go to the default room.
        var named = SpeaksRooms && message.Room.Length > 0;
        var room = named ? _rooms.Find(message.Room) : _registry.Default;
        if (room is null)
        {
            RefuseRoom(message.Room);
            return;
        }

        if (!CheckText(message.Text, room.Name))
        {
            return;
        }

        if (room.Post(this, message.Text, KnownKind(message.Kind)))
        {
            _metrics.LinePosted();
        }
        else if (End is null)
        {
            Reply(ErrorCode.NotInRoom, $"You are not in {room.Name}; join it first. The line was not posted.", room.Name);
        }
    }

    /// <summary>
    /// Stores a private message in the private log, then delivers it to its recipient and echoes
    /// it to the sender, with its id. The read loop waits for the store, so one sender's private
    /// messages keep their order.
    /// </summary>
    /// <returns>Whether to go on reading.</returns>
    private async ValueTask<bool> SendPrivateTextAsync(SendPrivate message)
    {
        if (!CheckText(message.Text))
        {
            return End is null;
        }

        // Each recipient who shares a room with the sender must know the sender is there before it hears from them.
        foreach (var room in _rooms.ToArray())
        {
            room.FlushPendingPresence();
        }

        if (_users.Find(message.To) is not { } recipient)
        {
            var to = LogText.Clean(UserNameRules.Normalize(message.To), UserNameRules.MaxLength);
            Reply(ErrorCode.UnknownUser, $"There is nobody called \"{to}\" on the server; the message was not sent.");
            return End is null;
        }

        PrivateMessage stored;
        try
        {
            stored = await _registry.Private.AppendAsync(new PrivateDraft(Name, recipient.Name, message.Text, KnownKind(message.Kind)), _stopping.Token);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or IOException)
        {
            Reply(ErrorCode.InternalError, "The server could not store your message; it was not sent.");
            return End is null;
        }

        UserDirectory.DeliverPrivate(this, recipient, stored);
        if (!SpeaksRooms && recipient is { AwayText: { Length: > 0 } away } && !ReferenceEquals(recipient, this))
        {
            // A version-1 client cannot read PrivateMessage.RecipientAway: it is told in words.
            Deliver(EncodedMessage.Encode(new ServerNotice($"{recipient.Name} is away: {away}", _time.GetUtcNow().UtcDateTime)));
        }

        return End is null;
    }

    /// <summary>
    /// A kind of line this server knows: one from a newer client is relayed as
    /// <see cref="TextKind.Plain"/>, the general case (docs/protocol.md, unknown enum values).
    /// </summary>
    private static TextKind KnownKind(TextKind kind) => Enum.IsDefined(kind) ? kind : TextKind.Plain;

    private bool CheckText(string text, string room = "") => CheckText(text, _options.MaxTextLength, room);

    private bool CheckText(string text, int maxLength, string room)
    {
        var problem = TextRules.Check(text, maxLength);
        if (problem == TextProblem.None)
        {
            return true;
        }

        var code = problem == TextProblem.TooLong ? ErrorCode.TextTooLong : ErrorCode.InvalidText;
        Reply(code, TextRules.Describe(problem, maxLength), room);
        return false;
    }

    /// <summary>Tells this client that something it sent was refused; the session goes on.</summary>
    /// <param name="code">Why.</param>
    /// <param name="text">Why, in words.</param>
    /// <param name="room">The room the refused request was about; empty for none.</param>
    /// <param name="requestId">The id of the history or search request refused; 0 for any other.</param>
    private void Reply(ErrorCode code, string text, string room = "", int requestId = 0) =>
        Deliver(EncodedMessage.Encode(new ErrorMessage(code, text) { Fatal = false, Room = room, RequestId = requestId }));
}
