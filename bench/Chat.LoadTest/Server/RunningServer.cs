namespace Chat.LoadTest.Server;

/// <summary>A server that was already running: this program only connects to it.</summary>
internal sealed class RunningServer(string host, int port, int? processId) : ServerTarget
{
    public override string Host => host;

    public override int Port => port;

    public override int? ProcessId => processId;

    public override bool Owned => false;

    public override string Description => processId is { } pid
        ? $"running server at {host}:{port}, pid {pid}"
        : $"running server at {host}:{port} (no --server-pid: its CPU and memory are not reported)";

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
