using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// The server's users by name: names are unique across the server in any letter case (and
/// <see cref="UserNameRules.ReservedName"/> is nobody's), claimed at the handshake, changed by a
/// rename, released when the session ends. Private messages are addressed through it, so they
/// reach anyone connected, in any room or none, and <see cref="ChatServerOptions.MaxClients"/>
/// counts here.
/// </summary>
/// <remarks>
/// A user's name changes only on its own session's thread (its rename), so a room's members and
/// the directory agree on it: the directory first, then each room the user is in
/// (<see cref="Room.Rename"/>).
/// </remarks>
internal sealed class UserDirectory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IRoomMember> _users = new(UserNameRules.Comparer);
    private readonly int _maxUsers;
    private readonly TimeProvider _time;

    /// <summary>Creates an empty directory.</summary>
    /// <param name="maxUsers">The most users at once.</param>
    /// <param name="time">The clock for private messages' timestamps.</param>
    public UserDirectory(int maxUsers, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUsers, 1);
        _maxUsers = maxUsers;
        _time = time;
    }

    /// <summary>How many users are on the server.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _users.Count;
            }
        }
    }

    /// <summary>Gives a newcomer its name (<see cref="IRoomMember.Name"/>, which follows <see cref="UserNameRules"/>).</summary>
    /// <param name="user">The newcomer.</param>
    /// <returns>Whether the name is the user's now, or why not.</returns>
    public ClaimOutcome TryClaim(IRoomMember user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_lock)
        {
            if (_users.ContainsKey(user.Name))
            {
                return ClaimOutcome.NameTaken;
            }

            if (_users.Count >= _maxUsers)
            {
                return ClaimOutcome.ServerFull;
            }

            _users.Add(user.Name, user);
            return ClaimOutcome.Claimed;
        }
    }

    /// <summary>
    /// Gives a user a new name, unless another user has it in some letter case; the user's own
    /// name in other letters is allowed (a re-capitalisation). The old name stays the user's until
    /// <see cref="CompleteRename"/>, once every room shows the new one, so that nobody else can
    /// take it meanwhile.
    /// </summary>
    /// <param name="user">The user, under its current name.</param>
    /// <param name="newName">The new name, which follows <see cref="UserNameRules"/>.</param>
    /// <returns><see cref="ClaimOutcome.Claimed"/> or <see cref="ClaimOutcome.NameTaken"/>.</returns>
    public ClaimOutcome TryRename(IRoomMember user, string newName)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(newName);
        lock (_lock)
        {
            if (_users.TryGetValue(newName, out var holder))
            {
                if (!ReferenceEquals(holder, user))
                {
                    return ClaimOutcome.NameTaken;
                }

                _users.Remove(newName); // The same name in other letters: the key takes the new spelling.
            }

            _users.Add(newName, user);
            return ClaimOutcome.Claimed;
        }
    }

    /// <summary>Frees a renamed user's old name, once every room shows the new one.</summary>
    /// <param name="user">The user, under its new name.</param>
    /// <param name="oldName">The name it had.</param>
    public void CompleteRename(IRoomMember user, string oldName)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_lock)
        {
            if (!UserNameRules.Comparer.Equals(oldName, user.Name)
                && _users.TryGetValue(oldName, out var current) && ReferenceEquals(current, user))
            {
                _users.Remove(oldName);
            }
        }
    }

    /// <summary>Frees a user's name when its session ends.</summary>
    /// <param name="user">The user.</param>
    public void Release(IRoomMember user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_lock)
        {
            if (_users.TryGetValue(user.Name, out var current) && ReferenceEquals(current, user))
            {
                _users.Remove(user.Name);
            }
        }
    }

    /// <summary>Finds a user by name, in any letter case.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The user, or <see langword="null"/> when nobody has that name.</returns>
    public IRoomMember? Find(string name)
    {
        lock (_lock)
        {
            return _users.GetValueOrDefault(UserNameRules.Normalize(name));
        }
    }

    /// <summary>Everyone on the server.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<IRoomMember> All()
    {
        lock (_lock)
        {
            // Distinct: a user in the middle of a rename holds two names for a moment.
            return [.. _users.Values.Distinct(ReferenceEqualityComparer.Instance).Cast<IRoomMember>()];
        }
    }

    /// <summary>Who is on the server, sorted by name.</summary>
    /// <returns>A snapshot of the names.</returns>
    public IReadOnlyList<string> Names()
    {
        string[] names;
        lock (_lock)
        {
            names = [.. _users.Keys];
        }

        Array.Sort(names, UserNameRules.Comparer);
        return names;
    }

    /// <summary>
    /// Delivers a private message already stored (<see cref="IPrivateLog"/>) to its recipient, and
    /// echoes it to its sender (with the recipient's away text, if any), unless they are the same.
    /// </summary>
    /// <param name="sender">Who sent it.</param>
    /// <param name="recipient">Who receives it.</param>
    /// <param name="message">The message as stored, with its id.</param>
    public static void DeliverPrivate(IRoomMember sender, IRoomMember recipient, PrivateMessage message)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        var delivered = EncodedMessage.Encode(message);
        recipient.Deliver(delivered);
        if (!ReferenceEquals(recipient, sender))
        {
            var away = recipient.AwayText;
            sender.Deliver(away.Length == 0 ? delivered : EncodedMessage.Encode(message with { RecipientAway = away }));
        }
    }

    /// <summary>Sends a notice from the operator to everyone on the server (<see cref="ServerNotice.Room"/> empty).</summary>
    /// <param name="text">The notice.</param>
    /// <returns>How many users it went to.</returns>
    public int Announce(string text)
    {
        var notice = EncodedMessage.Encode(new ServerNotice(text, _time.GetUtcNow().UtcDateTime));
        var users = All();
        foreach (var user in users)
        {
            user.Deliver(notice);
        }

        return users.Count;
    }
}
