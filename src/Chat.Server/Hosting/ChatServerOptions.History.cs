namespace Chat.Server;

/// <summary>Where the history lives (issue 15).</summary>
internal sealed partial record ChatServerOptions
{
    /// <summary>The folder a data folder defaults to, relative to the working directory.</summary>
    public const string DefaultDataFolder = "chat-data";

    /// <summary>Where the rooms' lines are kept; in memory unless asked.</summary>
    public HistoryStoreKind HistoryStore { get; init; } = HistoryStoreKind.Memory;

    /// <summary>The folder of the history file (<see cref="SqliteRoomLogStore.FileName"/>) when <see cref="HistoryStore"/> is <see cref="HistoryStoreKind.Sqlite"/>.</summary>
    public string DataFolder { get; init; } = DefaultDataFolder;
}
