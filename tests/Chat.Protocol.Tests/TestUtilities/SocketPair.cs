using System.Net;
using System.Net.Sockets;

namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>Two raw TCP sockets connected over 127.0.0.1, for tests that play one side byte by byte.</summary>
internal sealed class SocketPair : IDisposable
{
    private SocketPair(Socket client, Socket server)
    {
        Client = client;
        Server = server;
    }

    public Socket Client { get; }

    public Socket Server { get; }

    public static async Task<SocketPair> ConnectAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var accepting = listener.AcceptAsync();
            await client.ConnectAsync(listener.LocalEndPoint!).WithTimeout();
            return new SocketPair(client, await accepting.WithTimeout());
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Closes a socket with a reset (RST) instead of a clean end (FIN), as a crashed peer would.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Dispose();
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
