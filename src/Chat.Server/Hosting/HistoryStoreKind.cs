namespace Chat.Server;

/// <summary>Where the rooms' lines are kept (<c>--history</c>).</summary>
internal enum HistoryStoreKind
{
    /// <summary>In memory: the last lines of each room, gone when the server stops.</summary>
    Memory,

    /// <summary>In a SQLite file in <see cref="ChatServerOptions.DataFolder"/>: every line, kept across restarts.</summary>
    Sqlite,
}
