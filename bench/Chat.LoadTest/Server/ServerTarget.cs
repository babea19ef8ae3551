namespace Chat.LoadTest.Server;

/// <summary>The server a run loads: one this program started, or one already running.</summary>
internal abstract class ServerTarget : IAsyncDisposable
{
    /// <summary>The address clients connect to.</summary>
    public abstract string Host { get; }

    /// <summary>The port clients connect to.</summary>
    public abstract int Port { get; }

    /// <summary>The server's process id, when known: its CPU and memory are then reported.</summary>
    public abstract int? ProcessId { get; }

    /// <summary>A short description for the report.</summary>
    public abstract string Description { get; }

    /// <summary>Whether this program started the server, and so stops it (which also ends every session).</summary>
    public abstract bool Owned { get; }

    /// <summary>The server's CPU and memory now; <see langword="null"/> when its pid is unknown.</summary>
    public ProcessStats? ReadStats() => ProcessId is { } pid ? ProcessStats.TryRead(pid) : null;

    /// <summary>Stops the server if this program started it.</summary>
    public abstract ValueTask DisposeAsync();
}
