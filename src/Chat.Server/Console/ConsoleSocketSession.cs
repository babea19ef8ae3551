using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>
/// One client of the <see cref="ConsoleSocketListener"/>: checks who it is, then reads its
/// command lines and answers each (<see cref="ConsoleWire"/>) through an
/// <see cref="OperatorConsole"/> of its own, until it leaves, sends a line that is too long, or
/// the listener stops.
/// </summary>
internal sealed partial class ConsoleSocketSession
{
    private readonly ChatServer _server;
    private readonly Socket _socket;
    private readonly ConsoleSocketListener _listener;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConsoleSocketSession(ChatServer server, Socket socket, ConsoleSocketListener listener, ILogger logger, CancellationToken stopping)
    {
        _server = server;
        _socket = socket;
        _listener = listener;
        _logger = logger;
        _stopping = stopping;
    }

    /// <summary>Completes when the client is gone.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Runs the session on its own.</summary>
    /// <param name="refuseAsFull">Whether the listener has as many clients as it takes: this one is told so and let go.</param>
    public void Start(bool refuseAsFull) => _ = RunAsync(refuseAsFull);

    /// <summary>Cuts the client off at once.</summary>
    public void Abort() => _socket.Dispose();

    private async Task RunAsync(bool refuseAsFull)
    {
        await Task.Yield();
        var stream = new NetworkStream(_socket, ownsSocket: true);
        try
        {
            var peer = PeerCredentials.Of(_socket);
            if (refuseAsFull)
            {
                await RefuseAsync(stream, $"The server has {ConsoleSocketListener.MaxClients} console clients attached, as many as it takes; try again when one has left.");
            }
            else if (!_listener.Allows(peer.Uid))
            {
                LogRefused(_logger, peer.Uid, peer.Pid, _listener.OwnerUid);
                await RefuseAsync(stream, $"Only the user the server runs as (uid {_listener.OwnerUid}){(_listener.AllowsRoot ? " and root" : string.Empty)} may use its console; you are uid {peer.Uid}.");
            }
            else
            {
                var actor = $"console socket (uid {peer.Uid}, pid {peer.Pid})";
                LogAttached(_logger, actor);
                await ServeAsync(stream, actor);
                LogDetached(_logger, actor);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client left in the middle of a command or a reply, or the listener stopped: nothing to do.
        }
        catch (Exception ex)
        {
            LogFailed(_logger, ex);
        }
        finally
        {
            await stream.DisposeAsync();
            _listener.Detach(this);
            _completion.TrySetResult();
        }
    }

    /// <summary>Reads command lines and answers each until the client leaves or the server closes.</summary>
    private async Task ServeAsync(NetworkStream stream, string actor)
    {
        var output = new StringWriter();
        var console = new OperatorConsole(_server, output, actor);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (await ReadLineAsync(reader) is var (line, tooLong) && (line is not null || tooLong))
            {
                if (tooLong)
                {
                    await SendAsync(stream, ConsoleWire.Reply($"The line is longer than {ConsoleWire.MaxLineBytes} bytes, the most a console command may have; the connection is closed.", ConsoleWire.Failed));
                    return;
                }

                var status = await ExecuteAsync(console, output, line!);
                var reply = ConsoleWire.Reply(output.ToString(), status);
                output.GetStringBuilder().Clear();
                await SendAsync(stream, reply);
                if (status == ConsoleWire.Closed)
                {
                    return;
                }
            }

            // Left, perhaps in the middle of a line, which is not run.
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Runs one command; a failure of the server's own is logged and answered in one line.</summary>
    /// <returns>The reply's status line.</returns>
    private async Task<string> ExecuteAsync(OperatorConsole console, StringWriter output, string line)
    {
        try
        {
            return await console.ExecuteAsync(line) ? ConsoleWire.Closed : console.Failed ? ConsoleWire.Failed : ConsoleWire.Ok;
        }
        catch (Exception ex)
        {
            LogCommandFailed(_logger, console.Actor, ex);
            await output.WriteLineAsync($"The command failed inside the server ({ex.GetType().Name}); the server's log has the details.");
            return ConsoleWire.Failed;
        }
    }

    /// <summary>
    /// The next line, without its <c>\n</c> (nor a <c>\r</c> before it); no line when the client
    /// has left (a part line it left behind is dropped), or when the line is longer than
    /// <see cref="ConsoleWire.MaxLineBytes"/> (it is not read to its end).
    /// </summary>
    private async Task<(string? Line, bool TooLong)> ReadLineAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync(_stopping);
            var buffer = result.Buffer;
            var end = buffer.PositionOf((byte)'\n');
            var length = end is { } found ? buffer.Slice(0, found).Length : buffer.Length;
            if (length > ConsoleWire.MaxLineBytes)
            {
                reader.AdvanceTo(buffer.End);
                return (null, true);
            }

            if (end is { } newline)
            {
                var text = ConsoleWire.Encoding.GetString(buffer.Slice(0, newline));
                reader.AdvanceTo(buffer.GetPosition(1, newline));
                return (text.EndsWith('\r') ? text[..^1] : text, false);
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return (null, false);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task RefuseAsync(NetworkStream stream, string text) =>
        await SendAsync(stream, ConsoleWire.Reply(text, ConsoleWire.Refused));

    /// <summary>Sends a reply; a client that does not read it within <see cref="ConsoleSocketListener.ReplyTimeout"/> is let go.</summary>
    private static async Task SendAsync(NetworkStream stream, byte[] reply)
    {
        using var timeout = new CancellationTokenSource(ConsoleSocketListener.ReplyTimeout);
        await stream.WriteAsync(reply, timeout.Token);
    }
}
