namespace Chat.Server.Tests.Operator;

/// <summary>
/// A data folder of a test's own under the temporary folder, not yet made (the server makes it),
/// with its console socket's path (well under a Unix socket path's 107 bytes); deleted on dispose.
/// </summary>
internal sealed class ConsoleFolder : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("chat-con-").FullName;

    public ConsoleFolder()
    {
        Assert.True(ConsoleWire.Encoding.GetByteCount(SocketPath) <= ConsoleWire.MaxPathBytes, SocketPath);
    }

    /// <summary>The data folder (<c>--data</c>); missing until something makes it.</summary>
    public string Path => System.IO.Path.Combine(_parent, "data");

    /// <summary>The console socket in it.</summary>
    public string SocketPath => System.IO.Path.Combine(Path, ConsoleWire.FileName);

    public void Dispose() => Directory.Delete(_parent, recursive: true);
}
