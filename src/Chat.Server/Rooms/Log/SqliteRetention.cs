namespace Chat.Server;

/// <summary>What a <see cref="SqliteRoomLogStore"/> removes in the background, and how often it looks.</summary>
/// <param name="Days">Lines (room and private) older than this many days are removed; 0 keeps them forever.</param>
/// <param name="LinesPerRoom">The most lines each room keeps, the oldest removed first; 0 sets no limit.</param>
/// <param name="Interval">How long the background pruner waits between passes; <see cref="Timeout.InfiniteTimeSpan"/> for no background passes (only <see cref="SqliteRoomLogStore.PruneNowAsync"/>).</param>
internal readonly record struct SqliteRetention(int Days, int LinesPerRoom, TimeSpan Interval)
{
    /// <summary>Keeps everything: no background pruning.</summary>
    public static SqliteRetention KeepEverything { get; } = new(0, 0, TimeSpan.FromMinutes(1));

    /// <summary>How many rows one pruning transaction deletes at most, so that appends never wait long behind it.</summary>
    public const int BatchSize = 500;

    /// <summary>Whether anything is ever removed.</summary>
    public bool Prunes => Days > 0 || LinesPerRoom > 0;
}
