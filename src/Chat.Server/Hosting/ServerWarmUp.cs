using System.Net;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Server;

/// <summary>
/// Runs the paths every user takes once, before the real server listens: a throwaway server on
/// a loopback port (its history in SQLite, the default, in a temporary folder deleted after; no
/// log) that two clients join, talk in, and leave. The server compiles each method fully optimised at its first call (tiered
/// compilation is off, see Chat.Server.csproj), so without this its first users would wait for
/// the compiler: one line to 1,000 fresh clients cost 50-70 ms of server CPU, most of it the JIT
/// (bench/NOTES.md, issue 17). Code compiled ahead of time (ReadyToRun) would avoid that too,
/// but is slower for good: 0.5-0.7 µs of server CPU per delivery in <c>fanout</c> against
/// 0.3-0.5 µs.
/// </summary>
internal static class ServerWarmUp
{
    private const int Lines = 3;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>Runs the warm-up; gives up quietly after a few seconds or on any failure (the server then starts cold, as it always could).</summary>
    /// <param name="parent">Where to make its temporary data folder; the system's temporary folder when omitted.</param>
    /// <returns>Whether it ran to the end.</returns>
    public static async Task<bool> RunAsync(string? parent = null)
    {
        MessageSerializer.Prepare();
        using var timeout = new CancellationTokenSource(Budget);
        string folder;
        try
        {
            folder = parent is null
                ? Directory.CreateTempSubdirectory("chatroom-warm-up-").FullName
                : Directory.CreateDirectory(Path.Combine(parent, "chatroom-warm-up")).FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // No temporary folder to be had: start cold.
        }

        var options = ChatServerOptions.Default with
        {
            Address = IPAddress.Loopback,
            Port = 0,
            HistoryStore = HistoryStoreKind.Sqlite,
            DataFolder = folder,
            ConsoleSocket = null,
            MetricsPort = 0,
        };
        try
        {
            await using var server = new ChatServer(options, NullLoggerFactory.Instance);
            var endPoint = server.Start();
            await using (var first = await ChatClient.ConnectAsync("127.0.0.1", endPoint.Port, "warm-up-1", cancellationToken: timeout.Token))
            await using (var second = await ChatClient.ConnectAsync("127.0.0.1", endPoint.Port, "warm-up-2", cancellationToken: timeout.Token))
            {
                for (var i = 0; i < Lines; i++)
                {
                    await first.SendAsync("warming up", timeout.Token);
                    await second.SendAsync("warming up", timeout.Token);
                }

                await ReadLinesAsync(first, 2 * Lines, timeout.Token);
                await ReadLinesAsync(second, 2 * Lines, timeout.Token);
            }

            await server.StopAsync();
            return true;
        }
        catch (Exception ex) when (ex is ChatException or OperationCanceledException or IOException or UnauthorizedAccessException
            or System.Net.Sockets.SocketException or Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left in the temporary folder; nothing reads it.
            }
        }
    }

    private static async Task ReadLinesAsync(ChatClient client, int count, CancellationToken cancellationToken)
    {
        var seen = 0;
        await foreach (var message in client.ReadMessagesAsync(cancellationToken))
        {
            if (message is TextPosted && ++seen == count)
            {
                return;
            }
        }
    }
}
