using System.Globalization;
using Chat.Shared;

namespace Chat.Testing;

/// <summary>
/// The real chat server (Chat.Server.dll) as a process of its own on 127.0.0.1, started and
/// waited for until it listens; its standard input is the operator's console. Disposing kills it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private ServerProcess(ProgramProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    /// <summary>
    /// The server the test project built next to its tests (a ProjectReference to Chat.Server
    /// copies it there).
    /// </summary>
    public static string DefaultDll { get; } = Path.Combine(AppContext.BaseDirectory, "Chat.Server.dll");

    /// <summary>The process, with its standard streams.</summary>
    public ProgramProcess Process { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Starts <see cref="DefaultDll"/> on a free port and waits until it listens.</summary>
    /// <param name="options">More server options, such as <c>--rate 1</c>.</param>
    public static Task<ServerProcess> StartAsync(params string[] options) => StartAsync(DefaultDll, 0, options);

    /// <summary>Starts a server and waits for the line that says where it listens.</summary>
    /// <param name="serverDll">The server program.</param>
    /// <param name="port">The port, or 0 for a free one.</param>
    /// <param name="options">More server options, such as <c>--rate 1</c>; without <c>--history</c>, the history is kept in memory; without <c>--data</c>, there is no console socket.
    /// With <c>--config</c>, the file says both.</param>
    public static async Task<ServerProcess> StartAsync(string serverDll, int port, params string[] options)
    {
        // The server keeps its history in a SQLite file unless told otherwise: a test's server keeps
        // it in memory, so that no test writes a data folder or sees another's lines, unless it asks.
        var configured = options.Contains("--config");
        string[] history = configured || options.Contains("--history") ? [] : ["--history", "memory"];

        // Its console socket goes in the data folder: without one of the test's own (--data), none,
        // so that servers running at once never meet in ./chat-data.
        string[] console = configured || options.Contains("--data") || options.Contains("--console-socket") ? [] : ["--console-socket", "none"];
        var process = ProgramProcess.Start(
            serverDll,
            ["--address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), .. history, .. console, .. options]);
        try
        {
            var listening = 0;
            await process.WaitForOutputAsync(line => ListeningLine.TryParse(line, out _, out listening), "the server's \"listening on\" line");
            return new ServerProcess(process, listening);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Types an operator command on the server's console.</summary>
    public Task CommandAsync(string command) => Process.WriteLinesAsync(command);

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
