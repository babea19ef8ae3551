using System.Diagnostics.Metrics;
using Chat.Shared;

namespace Chat.Server;

/// <summary>
/// The server's counters, published through <see cref="System.Diagnostics.Metrics"/> under the
/// meter <see cref="MeterName"/>: <c>dotnet-counters monitor --counters Chat.Server -p PID</c>
/// shows them while the server runs.
/// </summary>
/// <remarks>Each server owns its meter instance, so that tests running several servers can tell them apart.</remarks>
internal sealed class ServerMetrics : IDisposable
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "Chat.Server";

    /// <summary>What every instrument's name starts with (the metrics endpoint shows them as <c>chatroom_...</c>).</summary>
    public const string InstrumentPrefix = "chat.server.";

    private readonly UpDownCounter<long> _connections;
    private readonly UpDownCounter<long> _clients;
    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _linesPosted;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _disconnects;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _rateLimited;

    public ServerMetrics()
    {
        Meter = new Meter(MeterName, ProductVersion.Text);
        _connections = Meter.CreateUpDownCounter<long>(
            "chat.server.connections", "{connection}", "Open connections, including those still saying hello.");
        _clients = Meter.CreateUpDownCounter<long>(
            "chat.server.clients", "{client}", "Clients connected and in the room.");
        _messagesReceived = Meter.CreateCounter<long>(
            "chat.server.messages.received", "{message}", "Messages received from clients.");
        _linesPosted = Meter.CreateCounter<long>(
            "chat.server.lines.posted", "{line}", "Lines posted to the room.");
        _deliveries = Meter.CreateCounter<long>(
            "chat.server.deliveries", "{message}", "Messages handed to client connections.");
        _disconnects = Meter.CreateCounter<long>(
            "chat.server.disconnects", "{connection}", "Connections closed, tagged with the reason.");
        _refusals = Meter.CreateCounter<long>(
            "chat.server.refusals", "{connection}", "Connections and joins refused by a limit, tagged with the limit.");
        _rateLimited = Meter.CreateCounter<long>(
            "chat.server.messages.rate_limited", "{message}", "Messages refused for going over the rate limit (the client stays).");
    }

    /// <summary>The meter holding the instruments.</summary>
    public Meter Meter { get; }

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed(DisconnectCause cause)
    {
        _connections.Add(-1);
        _disconnects.Add(1, new KeyValuePair<string, object?>("reason", cause.ToTag()));
    }

    public void Refused(RefusalKind kind) => _refusals.Add(1, new KeyValuePair<string, object?>("reason", kind.ToTag()));

    public void RateLimited() => _rateLimited.Add(1);

    public void ClientJoined() => _clients.Add(1);

    public void ClientLeft() => _clients.Add(-1);

    public void MessageReceived() => _messagesReceived.Add(1);

    public void LinePosted() => _linesPosted.Add(1);

    public void Delivered(int count) => _deliveries.Add(count);

    public void Dispose() => Meter.Dispose();
}
