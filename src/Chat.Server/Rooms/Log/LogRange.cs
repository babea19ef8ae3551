namespace Chat.Server;

/// <summary>Which lines to read from an <see cref="IRoomLog"/>: ids from <paramref name="AfterId"/> (exclusive) to <paramref name="BeforeId"/> (exclusive), at most <paramref name="Limit"/>, taken from the end <paramref name="Order"/> names.</summary>
/// <param name="AfterId">Only lines with a higher id; 0 for no lower bound.</param>
/// <param name="BeforeId">Only lines with a lower id; <see cref="long.MaxValue"/> for no upper bound.</param>
/// <param name="Limit">The most lines to return.</param>
/// <param name="Order">Oldest first (the lines just after <paramref name="AfterId"/>) or newest first (the lines just before <paramref name="BeforeId"/>).</param>
internal readonly record struct LogRange(long AfterId, long BeforeId, int Limit, LogOrder Order)
{
    /// <summary>The newest <paramref name="limit"/> lines, newest first: what a newcomer sees (shown oldest first).</summary>
    /// <param name="limit">How many.</param>
    /// <returns>The range.</returns>
    public static LogRange Newest(int limit) => new(0, long.MaxValue, limit, LogOrder.NewestFirst);
}
