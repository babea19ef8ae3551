using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Chat.LoadTest.Clients;
using Chat.LoadTest.Measurement;
using Chat.LoadTest.Reporting;
using Chat.LoadTest.Running;
using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.LoadTest.Scenarios;

/// <summary>
/// Clients that stop reading (issue 13): <see cref="SlowReaders"/> connections join and never
/// read while one of <see cref="Clients"/> ordinary clients posts long lines at a steady pace.
/// Measures what the ordinary users see (loss, latency) and what the server pays (peak memory)
/// until it has dropped every slow reader; then each slow reader reads what it was sent, to see
/// whether it learns why it was dropped or finds a reset.
/// </summary>
internal sealed class SlowReadersScenario(int clients, int slowReaders, double rate, TimeSpan duration) : IScenario
{
    public string Name => "slowreaders";

    public int Clients => clients;

    public int SlowReaders => slowReaders;

    public int LinesToSend => Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds));

    public async Task<RunReport> RunAsync(RunEnvironment environment)
    {
        var textLength = environment.Settings.TextLength;
        var report = new RunReport
        {
            Scenario = Name,
            Workload = $"{clients:N0} clients and {slowReaders} that never read; one sender posts {rate:0.##} lines/s "
                + $"for {duration.TotalSeconds:0.#} s ({LinesToSend:N0} lines) of {textLength} bytes",
            ElapsedMeaning = "first send to last receipt",
        };

        var lines = new LinePhase(environment.Tag, senders: 1, LinesToSend, clients, window: 0);
        var fleet = await RunSteps.JoinAndWarmUpAsync(environment, report, clients, senders: 1, warmupLines: 20);
        if (fleet is null)
        {
            return report;
        }

        var readers = new List<Socket>(slowReaders);
        try
        {
            for (var i = 0; i < slowReaders; i++)
            {
                readers.Add(await JoinWithoutReadingAsync(environment, $"slow{i}-{environment.Tag}"));
            }

            var sent = await RunSteps.MeasureLinesAsync(environment, report, fleet, lines, (startedAt, counts) =>
                Task.Run(() => SendAsync(fleet.Clients[0]!, lines, startedAt, textLength, counts, environment.Stop)));
            RunSteps.CountDeliveries(report, fleet, lines, sent);

            // The server's peak so far is the cost of the slow readers; what they learn comes next.
            report.ServerPeakRssBytes = environment.Server.ReadStats()?.PeakRssBytes;
            report.Notes.Add(await ReadWhatTheyWereSentAsync(readers));
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }

        await WaitForPresenceToSettleAsync(fleet);
        RunSteps.Finish(environment, report, fleet);
        return report;
    }

    private static async Task<Socket> JoinWithoutReadingAsync(RunEnvironment environment, string name)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveBufferSize = 4096, // before connecting, so that the advertised window stays small
        };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(environment.Server.Host), environment.Server.Port), environment.Stop);
        await socket.SendAsync(MessageSerializer.ToFrame(new Hello(ProtocolInfo.Version, name, "Chat.LoadTest slow reader", "1")), environment.Stop);
        return socket;
    }

    private async Task SendAsync(LoadClient client, LinePhase lines, long start, int textLength, long[] sent, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / rate;
        for (var i = 0; i < lines.LinesPerSender; i++)
        {
            var wait = start + (long)(i * interval) - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken);
            }

            await RunSteps.SendLineAsync(client, lines, i, LineText.Format(lines.Tag, i, textLength), cancellationToken);
            sent[0] = i + 1;
        }
    }

    /// <summary>Each slow reader reads to the end now, at most a few seconds each (all at once); how their sessions ended.</summary>
    private static async Task<string> ReadWhatTheyWereSentAsync(List<Socket> readers)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var ends = await Task.WhenAll(readers.Select(reader => ReadToEndAsync(reader, deadline.Token)));
        return "slow readers, reading afterwards: "
            + string.Join(", ", ends.GroupBy(end => end.How).Select(group => $"{group.Count()} {group.Key}"))
            + $"; each read {ends.Average(end => end.Lines):N0} lines on average (at most {ends.Max(end => end.Lines):N0}) before its end";
    }

    private static async Task<(string How, long Lines)> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        ChatMessage? last = null;
        long lines = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                pending.AddRange(buffer.AsSpan(0, read));
                while (pending.Count >= 4 && BinaryPrimitives.ReadInt32BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending)) is var length
                    && pending.Count >= 4 + length)
                {
                    last = MessageSerializer.Decode(pending.GetRange(4, length).ToArray());
                    lines += last is TextPosted ? 1 : 0;
                    pending.RemoveRange(0, 4 + length);
                }
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return ("found a reset", lines);
        }
        catch (OperationCanceledException)
        {
            return ("were never dropped", lines);
        }

        return last is ErrorMessage { Code: ErrorCode.SlowConsumer }
            ? ("learned why (SlowConsumer, then a clean close)", lines)
            : ($"ended cleanly without the reason (last: {last?.GetType().Name ?? "nothing"})", lines);
    }

    private static async Task WaitForPresenceToSettleAsync(ClientFleet fleet)
    {
        // The slow readers have left; give the room's leave notices a moment to reach everyone.
        var until = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (fleet.Clients.Any(c => c is not null && c.HearsPresence && c.Presence != fleet.Presence.Target)
            && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(50);
        }
    }
}
