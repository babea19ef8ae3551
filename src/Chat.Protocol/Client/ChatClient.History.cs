namespace Chat.Protocol;

public sealed partial class ChatClient
{
    /// <summary>
    /// Whether the server answers history and search requests (<see cref="GetHistoryAsync"/>,
    /// <see cref="GetPrivateHistoryAsync"/>, <see cref="SearchAsync"/>): its welcome announced a
    /// <see cref="Welcome.HistoryLimit"/> above 0.
    /// </summary>
    public bool SupportsHistory => HistoryLimit > 0;

    /// <summary>The most lines the server puts in one <see cref="HistoryBatch"/> or <see cref="SearchResults"/> (<see cref="Welcome.HistoryLimit"/>); 0 when it answers no history requests.</summary>
    public int HistoryLimit => SupportsRooms ? Math.Max(Welcome.HistoryLimit, 0) : 0;

    /// <summary>
    /// Asks the server which lines a room this client is in holds: the latest (no bound), the ones
    /// just before <paramref name="beforeId"/>, the ones just after <paramref name="afterId"/>, or
    /// the ones between the two. Both bounds are exclusive; 0 is no bound.
    /// </summary>
    /// <remarks>
    /// To page back through a whole room, start with no bound and ask again with
    /// <paramref name="beforeId"/> the <see cref="TextPosted.Id"/> of the oldest line so far while
    /// <see cref="HistoryBatch.More"/> is true. The batch is returned here only: it does not come
    /// through <see cref="ReadMessagesAsync"/>, and a refusal is thrown, not put in the stream.
    /// </remarks>
    /// <param name="room">The room's name, in any letter case; an empty string for the default room.</param>
    /// <param name="afterId">Only lines with a higher id; 0 for no lower bound. With it, the batch is taken from the oldest end of the range.</param>
    /// <param name="beforeId">Only lines with a lower id; 0 for no upper bound. Without <paramref name="afterId"/>, the batch is taken from the newest end.</param>
    /// <param name="limit">The most lines wanted; 0 (or more than <see cref="HistoryLimit"/>) for the server's limit.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The lines, oldest first, and whether the range holds more (<see cref="HistoryBatch.More"/>) and whether lines after <paramref name="afterId"/> are no longer kept (<see cref="HistoryBatch.Gap"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id or the limit is negative.</exception>
    /// <exception cref="ChatRequestException">
    /// The room name breaks <see cref="RoomNameRules"/>, or the server refused: <see cref="ErrorCode.NotInRoom"/>,
    /// <see cref="ErrorCode.NoSuchRoom"/>, <see cref="ErrorCode.RateLimited"/>, ...
    /// </exception>
    /// <exception cref="NotSupportedException">The server answers no history requests (<see cref="SupportsHistory"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came, or the client is reconnecting.</exception>
    public async Task<HistoryBatch> GetHistoryAsync(
        string room, long afterId = 0, long beforeId = 0, int limit = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        CheckRange(afterId, beforeId, limit);
        RequireHistory("Reading a room's history");
        var name = room.Length == 0 ? string.Empty : CheckRoomName(room);
        var id = _requests.NextRequestId();
        var answer = await RequestAsync(
            new HistoryRequest(id, name, afterId, beforeId, limit),
            message => message is HistoryBatch batch && batch.RequestId == id,
            _ => false,
            $"the request for the history of {(name.Length == 0 ? DefaultRoom : name)}",
            cancellationToken,
            id,
            consumes: true).ConfigureAwait(false);
        return (HistoryBatch)answer;
    }

