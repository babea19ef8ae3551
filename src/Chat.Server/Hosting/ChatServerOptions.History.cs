namespace Chat.Server;

/// <summary>Where the history lives (issue 15).</summary>
internal sealed partial record ChatServerOptions
{
    /// <summary>The folder a data folder defaults to, relative to the working directory.</summary>
    public const string DefaultDataFolder = "chat-data";

    /// <summary>Where the rooms' lines are kept; in memory unless asked (the command line's <c>--history</c> defaults to SQLite).</summary>
    public HistoryStoreKind HistoryStore { get; init; } = HistoryStoreKind.Memory;

    /// <summary>
    /// The most lines a history batch or search result carries (<see cref="Chat.Protocol.Welcome.HistoryLimit"/>,
    /// <c>--history-limit</c>); 0 answers no history or search request.
    /// </summary>
    public int HistoryLimit { get; init; } = 200;

    /// <summary>The highest <see cref="HistoryLimit"/> allowed.</summary>
    public const int MaxHistoryLimit = 100_000;

    /// <summary>The most bytes the lines of one history batch or search result take, encoded (docs/protocol.md, R7.53).</summary>
    public const int MaxHistoryBytes = 256 * 1024;

    /// <summary>
    /// How many lines the memory store keeps per room (and how many private messages in all): at
    /// least <see cref="MinimumMemoryLines"/>, and never fewer than a newcomer sees (<see cref="HistoryLength"/>).
    /// </summary>
    public int MemoryLinesPerRoom => Math.Max(HistoryLength, MinimumMemoryLines);

    /// <summary>The fewest lines the memory store keeps per room.</summary>
    public const int MinimumMemoryLines = 1000;

    /// <summary>The folder of the history file (<see cref="SqliteRoomLogStore.FileName"/>) when <see cref="HistoryStore"/> is <see cref="HistoryStoreKind.Sqlite"/>.</summary>
    public string DataFolder { get; init; } = DefaultDataFolder;
}
