namespace Chat.Client.Tui.ViewModels;

/// <summary>A private conversation's window: the lines between this user and one other, opened by <c>/msg</c> or by their first message.</summary>
public sealed class PrivateWindowViewModel : WindowViewModel
{
    /// <summary>Creates the window of a conversation.</summary>
    /// <param name="peer">The other party's name.</param>
    public PrivateWindowViewModel(string peer) => Peer = peer ?? throw new ArgumentNullException(nameof(peer));

    /// <summary>The other party's name (follows their renames).</summary>
    public string Peer { get; private set; }

    /// <summary>The other party's away text as the server last told it, or an empty string.</summary>
    public string PeerAway { get; private set; } = string.Empty;

    /// <inheritdoc/>
    public override string Label => Peer;

    /// <inheritdoc/>
    public override string TopicLine => PeerAway.Length > 0
        ? $"Private conversation with {Peer} · away: {PeerAway}"
        : $"Private conversation with {Peer}";

    /// <summary>The other party took a new name.</summary>
    public void Rename(string newName)
    {
        Peer = newName;
        OnChanged();
    }

    /// <summary>The other party went away (<paramref name="text"/> not empty) or came back.</summary>
    public void SetAway(string text)
    {
        PeerAway = text;
        OnChanged();
    }
}
