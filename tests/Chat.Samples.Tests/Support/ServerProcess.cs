using System.Globalization;
using System.Text.RegularExpressions;

namespace Chat.Samples.Tests.Support;

/// <summary>The real chat server (Chat.Server.dll) as a process on 127.0.0.1; its standard input is the operator's console.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private ServerProcess(ProgramProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public ProgramProcess Process { get; }

    public int Port { get; }

    /// <summary>Starts a server and waits for the line that says where it listens.</summary>
    /// <param name="port">The port, or 0 for a free one.</param>
    /// <param name="options">More server options, such as <c>--rate 1</c>.</param>
    public static async Task<ServerProcess> StartAsync(int port = 0, params string[] options)
    {
        var process = ProgramProcess.Start(
            BuiltPrograms.Server,
            ["--address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), .. options]);
        try
        {
            var line = await process.WaitForOutputAsync(l => ListeningLine().IsMatch(l), "the server's \"listening on\" line");
            return new ServerProcess(process, int.Parse(ListeningLine().Match(line).Groups[2].Value, CultureInfo.InvariantCulture));
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

    [GeneratedRegex(@"listening on (\S+):(\d+)")]
    private static partial Regex ListeningLine();
}
