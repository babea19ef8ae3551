using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// History and search requests (docs/protocol.md, section 7, History; R7.50-R7.56): a room's lines
/// by id range, the user's private messages by id range, and a room's lines by words. Each request
/// has taken a token of the rate limit already; each answer carries its request's id, and so does
/// each refusal. The read loop waits for the answer, so a client's requests are answered in order.
/// </summary>
internal sealed partial class ClientSession
{
    /// <summary>Answers a <see cref="HistoryRequest"/> with one <see cref="HistoryBatch"/>, or refuses it.</summary>
    /// <returns>Whether to go on reading.</returns>
    private async ValueTask<bool> HandleHistoryRequestAsync(HistoryRequest request)
    {
        if (!HistoryAllowed(request.RequestId))
        {
            return End is null;
        }

        var limit = HistoryLimitFor(request.Limit);
        var fromAfter = request.AfterId > 0;
        var range = new LogRange(
            Math.Max(request.AfterId, 0),
            request.BeforeId > 0 ? request.BeforeId : long.MaxValue,
            limit + 1,
            fromAfter ? LogOrder.OldestFirst : LogOrder.NewestFirst);
        try
        {
            if (request.Private)
            {
                await SendPrivateHistoryAsync(request, range, limit, fromAfter);
            }
            else if (HistoryRoom(request.Target, request.RequestId) is { } room)
            {
                var pruned = room.PrunedThroughId;
                var read = await room.ReadAsync(range, _stopping.Token);
                var (lines, more) = Cut(read, limit, HistoryBudget(room.Name), FrameBudget.InHistory);
                Deliver(EncodedMessage.Encode(new HistoryBatch(request.RequestId, room.Name, OldestFirst(lines, fromAfter), more)
                {
                    Gap = fromAfter && pruned > request.AfterId,
                }));
            }
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or IOException)
        {
            Reply(ErrorCode.InternalError, "The server could not read its history; try again later.", request.Private ? string.Empty : Shown(request.Target), request.RequestId);
        }

        return End is null;
    }

    /// <summary>Answers a <see cref="SearchRequest"/> with one <see cref="SearchResults"/>, or refuses it.</summary>
    /// <returns>Whether to go on reading.</returns>
    private async ValueTask<bool> HandleSearchRequestAsync(SearchRequest request)
    {
        if (!HistoryAllowed(request.RequestId) || HistoryRoom(request.Room, request.RequestId) is not { } room)
        {
            return End is null;
        }

        var words = SearchWords.Split(request.Words);
        if (words.Count == 0)
        {
            Reply(ErrorCode.InvalidText, "A search needs at least one word of letters or digits.", room.Name, request.RequestId);
            return End is null;
        }

        if (words.Count > SearchWords.MaxWords)
        {
            Reply(ErrorCode.InvalidText, $"A search may have at most {SearchWords.MaxWords} words.", room.Name, request.RequestId);
            return End is null;
        }

        var limit = HistoryLimitFor(request.Limit);
        try
        {
            var found = await room.SearchAsync(new SearchQuery(words, Math.Max(request.BeforeId, 0), limit + 1), _stopping.Token);
            var (lines, more) = Cut(found, limit, HistoryBudget(room.Name), FrameBudget.InHistory);
            Deliver(EncodedMessage.Encode(new SearchResults(request.RequestId, room.Name, lines, more)));
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or IOException)
        {
            Reply(ErrorCode.InternalError, "The server could not search its history; try again later.", room.Name, request.RequestId);
        }

        return End is null;
    }

    /// <summary>The private messages this user's current name sent or received, with one partner or all.</summary>
    private async ValueTask SendPrivateHistoryAsync(HistoryRequest request, LogRange range, int limit, bool fromAfter)
    {
        var log = _registry.Private;
        var partner = request.Target.Length == 0 ? null : UserNameRules.Normalize(request.Target);
        var pruned = log.PrunedThroughId;
        var read = await log.ReadAsync(Name, partner, range, _stopping.Token);
        var target = Shown(request.Target);
        var (messages, more) = Cut(read, limit, HistoryBudget(target), FrameBudget.InHistory);
        Deliver(EncodedMessage.Encode(new HistoryBatch(request.RequestId, target, [], more)
        {
            Gap = fromAfter && pruned > request.AfterId,
            Private = true,
            PrivateLines = OldestFirst(messages, fromAfter),
        }));
    }

    /// <summary>Whether this server answers history requests at all; otherwise the client is told.</summary>
    private bool HistoryAllowed(int requestId)
    {
        if (_options.HistoryLimit > 0)
        {
            return true;
        }

        Reply(ErrorCode.NotAllowed, "This server answers no history or search requests.", requestId: requestId);
        return false;
    }

    /// <summary>The room a history or search request is about: one the client is in (<c>""</c> is the default room); otherwise the client is told why not.</summary>
    private Room? HistoryRoom(string requested, int requestId)
    {
        var name = requested.Length == 0 ? _registry.Default.Name : RoomNameRules.Normalize(requested);
        if (RoomNameRules.IsValid(name) && _rooms.Find(name) is { } room)
        {
            return room;
        }

        if (RoomNameRules.IsValid(name) && _registry.Find(name) is { } other)
        {
            Reply(ErrorCode.NotInRoom, $"You are not in {other.Name}; join it to read its history.", other.Name, requestId);
        }
        else
        {
            Reply(ErrorCode.NoSuchRoom, $"There is no room called {Shown(name)}.", Shown(name), requestId);
        }

        return null;
    }

    /// <summary>The limit of a request: its own when it is between 1 and the server's cap, otherwise the cap.</summary>
    private int HistoryLimitFor(int asked) => asked <= 0 || asked > _options.HistoryLimit ? _options.HistoryLimit : asked;

    /// <summary>The bytes the lines of one answer may take: at most <see cref="ChatServerOptions.MaxHistoryBytes"/>, and what the largest frame leaves.</summary>
    private long HistoryBudget(string target) =>
        Math.Min(ChatServerOptions.MaxHistoryBytes, _options.MaxSentFrameLength) - FrameBudget.MessageOverhead - FrameBudget.Of(target);

    /// <summary>
    /// The first <paramref name="limit"/> items that fit in <paramref name="budget"/> bytes (the first
    /// one always), in the order read; <c>more</c> when any was left out.
    /// </summary>
    private static (List<T> Kept, bool More) Cut<T>(IReadOnlyList<T> read, int limit, long budget, Func<T, int> size)
    {
        var kept = new List<T>(Math.Min(read.Count, limit));
        foreach (var item in read)
        {
            if (kept.Count == limit || (kept.Count > 0 && budget - size(item) < 0))
            {
                return (kept, true);
            }

            budget -= size(item);
            kept.Add(item);
        }

        return (kept, false);
    }

    /// <summary>A batch goes out oldest first: lines read from the newest end are turned around.</summary>
    private static List<T> OldestFirst<T>(List<T> read, bool readOldestFirst)
    {
        if (!readOldestFirst)
        {
            read.Reverse();
        }

        return read;
    }
}