    /// <summary>
    /// Asks the server for private messages this user's name sent or received: with one user, or
    /// with everyone. The bounds work as in <see cref="GetHistoryAsync"/>, on <see cref="PrivateMessage.Id"/>.
    /// </summary>
    /// <remarks>
    /// Names are not accounts: the server gives the private messages of a name to whoever holds
    /// that name now. The batch is returned here only, as for <see cref="GetHistoryAsync"/>.
    /// </remarks>
    /// <param name="user">The other user's name; an empty string for every conversation.</param>
    /// <param name="afterId">Only messages with a higher id; 0 for no lower bound.</param>
    /// <param name="beforeId">Only messages with a lower id; 0 for no upper bound.</param>
    /// <param name="limit">The most messages wanted; 0 (or more than <see cref="HistoryLimit"/>) for the server's limit.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>A batch with <see cref="HistoryBatch.Private"/> set and the messages, oldest first, in <see cref="HistoryBatch.PrivateLines"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id or the limit is negative.</exception>
    /// <exception cref="ChatRequestException">The server refused: <see cref="ErrorCode.RateLimited"/>, ...</exception>
    /// <exception cref="NotSupportedException">The server answers no history requests (<see cref="SupportsHistory"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came, or the client is reconnecting.</exception>
    public async Task<HistoryBatch> GetPrivateHistoryAsync(
        string user, long afterId = 0, long beforeId = 0, int limit = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        CheckRange(afterId, beforeId, limit);
        RequireHistory("Reading private messages");
        var name = UserNameRules.Normalize(user);
        var id = _requests.NextRequestId();
        var answer = await RequestAsync(
            new HistoryRequest(id, name, afterId, beforeId, limit) { Private = true },
            message => message is HistoryBatch batch && batch.RequestId == id,
            _ => false,
            name.Length == 0 ? "the request for your private messages" : $"the request for your private messages with {name}",
            cancellationToken,
            id,
            consumes: true).ConfigureAwait(false);
        return (HistoryBatch)answer;
    }

    /// <summary>
    /// Searches a room this client is in for lines holding every one of <paramref name="words"/>,
    /// each as a whole word in any letter case (a word ending in <c>*</c> matches any word it
    /// begins); no other syntax. The newest lines come first.
    /// </summary>
    /// <remarks>
    /// For the next page, ask again with <paramref name="beforeId"/> the <see cref="TextPosted.Id"/>
    /// of the last line found so far while <see cref="SearchResults.More"/> is true. The results are
    /// returned here only: they do not come through <see cref="ReadMessagesAsync"/>.
    /// </remarks>
    /// <param name="room">The room's name, in any letter case; an empty string for the default room.</param>
    /// <param name="words">The words, separated by white space.</param>
    /// <param name="beforeId">Only lines with a lower id; 0 for the newest.</param>
    /// <param name="limit">The most lines wanted; 0 (or more than <see cref="HistoryLimit"/>) for the server's limit.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The lines found, newest first, and whether older ones match too.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beforeId"/> or the limit is negative.</exception>
    /// <exception cref="ChatRequestException">
    /// The words hold no word (<see cref="ErrorCode.InvalidText"/>), the room name breaks
    /// <see cref="RoomNameRules"/>, or the server refused: <see cref="ErrorCode.NotInRoom"/>,
    /// <see cref="ErrorCode.NoSuchRoom"/>, <see cref="ErrorCode.RateLimited"/>, ...
    /// </exception>
    /// <exception cref="NotSupportedException">The server answers no search requests (<see cref="SupportsHistory"/>).</exception>
    /// <exception cref="ChatTimeoutException">No answer came within <see cref="ChatClientOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="ChatConnectionLostException">The connection ended before the answer came, or the client is reconnecting.</exception>
    public async Task<SearchResults> SearchAsync(
        string room, string words, long beforeId = 0, int limit = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(words);
        CheckRange(0, beforeId, limit);
        RequireHistory("Searching a room");
        var name = room.Length == 0 ? string.Empty : CheckRoomName(room);
        if (string.IsNullOrWhiteSpace(words))
        {
            throw new ChatRequestException(ErrorCode.InvalidText, name, "Say which words to search for.");
        }

        var id = _requests.NextRequestId();
        var answer = await RequestAsync(
            new SearchRequest(id, name, words, beforeId, limit),
            message => message is SearchResults results && results.RequestId == id,
            _ => false,
            $"the search of {(name.Length == 0 ? DefaultRoom : name)}",
            cancellationToken,
            id,
            consumes: true).ConfigureAwait(false);
        return (SearchResults)answer;
    }

    private static void CheckRange(long afterId, long beforeId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterId);
        ArgumentOutOfRangeException.ThrowIfNegative(beforeId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
    }

    private void RequireHistory(string what)
    {
        if (!SupportsHistory)
        {
            throw new NotSupportedException(
                $"{what} needs a server that keeps history and answers requests for it; this one does not (its welcome announced no history limit).");
        }
    }
}
