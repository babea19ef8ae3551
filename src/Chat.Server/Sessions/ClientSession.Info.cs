using System.Net;
using System.Security.Authentication;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>What the operator's <c>users</c> shows of a session: where it comes from, what it runs, how long it has been quiet.</summary>
internal sealed partial class ClientSession
{
    private long _lastActive;
    private string _clientSoftware = string.Empty;

    /// <summary>A snapshot of the session for the operator, taken now.</summary>
    /// <returns>Its name, address, rooms, times, client and transport.</returns>
    public SessionInfo Info()
    {
        var now = _time.GetTimestamp();
        var rooms = _rooms.ToArray().Select(static room => room.Name).Order(StringComparer.Ordinal).ToArray();
        return new SessionInfo(
            Name,
            _remote is IPEndPoint ip ? new IPEndPoint(ClientAddress.Normalize(ip.Address), ip.Port) : null,
            rooms,
            _time.GetElapsedTime(_startedAt, now),
            _time.GetElapsedTime(Volatile.Read(ref _lastActive), now),
            Volatile.Read(ref _clientSoftware),
            Transport());
    }

    /// <summary>How the connection is carried: "TLS 1.3", "TLS 1.2", "TLS" (its handshake not done), or "plaintext".</summary>
    private string Transport() => (_connection as ChatConnection)?.TlsProtocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
        _ when _options.Tls is not null => "TLS",
        _ => "plaintext",
    };

    /// <summary>Remembers the client's software, from its hello, in the form <c>"name version"</c>.</summary>
    private void NoteClient(Hello hello) =>
        Volatile.Write(ref _clientSoftware, $"{hello.ClientName} {hello.ClientVersion}".Trim());

    /// <summary>The client did something (anything but the pings and pongs that keep a connection alive): it is not idle.</summary>
    private void NoteActive(ChatMessage message)
    {
        if (message is not (Ping or Pong))
        {
            Volatile.Write(ref _lastActive, _time.GetTimestamp());
        }
    }
}

/// <summary>A session as the operator's <c>users</c> shows it.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="Address">Where it connects from (IPv4-mapped addresses as IPv4); <see langword="null"/> without one (an in-memory connection).</param>
/// <param name="Rooms">The rooms it is in, sorted.</param>
/// <param name="ConnectedFor">How long ago it connected.</param>
/// <param name="IdleFor">How long ago it last sent anything but a ping or a pong.</param>
/// <param name="ClientSoftware">The client's name and version as its hello gave them; may be empty.</param>
/// <param name="Transport">How the connection is carried: "TLS 1.3", "TLS 1.2", "TLS" or "plaintext".</param>
internal sealed record SessionInfo(
    string Name,
    IPEndPoint? Address,
    IReadOnlyList<string> Rooms,
    TimeSpan ConnectedFor,
    TimeSpan IdleFor,
    string ClientSoftware,
    string Transport);
