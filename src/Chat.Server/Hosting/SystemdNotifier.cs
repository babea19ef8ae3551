using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>
/// Tells a service manager how the server is doing through the readiness protocol of systemd
/// (<c>sd_notify</c>): one datagram of <c>NAME=value</c> lines to the Unix datagram socket named in
/// <c>NOTIFY_SOCKET</c>. A name beginning with <c>@</c> is an abstract socket (a leading NUL byte).
/// A notice that cannot be sent is logged; it never stops the server.
/// </summary>
internal sealed partial class SystemdNotifier
{
    /// <summary>The variable systemd sets for a <c>Type=notify</c> service.</summary>
    public const string SocketVariable = "NOTIFY_SOCKET";

    private readonly UnixDomainSocketEndPoint _endPoint;
    private readonly string _socketName;
    private readonly ILogger _logger;

    /// <summary>Creates a notifier that sends to <paramref name="socketName"/>.</summary>
    /// <param name="socketName">A path, or <c>@name</c> for an abstract socket.</param>
    /// <param name="logger">Where a notice that could not be sent is logged.</param>
    public SystemdNotifier(string socketName, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketName);
        _socketName = socketName;
        _logger = logger;
        _endPoint = new UnixDomainSocketEndPoint(socketName[0] == '@' ? "\0" + socketName[1..] : socketName);
    }

    /// <summary>A notifier for the socket in <c>NOTIFY_SOCKET</c>, or null when the server was not started by a service manager.</summary>
    /// <param name="logger">Where a notice that could not be sent is logged.</param>
    public static SystemdNotifier? FromEnvironment(ILogger logger)
    {
        var socketName = Environment.GetEnvironmentVariable(SocketVariable);
        if (string.IsNullOrEmpty(socketName))
        {
            return null;
        }

        try
        {
            return new SystemdNotifier(socketName, logger);
        }
        catch (ArgumentException ex)
        {
            LogBadSocket(logger, socketName, ex.Message);
            return null;
        }
    }

    /// <summary>Says the server listens and is ready for clients.</summary>
    /// <param name="endPoint">Where it listens.</param>
    /// <returns>Whether the notice was sent.</returns>
    public bool Ready(IPEndPoint endPoint) =>
        Notify($"READY=1\nSTATUS=Listening on {endPoint}\nMAINPID={Environment.ProcessId}");

    /// <summary>Says the server has begun to shut down.</summary>
    /// <returns>Whether the notice was sent.</returns>
    public bool Stopping() => Notify("STOPPING=1\nSTATUS=Shutting down");

    /// <summary>Sends one notice: newline-separated <c>NAME=value</c> lines.</summary>
    /// <param name="state">The lines.</param>
    /// <returns>Whether it was sent; a failure is logged.</returns>
    public bool Notify(string state)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endPoint);
            return true;
        }
        catch (SocketException ex)
        {
            LogNotifyFailed(_logger, FirstLine(state), _socketName, ex.SocketErrorCode.ToString());
            return false;
        }
    }

    private static string FirstLine(string state) =>
        state.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0 ? state[..end] : state;
}
