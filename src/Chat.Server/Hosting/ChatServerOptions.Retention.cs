namespace Chat.Server;

/// <summary>How long the history keeps lines (issue 15, helper "store").</summary>
internal sealed partial record ChatServerOptions
{
    /// <summary>Lines (room and private) older than this many days are removed; 0 (the default) keeps them forever.</summary>
    public int RetainDays { get; init; }

    /// <summary>The most lines each room keeps, the oldest removed first; 0 (the default) sets no limit.</summary>
    public int RetainLinesPerRoom { get; init; }

    /// <summary>How often the SQLite store looks for lines to remove, when <see cref="RetainDays"/> or <see cref="RetainLinesPerRoom"/> asks it to.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The retention rules of the SQLite store.</summary>
    public SqliteRetention SqliteRetention => new(RetainDays, RetainLinesPerRoom, RetentionInterval);

    /// <summary>Checks the retention settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void ValidateRetention()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(RetainDays, nameof(RetainDays));
        ArgumentOutOfRangeException.ThrowIfNegative(RetainLinesPerRoom, nameof(RetainLinesPerRoom));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetentionInterval, TimeSpan.Zero, nameof(RetentionInterval));
    }
}
