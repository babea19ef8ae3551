using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Chat.Server;

/// <summary>
/// Who is at the other end of a Unix domain socket, as the kernel says (Linux's <c>SO_PEERCRED</c>:
/// <c>struct ucred { pid_t pid; uid_t uid; gid_t gid; }</c>, the credentials the peer had when it
/// connected), and who this process is (<c>geteuid</c>).
/// </summary>
/// <param name="Pid">The peer's process id.</param>
/// <param name="Uid">The peer's user id.</param>
/// <param name="Gid">The peer's group id.</param>
internal readonly partial record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int UcredSize = 12;

    /// <summary>This process's effective user id.</summary>
    public static uint EffectiveUserId => GetEffectiveUserId();

    /// <summary>Reads the credentials of a connected Unix domain socket's peer.</summary>
    /// <param name="socket">An accepted or connected Unix domain stream socket.</param>
    /// <returns>The peer's pid, uid and gid.</returns>
    /// <exception cref="SocketException">The system cannot say (not a Unix socket, or not Linux).</exception>
    public static PeerCredentials Of(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[UcredSize];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length < UcredSize)
        {
            throw new SocketException((int)SocketError.ProtocolOption);
        }

        // In the machine's own byte order, as the kernel wrote it.
        return new PeerCredentials(
            MemoryMarshal.Read<int>(ucred),
            MemoryMarshal.Read<uint>(ucred[4..]),
            MemoryMarshal.Read<uint>(ucred[8..]));
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
