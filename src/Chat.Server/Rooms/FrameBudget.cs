using System.Text;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// Upper bounds on the encoded size of what the server sends, so that it never sends a frame
/// larger than <see cref="ChatServerOptions.MaxSentFrameLength"/> (at most
/// <see cref="ProtocolInfo.MaxServerFrameLength"/>, the size every client must accept): the
/// options are checked against them, a welcome carries only the recent lines that fit, and a
/// presence notice goes out before it would grow too large.
/// </summary>
/// <remarks>
/// Each bound counts the widest MessagePack form of every value (5 bytes of header for a string
/// or an array, 9 for an integer or a float, 15 for a timestamp), so it is never below the real
/// size.
/// </remarks>
internal static class FrameBudget
{
    /// <summary>Room for the <c>[id, [...]]</c> around a message and its integer, boolean and float fields.</summary>
    public const int MessageOverhead = 128;

    /// <summary>The most a user name takes: <see cref="UserNameRules.MaxLength"/> ASCII characters and a header.</summary>
    public const int NameBound = 5 + UserNameRules.MaxLength;

    /// <summary>The most a string takes: its UTF-8 bytes and a header.</summary>
    public static int Of(string text) => 5 + Encoding.UTF8.GetByteCount(text);

    /// <summary>The most a line of <paramref name="maxTextLength"/> Unicode scalar values takes in a <see cref="TextPosted"/> or <see cref="PrivateMessage"/> frame.</summary>
    public static int LineFrame(int maxTextLength) => MessageOverhead + (2 * NameBound) + 5 + (4 * maxTextLength);

    /// <summary>The most one recent line takes inside a welcome.</summary>
    public static int Of(TextPosted line) => 32 + Of(line.Author) + Of(line.Text);

    /// <summary>The most one line takes inside a <see cref="HistoryBatch"/> or <see cref="SearchResults"/>: its author, text and room, an id, a timestamp and a kind.</summary>
    public static int InHistory(TextPosted line) => 40 + Of(line.Author) + Of(line.Text) + Of(line.Room);

    /// <summary>The most one private message takes inside a <see cref="HistoryBatch"/>: its names, text and away text, a timestamp, a kind and an id.</summary>
    public static int InHistory(PrivateMessage message) => 48 + Of(message.From) + Of(message.To) + Of(message.Text) + Of(message.RecipientAway);

    /// <summary>The most one departure takes inside a <see cref="UsersLeft"/>.</summary>
    public static int Of(Departure departure) => 16 + Of(departure.UserName) + Of(departure.Text);

    /// <summary>The most a room name takes: <see cref="RoomNameRules.MaxLength"/> ASCII characters after the '#', and a header.</summary>
    public const int RoomNameBound = 6 + RoomNameRules.MaxLength;

    /// <summary>The most a history epoch takes (<see cref="IRoomLogStore.Epoch"/>: at most 64 ASCII characters), and a header.</summary>
    public const int EpochBound = 5 + 64;

    /// <summary>The most a topic takes: <see cref="ChatServerOptions.MaxTopicLength"/> scalar values of up to 4 bytes, and a header.</summary>
    public const int TopicBound = 5 + (4 * ChatServerOptions.MaxTopicLength);

    /// <summary>
    /// The most a welcome takes without its recent lines and away list in the largest room the
    /// options allow (the away list and the lines get what is left, <see cref="Fit"/>).
    /// </summary>
    public static long LargestWelcomeWithoutLines(ChatServerOptions options) =>
        MessageOverhead + NameBound + Of(options.ServerName) + Of(options.MessageOfTheDay) + RoomNameBound + TopicBound + 15 + EpochBound
        + ((long)options.EffectiveMaxRoomMembers * NameBound);

    /// <summary>The most a welcome takes without its recent lines and away list, for this newcomer, room, topic and users.</summary>
    public static long WelcomeWithoutLines(ChatServerOptions options, string userName, string room, string topic, IReadOnlyList<string> users) =>
        MessageOverhead + Of(userName) + Of(options.ServerName) + Of(options.MessageOfTheDay) + Of(room) + Of(topic) + 15 + Of(users);

    /// <summary>The most a <see cref="RoomJoined"/> takes without its recent lines and away list.</summary>
    public static long RoomJoinedWithoutLists(string room, string topic, IReadOnlyList<string> users) =>
        MessageOverhead + Of(room) + Of(topic) + 15 + Of(users);

    /// <summary>
    /// What fits of the away list and the recent lines in <paramref name="budget"/> bytes: the away
    /// names first (in order, as many as fit), then the newest lines that fit in what is left.
    /// </summary>
    public static (IReadOnlyList<string> Away, IReadOnlyList<TextPosted> Recent) Fit(long budget, IReadOnlyList<string> away, IReadOnlyList<TextPosted> recent)
    {
        var fitting = 0;
        while (fitting < away.Count && budget - Of(away[fitting]) >= 0)
        {
            budget -= Of(away[fitting]);
            fitting++;
        }

        IReadOnlyList<string> names = fitting == away.Count ? away : [.. away.Take(fitting)];
        return (names, NewestThatFit(recent, budget));
    }

    private static long Of(IReadOnlyList<string> names)
    {
        long total = 0;
        foreach (var name in names)
        {
            total += Of(name);
        }

        return total;
    }

    /// <summary>
    /// The newest of <paramref name="recent"/> (oldest first) whose bounds add up to at most
    /// <paramref name="budget"/> bytes, oldest first.
    /// </summary>
    public static IReadOnlyList<TextPosted> NewestThatFit(IReadOnlyList<TextPosted> recent, long budget)
    {
        var first = recent.Count;
        while (first > 0 && budget - Of(recent[first - 1]) >= 0)
        {
            budget -= Of(recent[first - 1]);
            first--;
        }

        return first == 0 ? recent : [.. recent.Skip(first)];
    }
}
