namespace Chat.Hostile.Attacks;

/// <summary>Every attack the tool and the hostile-input suite run.</summary>
internal static partial class AttackCatalogue
{
    /// <summary>4 KiB of random bytes instead of a hello.</summary>
    public static readonly Attack RandomBytes = new("random-bytes", "4 KiB of random bytes instead of a hello", async (target, random, ct) =>
    {
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        return await BeforeHelloAsync(target, "random-bytes", c => c.SendAsync(bytes, ct), ct);
    });

    /// <summary>Frames with correct lengths and random bodies, after joining.</summary>
    public static readonly Attack RandomFrames = new("random-frames", "joins, then frames of the right length with random bodies", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "random-frames", async c =>
        {
            for (var i = 0; i < 16; i++)
            {
                var body = new byte[random.Next(1, 64)];
                random.NextBytes(body);
                if (!await c.SendBodyAsync(body, ct))
                {
                    return;
                }
            }
        }, ct));

    /// <summary>A length prefix announcing 4 GiB.</summary>
    public static readonly Attack HugeFrame = new("huge-frame", "a length prefix announcing 4 GiB, then bytes", async (target, _, ct) =>
        await BeforeHelloAsync(target, "huge-frame", c => c.SendAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x92, 0x01 }, ct), ct));

    /// <summary>A frame of the largest size allowed, all but its last byte, then silence.</summary>
    public static readonly Attack EndlessFrame = new("endless-frame", "joins, then a frame of the largest size allowed that never ends", async (target, random, ct) =>
    {
        var (connection, refusal) = await RawConnection.TryConnectAsync(target, "endless-frame", cancellationToken: ct);
        if (connection is null)
        {
            return refusal!;
        }

        await using (connection)
        {
            if (!await connection.JoinAsync(NameFor(random), ct))
            {
                return await connection.ReadToEndAsync("endless-frame", ct);
            }

            var frame = RawConnection.Frame(new byte[connection.Welcome!.MaxFrameLength]);
            await connection.SendAsync(frame.AsMemory(0, frame.Length - 1), ct);
            return await connection.ReadToEndAsync("endless-frame", ct);
        }
    });

    /// <summary>A hello sent one byte at a time.</summary>
    public static readonly Attack SlowlorisHello = new("slowloris-hello", "sends its hello one byte per pace", async (target, random, ct) =>
    {
        var hello = MessageSerializer.ToFrame(new Hello(ProtocolInfo.Version, NameFor(random), "Chat.Hostile slowloris", "1.0"));
        return await BeforeHelloAsync(target, "slowloris-hello", c => c.TrickleAsync(hello, ct), ct);
    });

    /// <summary>A line of 1,000 characters sent one byte at a time, after joining.</summary>
    public static readonly Attack SlowlorisLine = new("slowloris-line", "joins, then sends a line one byte per pace", async (target, random, ct) =>
    {
        var line = MessageSerializer.ToFrame(new SendText(new string('x', 1000)));
        return await AfterJoinAsync(target, random, "slowloris-line", c => c.TrickleAsync(line, ct), ct);
    });

    /// <summary>A line whose text is 10,000 nested arrays.</summary>
    public static readonly Attack DeepNesting = new("deep-nesting", "joins, then a line whose text is 10,000 nested arrays", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "deep-nesting", c => c.SendBodyAsync(HostileBodies.DeeplyNestedText(10_000), ct), ct));

    /// <summary>A first frame that is 10,000 nested arrays.</summary>
    public static readonly Attack DeepNestingFirst = new("deep-nesting-first", "a first frame of 10,000 nested arrays", async (target, _, ct) =>
        await BeforeHelloAsync(target, "deep-nesting-first", c => c.SendBodyAsync(HostileBodies.DeeplyNested(10_000), ct), ct));

    /// <summary>A map announcing a million entries, with two.</summary>
    public static readonly Attack HugeMap = new("huge-map", "joins, then a message whose fields announce a map of a million entries", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "huge-map", c => c.SendBodyAsync(HostileBodies.HugeMap(1_000_000), ct), ct));

    /// <summary>An array announcing 2³² − 1 elements, with one.</summary>
    public static readonly Attack HugeArray = new("huge-array", "joins, then a message whose fields announce 4 billion elements", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "huge-array", c => c.SendBodyAsync(HostileBodies.HugeArray(), ct), ct));

    /// <summary>A string announcing 2 GiB, with one byte.</summary>
    public static readonly Attack HugeString = new("huge-string", "joins, then a line whose text announces 2 GiB", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "huge-string", c => c.SendBodyAsync(HostileBodies.HugeString(), ct), ct));

    /// <summary>A message whose id is 2³².</summary>
    public static readonly Attack IdOutOfRange = new("id-out-of-range", "joins, then a message whose type id is 2^32", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "id-out-of-range", c => c.SendBodyAsync(HostileBodies.IdTwoToThe32(), ct), ct));

    /// <summary>A first message whose id is 2³¹.</summary>
    public static readonly Attack IdOutOfRangeFirst = new("id-out-of-range-first", "a first message whose type id is 2^31", async (target, _, ct) =>
        await BeforeHelloAsync(target, "id-out-of-range-first", c => c.SendBodyAsync(HostileBodies.IdTwoToThe31(), ct), ct));

    /// <summary>Messages with ids no version uses, then a ping that must be answered, then goodbye.</summary>
    public static readonly Attack UnknownIds = new("unknown-ids", "joins, sends ids -1, -2^31 and 1000, then pings and leaves", async (target, random, ct) =>
    {
        var (connection, refusal) = await RawConnection.TryConnectAsync(target, "unknown-ids", cancellationToken: ct);
        if (connection is null)
        {
            return refusal!;
        }

        await using (connection)
        {
            if (!await connection.JoinAsync(NameFor(random), ct))
            {
                return await connection.ReadToEndAsync("unknown-ids", ct);
            }

            foreach (var body in HostileBodies.UnknownIds())
            {
                await connection.SendBodyAsync(body, ct);
            }

            // The server skips what it does not know: the ping after them is answered.
            await connection.SendAsync(new Ping(0x5EED), ct);
            if (await connection.ReceiveAsync<Pong>(ct) is { Token: 0x5EED })
            {
                await connection.SendAsync(new Goodbye(string.Empty), ct);
            }

            return await connection.ReadToEndAsync("unknown-ids", ct);
        }
    });

    /// <summary>A line whose text is an integer.</summary>
    public static readonly Attack TextAsInteger = new("wrong-type-text", "joins, then a line whose text is an integer", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "wrong-type-text", c => c.SendBodyAsync(HostileBodies.TextAsInteger(), ct), ct));

    /// <summary>A line whose fields are a string.</summary>
    public static readonly Attack FieldsAsString = new("wrong-type-fields", "joins, then a message whose fields are a string", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "wrong-type-fields", c => c.SendBodyAsync(HostileBodies.FieldsAsString(), ct), ct));

    /// <summary>A message whose id is a string.</summary>
    public static readonly Attack IdAsString = new("wrong-type-id", "joins, then a message whose type id is a string", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "wrong-type-id", c => c.SendBodyAsync(HostileBodies.IdAsString(), ct), ct));

    /// <summary>A line whose kind is 2⁴⁰.</summary>
    public static readonly Attack KindOutOfRange = new("kind-out-of-range", "joins, then a line whose kind is 2^40", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "kind-out-of-range", c => c.SendBodyAsync(HostileBodies.KindOutOfRange(), ct), ct));

    /// <summary>A line that is not UTF-8.</summary>
    public static readonly Attack InvalidUtf8Line = new("invalid-utf8-line", "joins, then a line that is not UTF-8", async (target, random, ct) =>
        await AfterJoinAsync(target, random, "invalid-utf8-line", c => c.SendBodyAsync(HostileBodies.InvalidUtf8Text(), ct), ct));

    /// <summary>A hello whose name is not UTF-8.</summary>
    public static readonly Attack InvalidUtf8Name = new("invalid-utf8-name", "a hello whose user name is not UTF-8", async (target, _, ct) =>
        await BeforeHelloAsync(target, "invalid-utf8-name", c => c.SendBodyAsync(HostileBodies.InvalidUtf8Name(), ct), ct));
}
