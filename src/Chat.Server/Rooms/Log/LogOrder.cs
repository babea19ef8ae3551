namespace Chat.Server;

/// <summary>The order in which <see cref="IRoomLog.ReadAsync"/> returns lines.</summary>
internal enum LogOrder
{
    /// <summary>The lowest id first.</summary>
    OldestFirst,

    /// <summary>The highest id first.</summary>
    NewestFirst,
}
