using System.Net.Sockets;
using System.Text;

namespace Chat.Server.Tests.Hosting;

/// <summary>
/// What systemd listens on for a <c>Type=notify</c> service: a Unix datagram socket, bound in a
/// temporary folder of its own (or under an abstract name), from which a test reads each notice.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _folder;

    private NotifySocket(string name, string? folder, string boundName)
    {
        Name = name;
        _folder = folder;
        _socket.Bind(new UnixDomainSocketEndPoint(boundName));
    }

    /// <summary>The value for <c>NOTIFY_SOCKET</c>.</summary>
    public string Name { get; }

    /// <summary>Binds a socket file in a new temporary folder.</summary>
    public static NotifySocket InTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chat-notify-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "notify");
        return new NotifySocket(path, folder, path);
    }

    /// <summary>Binds an abstract socket (Linux only): <c>@name</c>, a leading NUL byte on the wire.</summary>
    public static NotifySocket Abstract()
    {
        var name = "chat-notify-test-" + Guid.NewGuid().ToString("N");
        return new NotifySocket("@" + name, null, "\0" + name);
    }

    /// <summary>Waits, at most the test timeout, for the next notice.</summary>
    public async Task<string> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        var buffer = new byte[4096];
        try
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"No notice reached {Name} within {TestTimeout.Value}.", ex);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
