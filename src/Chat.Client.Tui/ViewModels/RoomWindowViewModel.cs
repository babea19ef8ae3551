using Chat.Protocol;

namespace Chat.Client.Tui.ViewModels;

/// <summary>
/// A room's window: its log, who is in it (and who of them is away), and its topic. Which line
/// ids it shows (line ids are per room) is its <see cref="WindowViewModel.History"/>.
/// </summary>
public sealed class RoomWindowViewModel : WindowViewModel
{
    private readonly SortedSet<string> _users = new(UserNameRules.Comparer);
    private readonly Dictionary<string, string> _away = new(UserNameRules.Comparer);
    private readonly string _label;
    private IReadOnlyList<string> _sorted = [];

    /// <summary>Creates the window of a room.</summary>
    /// <param name="room">The room's name as the server writes it; empty for the one room of a version-1 server.</param>
    /// <param name="label">What the window bar calls a room without a name (the server's name).</param>
    public RoomWindowViewModel(string room, string label)
    {
        Room = room ?? throw new ArgumentNullException(nameof(room));
        _label = room.Length > 0 ? room : label;
    }

    /// <summary>The room's name; empty for the one room of a version-1 server.</summary>
    public string Room { get; }

    /// <inheritdoc/>
    public override string Label => _label;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Users => _sorted;

    /// <inheritdoc/>
    public override bool HasUserList => true;

    /// <summary>The room's topic, or an empty string.</summary>
    public string Topic { get; private set; } = string.Empty;

    /// <inheritdoc/>
    public override string TopicLine => !IsJoined
        ? $"{Label} · you are not in this room (/join {Label} to go back)"
        : Topic.Length > 0 ? Topic : $"{Label} · no topic (/topic <text> sets one)";

    /// <summary>Whether this user is in the room (false after leaving it while the window stays).</summary>
    public bool IsJoined { get; private set; } = true;

    /// <summary>The room as the server tells it on joining: who is in, who is away, the topic.</summary>
    /// <param name="users">Who is in the room.</param>
    /// <param name="away">Who of them is away (their away text is not known yet: it shows as empty).</param>
    /// <param name="topic">The topic, already safe to show.</param>
    public void Reset(IEnumerable<string> users, IEnumerable<string> away, string topic)
    {
        _users.Clear();
        _users.UnionWith(users);
        _away.Clear();
        foreach (var name in away)
        {
            _away[name] = string.Empty;
        }

        Topic = topic;
        IsJoined = true;
        Publish();
    }

    /// <summary>This user is no longer in the room (parted, or the connection ended): nobody is known to be present.</summary>
    /// <param name="joined">Whether the user is still in the room (false when they left it).</param>
    public void Empty(bool joined)
    {
        _users.Clear();
        _away.Clear();
        IsJoined = joined;
        Publish();
    }

    /// <summary>Whether <paramref name="name"/> is in the room.</summary>
    public bool Contains(string name) => _users.Contains(name);

    /// <summary>Adds and removes users.</summary>
    /// <param name="joined">Who came.</param>
    /// <param name="left">Who went.</param>
    public void Update(IEnumerable<string> joined, IEnumerable<string> left)
    {
        _users.UnionWith(joined);
        foreach (var name in left)
        {
            _users.Remove(name);
            _away.Remove(name);
        }

        Publish();
    }

    /// <summary>A user took a new name.</summary>
    /// <returns>Whether they were in the room.</returns>
    public bool Rename(string oldName, string newName)
    {
        if (!_users.Remove(oldName))
        {
            return false;
        }

        _users.Add(newName);
        if (_away.Remove(oldName, out var text))
        {
            _away[newName] = text;
        }

        Publish();
        return true;
    }

    /// <summary>A user went away (<paramref name="text"/> not empty) or came back.</summary>
    public void SetAway(string name, string text)
    {
        if (text.Length == 0)
        {
            _away.Remove(name);
        }
        else
        {
            _away[name] = text;
        }

        OnChanged();
    }

    /// <summary>Whether <paramref name="name"/> is away.</summary>
    public bool IsAway(string name) => _away.ContainsKey(name);

    /// <summary>The room's topic changed.</summary>
    /// <param name="topic">The new topic, already safe to show; empty when cleared.</param>
    public void SetTopic(string topic)
    {
        Topic = topic;
        OnChanged();
    }

    private void Publish()
    {
        _sorted = [.. _users];
        OnChanged();
    }
}
