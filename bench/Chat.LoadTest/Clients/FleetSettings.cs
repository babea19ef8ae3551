using Chat.Protocol;

namespace Chat.LoadTest.Clients;

/// <summary>Where and how a run's clients connect.</summary>
/// <param name="Host">The server's address (loopback).</param>
/// <param name="Port">The server's port.</param>
/// <param name="Tag">The run tag, part of every user name and line.</param>
/// <param name="Count">How many clients join.</param>
/// <param name="Concurrency">How many joins may be under way at once.</param>
/// <param name="ClientOptions">The client API's settings.</param>
/// <param name="UserListSample">How many clients keep a user list in the client library, to be compared name by name (see <see cref="Clients.UserListSample"/>).</param>
/// <param name="PresenceForAll">
/// Whether every client receives presence and must see every user; otherwise only the sampled
/// clients do, and the others decline it (<see cref="ChatClientOptions.ReceivePresence"/>).
/// </param>
/// <param name="ThinClients">
/// Whether the clients that decline presence are <see cref="ThinLoadClient"/>s (raw sockets);
/// otherwise they are <see cref="LibraryLoadClient"/>s, as the clients that receive presence always are.
/// </param>
/// <param name="ReceiveThreads">
/// With <paramref name="ThinClients"/>, more than 0 makes those clients <see cref="EpollLoadClient"/>s,
/// read by this many receive loops (<see cref="Epoll.ReceiveLoops"/>); 0 keeps them <see cref="ThinLoadClient"/>s.
/// </param>
internal sealed record FleetSettings(
    string Host,
    int Port,
    int Tag,
    int Count,
    int Concurrency,
    ChatClientOptions ClientOptions,
    int UserListSample,
    bool PresenceForAll,
    bool ThinClients = false,
    int ReceiveThreads = 0);
