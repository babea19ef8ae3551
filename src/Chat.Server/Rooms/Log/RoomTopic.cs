namespace Chat.Server;

/// <summary>A room's topic as its log keeps it: the text, who set it and when (what <see cref="Chat.Protocol.TopicChanged"/> said).</summary>
/// <param name="Text">The topic; empty for none.</param>
/// <param name="SetBy">Who set it, as <see cref="Chat.Protocol.TopicChanged.SetBy"/> shows it; empty when it was never set.</param>
/// <param name="Timestamp">When it was set (UTC); <see cref="DateTime.MinValue"/> when it was never set.</param>
internal sealed record RoomTopic(string Text, string SetBy, DateTime Timestamp)
{
    /// <summary>No topic, never set.</summary>
    public static RoomTopic None { get; } = new(string.Empty, string.Empty, DateTime.MinValue);
}
