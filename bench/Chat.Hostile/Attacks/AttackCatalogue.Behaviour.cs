namespace Chat.Hostile.Attacks;

internal static partial class AttackCatalogue
{
    /// <summary>500 lines in one write.</summary>
    public static readonly Attack LineFlood = new("line-flood", "joins, then 500 lines in one write", async (target, random, ct) =>
    {
        var frames = Enumerable.Range(0, 500).SelectMany(i => MessageSerializer.ToFrame(new SendText($"flood {i}"))).ToArray();
        return await AfterJoinAsync(target, random, "line-flood", c => c.SendAsync(frames, ct), ct);
    });

    /// <summary>1,000 pongs in one write: frames the message rate limit does not count.</summary>
    public static readonly Attack FrameFlood = new("frame-flood", "joins, then 1,000 pongs in one write", async (target, random, ct) =>
    {
        var frames = Enumerable.Range(0, 1000).SelectMany(i => MessageSerializer.ToFrame(new Pong(i))).ToArray();
        return await AfterJoinAsync(target, random, "frame-flood", c => c.SendAsync(frames, ct), ct);
    });

    /// <summary>A member that never reads what the room sends it.</summary>
    public static readonly Attack NeverReads = new("never-reads", "joins with a 4 KiB receive buffer and never reads, sending a pong every pace", async (target, random, ct) =>
    {
        var (connection, refusal) = await RawConnection.TryConnectAsync(target, "never-reads", receiveBufferSize: 4096, cancellationToken: ct);
        if (connection is null)
        {
            return refusal!;
        }

        await using (connection)
        {
            if (!await connection.JoinAsync(NameFor(random), ct))
            {
                return await connection.ReadToEndAsync("never-reads", ct);
            }

            // It answers no ping and reads nothing, but keeps talking, so that only its reading is at fault.
            var pong = MessageSerializer.ToFrame(new Pong(0));
            var deadline = DateTime.UtcNow + target.Patience;
            while (DateTime.UtcNow < deadline && await connection.SendAsync(pong, ct))
            {
                await Task.Delay(target.Pace, ct);
            }

            return await connection.ReadToEndAsync("never-reads", ct);
        }
    }, MayStayOpen: true);

    /// <summary>Half a line, then a FIN.</summary>
    public static readonly Attack HalfCloseMidFrame = new("half-close-mid-frame", "joins, sends half a line, then closes its sending side", async (target, random, ct) =>
    {
        var line = MessageSerializer.ToFrame(new SendText("never finished"));
        return await AfterJoinAsync(target, random, "half-close-mid-frame", async c =>
        {
            await c.SendAsync(line.AsMemory(0, line.Length / 2), ct);
            c.ShutdownSend();
        }, ct);
    });

    /// <summary>Half a line, then a reset.</summary>
    public static readonly Attack ResetMidFrame = new("reset-mid-frame", "joins, sends half a line, then resets the connection", async (target, random, ct) =>
    {
        var (connection, refusal) = await RawConnection.TryConnectAsync(target, "reset-mid-frame", cancellationToken: ct);
        if (connection is null)
        {
            return refusal!;
        }

        await using (connection)
        {
            if (!await connection.JoinAsync(NameFor(random), ct))
            {
                return await connection.ReadToEndAsync("reset-mid-frame", ct);
            }

            var line = MessageSerializer.ToFrame(new SendText("cut off"));
            await connection.SendAsync(line.AsMemory(0, line.Length / 2), ct);
            connection.Reset();
            return connection.Result("reset-mid-frame");
        }
    });

    /// <summary>A connection that never says anything.</summary>
    public static readonly Attack Silent = new("silent", "connects and never says hello", async (target, _, ct) =>
        await BeforeHelloAsync(target, "silent", _ => Task.FromResult(true), ct));

    /// <summary>Every attack, in a fixed order (built on first use, after every field of both files is set).</summary>
    public static IReadOnlyList<Attack> All => field ??=
    [
        RandomBytes, RandomFrames, HugeFrame, EndlessFrame, SlowlorisHello, SlowlorisLine, DeepNesting, DeepNestingFirst,
        HugeMap, HugeArray, HugeString, IdOutOfRange, IdOutOfRangeFirst, UnknownIds, TextAsInteger, FieldsAsString,
        IdAsString, KindOutOfRange, InvalidUtf8Line, InvalidUtf8Name, LineFlood, FrameFlood, NeverReads, HalfCloseMidFrame,
        ResetMidFrame, Silent,
    ];

    /// <summary>The attack called <paramref name="name"/>, if there is one.</summary>
    public static Attack? Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A user name that is valid and, in practice, unique.</summary>
    public static string NameFor(Random random) => $"h{random.Next():x8}";

    /// <summary>Connects, does <paramref name="act"/> without saying hello, and reads what the server answers until it ends the connection.</summary>
    private static async Task<AttackResult> BeforeHelloAsync(AttackTarget target, string attack, Func<RawConnection, Task> act, CancellationToken ct)
    {
        var (connection, refusal) = await RawConnection.TryConnectAsync(target, attack, cancellationToken: ct);
        if (connection is null)
        {
            return refusal!;
        }

        await using (connection)
        {
            await act(connection);
            return await connection.ReadToEndAsync(attack, ct);
        }
    }

    /// <summary>Connects, joins, does <paramref name="act"/>, and reads what the server answers until it ends the connection.</summary>
    private static async Task<AttackResult> AfterJoinAsync(AttackTarget target, Random random, string attack, Func<RawConnection, Task> act, CancellationToken ct)
    {
        var (connection, refusal) = await RawConnection.TryConnectAsync(target, attack, cancellationToken: ct);
        if (connection is null)
        {
            return refusal!;
        }

        await using (connection)
        {
            if (await connection.JoinAsync(NameFor(random), ct))
            {
                await act(connection);
            }

            return await connection.ReadToEndAsync(attack, ct);
        }
    }
}
