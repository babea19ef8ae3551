using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>A room's topic, and the renames and away notices of its members.</summary>
/// <remarks>
/// Each goes out after the pending presence batch and everything published before it, so members
/// hear a rename or an away notice after everything the user said under the old state
/// (docs/protocol.md, R7.11 per room). Version-1 members never receive these messages (ids 16-27);
/// a rename reaches them as a departure and a join.
/// </remarks>
internal sealed partial class Room
{
    private readonly HashSet<IRoomMember> _away = new(ReferenceEqualityComparer.Instance);

    /// <summary>The operator's name as <see cref="TopicChanged.SetBy"/> shows it.</summary>
    public const string OperatorName = UserNameRules.ReservedName;

    /// <summary>Sets the topic, keeps it in the room's log, and tells every member (<see cref="TopicChanged"/>) once it is kept.</summary>
    /// <param name="by">The member who sets it, or <see langword="null"/> for the operator.</param>
    /// <param name="topic">The topic, already checked; empty clears it.</param>
    /// <returns>Whether it was set: the setter is a member of the open room.</returns>
    public bool SetTopic(IRoomMember? by, string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        lock (_lock)
        {
            if (_closed || (by is not null && !IsMember(by)))
            {
                return false;
            }

            FlushPresence();
            _topic = topic;
            var changed = new TopicChanged(Name, topic, by?.Name ?? OperatorName, Now());
            var stored = _log.SaveTopicAsync(new RoomTopic(changed.Topic, changed.SetBy, changed.Timestamp));
            EmitAfter(stored, EncodedMessage.Encode(changed), Audience.RoomsOnly);
            return true;
        }
    }

    /// <summary>
    /// Follows a member's rename (the <see cref="UserDirectory"/> has given it the new name, which
    /// <see cref="IRoomMember.Name"/> already shows): every member, the renamed one included, gets
    /// <see cref="UserRenamed"/>; a version-1 member that hears presence gets the old name leaving
    /// (<see cref="LeaveReason.Renamed"/>, the new name as text) and the new one joining.
    /// </summary>
    /// <param name="member">The member, under its new name.</param>
    /// <param name="oldName">The name the room knew it by.</param>
    /// <returns>Whether the member was in the room.</returns>
    public bool Rename(IRoomMember member, string oldName)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(oldName);
        lock (_lock)
        {
            if (!_members.TryGetValue(oldName, out var current) || !ReferenceEquals(current, member))
            {
                return false;
            }

            FlushPresence();
            _members.Remove(oldName);
            _members.Add(member.Name, member);
            if (_closed)
            {
                return true;
            }

            Emit(EncodedMessage.Encode(new UserRenamed(Name, oldName, member.Name)), audience: Audience.RoomsOnly);
            var departure = new Departure(oldName, LeaveReason.Renamed) { Text = member.Name };
            Emit(EncodedMessage.Encode(new UsersLeft([departure]) { Room = Name }), audience: Audience.LegacyOnly);
            Emit(EncodedMessage.Encode(new UsersJoined([member.Name]) { Room = Name }), audience: Audience.LegacyOnly);
            return true;
        }
    }

    /// <summary>Who of the members is away, by name; the room keeps them apart so that a join does not ask every member. Called under the lock.</summary>
    private string[] AwayNames()
    {
        if (_away.Count == 0)
        {
            return [];
        }

        var names = new string[_away.Count];
        var i = 0;
        foreach (var member in _away)
        {
            names[i++] = member.Name;
        }

        return names;
    }

    /// <summary>Tells every member that a member went away or came back (<see cref="IRoomMember.AwayText"/>).</summary>
    /// <param name="member">The member.</param>
    /// <returns>Whether the member is in the open room.</returns>
    public bool AnnounceAway(IRoomMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_lock)
        {
            if (_closed || !IsMember(member))
            {
                return false;
            }

            FlushPresence();
            var text = member.AwayText;
            if (text.Length > 0)
            {
                _away.Add(member);
            }
            else
            {
                _away.Remove(member);
            }

            Emit(EncodedMessage.Encode(new UserAway(Name, member.Name, text)), audience: Audience.RoomsOnly);
            return true;
        }
    }
}
