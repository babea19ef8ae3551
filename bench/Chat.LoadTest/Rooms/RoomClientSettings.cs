using Chat.Protocol;

namespace Chat.LoadTest.Rooms;

/// <summary>Where and how the rooms scenario's clients connect.</summary>
/// <param name="Host">The server's address (loopback).</param>
/// <param name="Port">The server's port.</param>
/// <param name="Connection">The connection's settings (timeouts, TLS).</param>
/// <param name="ClientName">Sent in <see cref="Hello.ClientName"/>.</param>
/// <param name="ClientVersion">Sent in <see cref="Hello.ClientVersion"/>.</param>
/// <param name="Concurrency">How many joins may be under way at once.</param>
/// <param name="PresenceSample">How many clients receive presence when not all do (the others send <see cref="Hello.OmitPresence"/>).</param>
/// <param name="PresenceForAll">Whether every client receives presence.</param>
internal sealed record RoomClientSettings(
    string Host,
    int Port,
    ChatConnectionOptions Connection,
    string ClientName,
    string ClientVersion,
    int Concurrency,
    int PresenceSample,
    bool PresenceForAll);
