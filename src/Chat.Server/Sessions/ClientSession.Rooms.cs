using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// The requests of protocol version 2: joining, leaving and listing rooms, topics, renames and
/// away (docs/protocol.md, R7.40-R7.45). Each counts against the rate limit like a line; a
/// refusal is a non-fatal <see cref="ErrorMessage"/> naming the room it was about.
/// </summary>
internal sealed partial class ClientSession
{
    /// <summary>Carries out one version-2 request, already admitted by the rate limit.</summary>
    /// <returns>Whether to go on reading.</returns>
    private async ValueTask<bool> HandleRoomRequestAsync(ChatMessage message)
    {
        switch (message)
        {
            case JoinRoom join:
                await JoinRoomAsync(join.Room);
                break;
            case LeaveRoom leave:
                await LeaveRoomAsync(leave);
                break;
            case Chat.Protocol.ListRooms:
                SendRoomList();
                break;
            case SetTopic topic:
                ChangeTopic(topic);
                break;
            case ChangeName change:
                await RenameAsync(change);
                break;
            case SetAway away:
                ChangeAway(away.Text);
                break;
        }

        return End is null;
    }

    private async ValueTask JoinRoomAsync(string requested)
    {
        var name = RoomNameRules.Normalize(requested);
        var problem = RoomNameRules.Check(name);
        if (problem != RoomNameProblem.None)
        {
            Reply(ErrorCode.InvalidRoomName, RoomNameRules.Describe(problem, Shown(name)), Shown(name));
            return;
        }

        if (_rooms.Find(name) is { } current)
        {
            current.Join(this, greet: true); // Already a member: told the room's state again, as IRC does.
            return;
        }

        if (_rooms.Count >= _options.MaxRoomsPerUser)
        {
            Reply(ErrorCode.TooManyRooms, $"You are in {_rooms.Count} rooms, as many as this server allows; leave one before joining {name}.", name);
            return;
        }

        while (End is null)
        {
            var opening = await _registry.OpenAsync(name, RoomKind.User, _stopping.Token);
            if (opening.Room is not { } room)
            {
                Reply(opening.Refusal!.Value, opening.Refusal == ErrorCode.NotAllowed
                    ? $"{name} does not exist, and only the operator creates rooms on this server."
                    : $"The server has {_options.MaxRooms} rooms, as many as it allows; {name} cannot be created.", name);
                return;
            }

            var joined = room.Join(this, greet: true);
            if (joined.IsMember)
            {
                _rooms.Add(room);
                return;
            }

            if (joined.Outcome == JoinOutcome.RoomFull)
            {
                Reply(ErrorCode.RoomFull, $"{room.Name} is full ({_options.EffectiveMaxRoomMembers} users); try again later.", room.Name);
                return;
            }

            // The room vanished between finding it and joining it (its last member left): open it again.
        }
    }

    private async ValueTask LeaveRoomAsync(LeaveRoom leave)
    {
        if (MemberRoom(leave.Room) is not { } room)
        {
            return;
        }

        // The parting text is shown to the room: it follows the rules of any other line.
        var text = TextRules.Check(leave.Text, _options.MaxTextLength) == TextProblem.None ? leave.Text : string.Empty;
        room.Leave(this, LeaveReason.Parted, text);
        _rooms.Remove(room);
        Deliver(EncodedMessage.Encode(new RoomLeft(room.Name, LeaveReason.Parted)));
        await _registry.RetireIfEmptyAsync(room);
    }

    private void SendRoomList()
    {
        var rooms = new List<RoomInfo>();
        long budget = _options.MaxSentFrameLength - FrameBudget.MessageOverhead;
        foreach (var room in _registry.All())
        {
            var info = room.Info();
            budget -= FrameBudget.RoomNameBound + FrameBudget.Of(info.Topic) + 16;
            if (budget < 0)
            {
                break; // The list is cut where it would outgrow the largest frame the server sends.
            }

            rooms.Add(info);
        }

        Deliver(EncodedMessage.Encode(new RoomList(rooms)));
    }

    private void ChangeTopic(SetTopic set)
    {
        if (MemberRoom(set.Room) is not { } room)
        {
            return;
        }

        if (set.Topic.Length > 0 && !CheckText(set.Topic, ChatServerOptions.MaxTopicLength, room.Name))
        {
            return;
        }

        room.SetTopic(this, set.Topic);
    }

    private async ValueTask RenameAsync(ChangeName change)
    {
        var name = UserNameRules.Normalize(change.UserName);
        var problem = UserNameRules.Check(name);
        if (problem != UserNameProblem.None)
        {
            Reply(ErrorCode.NameInvalid, UserNameRules.Describe(problem, Shown(name)));
            return;
        }

        var old = Name;
        if (string.Equals(old, name, StringComparison.Ordinal))
        {
            Deliver(EncodedMessage.Encode(new UserRenamed(string.Empty, old, name))); // Nothing changes; the client hears that it has the name.
            return;
        }

        var (allowed, proven) = await MayTakeNameAsync(name, change.NamePassword ?? string.Empty);
        if (!allowed)
        {
            return;
        }

        if (_users.TryRename(this, name) == ClaimOutcome.NameTaken)
        {
            Reply(ErrorCode.NameTaken, $"The name \"{name}\" is already taken; please choose another.");
            return;
        }

        if (proven)
        {
            _provenName = name;
        }

        Name = name;
        var rooms = _rooms.ToArray();
        foreach (var room in rooms)
        {
            room.Rename(this, old);
        }

        // The old name stays taken until every room shows the new one.
        _users.CompleteRename(this, old);
        if (rooms.Length == 0)
        {
            Deliver(EncodedMessage.Encode(new UserRenamed(string.Empty, old, name)));
        }
    }

    private void ChangeAway(string text)
    {
        if (text.Length > 0 && !CheckText(text, ChatServerOptions.MaxAwayLength, string.Empty))
        {
            return;
        }

        _away = text;
        var rooms = _rooms.ToArray();
        foreach (var room in rooms)
        {
            room.AnnounceAway(this);
        }

        if (rooms.Length == 0)
        {
            Deliver(EncodedMessage.Encode(new UserAway(string.Empty, Name, text)));
        }
    }

    /// <summary>The room of a request that needs membership; otherwise the client is told why not.</summary>
    private Room? MemberRoom(string requested)
    {
        var name = RoomNameRules.Normalize(requested);
        if (RoomNameRules.IsValid(name) && _rooms.Find(name) is { } room)
        {
            return room;
        }

        RefuseRoom(name);
        return null;
    }

    /// <summary>Tells the client it is not in the room it named, or that there is no such room.</summary>
    private void RefuseRoom(string requested)
    {
        var name = RoomNameRules.Normalize(requested);
        if (RoomNameRules.IsValid(name) && _registry.Find(name) is { } room)
        {
            Reply(ErrorCode.NotInRoom, $"You are not in {room.Name}; join it first.", room.Name);
        }
        else
        {
            Reply(ErrorCode.NoSuchRoom, $"There is no room called {Shown(name)}.", Shown(name));
        }
    }

    /// <summary>A name from the client as the server may relay it back: only when it follows the text rules, cut to a sane length.</summary>
    private static string Shown(string name) =>
        TextRules.Check(name, 2 * RoomNameRules.MaxLength) == TextProblem.None ? name : LogText.Clean(name, 2 * RoomNameRules.MaxLength);
}
