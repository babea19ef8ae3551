using System.Net;
using Chat.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Chat.Server.Tests.Hosting;

public class SystemdNotifierTests
{
    [Fact]
    public async Task ReadySaysReadyWhereAndWhichProcess()
    {
        using var socket = NotifySocket.InTempFolder();
        using var logs = new ListLoggerProvider();
        var notifier = new SystemdNotifier(socket.Name, logs.CreateLogger("test"));

        Assert.True(notifier.Ready(new IPEndPoint(IPAddress.Loopback, 4567)));

        Assert.Equal(
            ["READY=1", "STATUS=Listening on 127.0.0.1:4567", $"MAINPID={Environment.ProcessId}"],
            (await socket.ReceiveAsync()).Split('\n'));
        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task StoppingSaysStoppingToAnAbstractSocket()
    {
        using var socket = NotifySocket.Abstract();
        using var logs = new ListLoggerProvider();
        var notifier = new SystemdNotifier(socket.Name, logs.CreateLogger("test"));

        Assert.True(notifier.Stopping());

        Assert.Equal("STOPPING=1", (await socket.ReceiveAsync()).Split('\n')[0]);
    }

    [Fact]
    public void ANoticeNobodyHearsIsAWarningNotAnException()
    {
        var missing = Path.Combine(Path.GetTempPath(), "chat-notify-tests", Guid.NewGuid().ToString("N"), "notify");
        using var logs = new ListLoggerProvider();
        var notifier = new SystemdNotifier(missing, logs.CreateLogger("test"));

        Assert.False(notifier.Ready(new IPEndPoint(IPAddress.Loopback, 1)));

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("READY=1", entry.Message, StringComparison.Ordinal);
        Assert.Contains(missing, entry.Message, StringComparison.Ordinal);
    }
}
