using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.History;

/// <summary>History and search requests by hand over a <see cref="RawClient"/>, each waiting (with the test timeout) for its answer.</summary>
internal static class HistoryRequests
{
    /// <summary>Sends a history request and returns the batch that answers it.</summary>
    public static async Task<HistoryBatch> HistoryAsync(this RawClient client, HistoryRequest request)
    {
        await client.SendAsync(request);
        return await client.ReceiveAsync<HistoryBatch>(batch => batch.RequestId == request.RequestId);
    }

    /// <summary>Asks for a room's lines.</summary>
    public static Task<HistoryBatch> HistoryAsync(this RawClient client, string room, long afterId = 0, long beforeId = 0, int limit = 0, int requestId = 1) =>
        client.HistoryAsync(new HistoryRequest(requestId, room, afterId, beforeId, limit));

    /// <summary>Asks for this user's private messages (with one partner, or all).</summary>
    public static Task<HistoryBatch> PrivateHistoryAsync(this RawClient client, string partner, long afterId = 0, long beforeId = 0, int limit = 0, int requestId = 1) =>
        client.HistoryAsync(new HistoryRequest(requestId, partner, afterId, beforeId, limit) { Private = true });

    /// <summary>Sends a search and returns the results that answer it.</summary>
    public static async Task<SearchResults> SearchAsync(this RawClient client, string room, string words, long beforeId = 0, int limit = 0, int requestId = 1)
    {
        await client.SendAsync(new SearchRequest(requestId, room, words, beforeId, limit));
        return await client.ReceiveAsync<SearchResults>(results => results.RequestId == requestId);
    }

    /// <summary>Posts lines in a room (all sent, then every echo read) and returns them as posted, with their ids.</summary>
    public static async Task<List<TextPosted>> PostAsync(this RawClient client, string room, IEnumerable<string> texts)
    {
        var sent = texts.ToList();
        foreach (var text in sent)
        {
            await client.SendAsync(new SendText(text) { Room = room });
        }

        var posted = new List<TextPosted>(sent.Count);
        while (posted.Count < sent.Count)
        {
            posted.Add(await client.ReceiveAsync<TextPosted>());
        }

        Assert.Equal(sent, posted.Select(line => line.Text));
        return posted;
    }

    /// <summary>Posts <paramref name="count"/> lines "line 1" to "line N".</summary>
    public static Task<List<TextPosted>> PostLinesAsync(this RawClient client, int count, string room = "") =>
        client.PostAsync(room, Enumerable.Range(1, count).Select(i => $"line {i}"));

    /// <summary>The ids of lines.</summary>
    public static long[] Ids(this IEnumerable<TextPosted> lines) => [.. lines.Select(line => line.Id)];
}
