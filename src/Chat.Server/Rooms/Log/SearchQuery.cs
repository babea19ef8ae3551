namespace Chat.Server;

/// <summary>What <see cref="IRoomLog.SearchAsync"/> looks for.</summary>
/// <param name="Words">The words every line found holds, as <see cref="SearchWords.Split"/> gave them: each holds at least one letter or digit, and may end in <c>*</c> (a prefix).</param>
/// <param name="BeforeId">Only lines with a lower id; 0 for no bound.</param>
/// <param name="Limit">The most lines to return.</param>
internal sealed record SearchQuery(IReadOnlyList<string> Words, long BeforeId, int Limit)
{
    /// <summary>The upper bound as a <see cref="LogRange.BeforeId"/>: <see cref="long.MaxValue"/> when <see cref="BeforeId"/> is 0.</summary>
    public long UpperBound => BeforeId <= 0 ? long.MaxValue : BeforeId;
}
