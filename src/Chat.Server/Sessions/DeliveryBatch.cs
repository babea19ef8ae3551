namespace Chat.Server;

/// <summary>
/// The clients one thread delivered to while it worked through a run of messages (the frames one
/// read brought from a client, the lines one commit of the history stored), written to together
/// when the run ends: each client gets everything the run queued for it in one system call, sent
/// from this thread, and no writer task is woken for a client whose socket takes the bytes.
/// </summary>
/// <remarks>
/// <para>
/// A batch is per thread and must be closed before the thread moves on: between
/// <see cref="Open"/> and <see cref="Close"/> nothing may await. While it is open,
/// <see cref="ClientSession.Deliver"/> queues without waking the client's writer, and the first
/// delivery to a client whose writer waits makes this batch the one to send (a client a batch
/// on another thread owns already is sent by that one, with whatever this thread adds before).
/// This is what the leanest servers do at the end of each turn of their event loop.
/// </para>
/// <para>Openings nest; the outermost close sends.</para>
/// </remarks>
internal sealed class DeliveryBatch
{
    /// <summary>From how many clients owed a batch's sends are made by two threads.</summary>
    private const int SplitAt = 2048;

    [ThreadStatic]
    private static DeliveryBatch? t_batch;

    private ClientSession[] _owed = new ClientSession[16];
    private int _count;
    private int _depth;

    private DeliveryBatch()
    {
    }

    /// <summary>The batch open on this thread, if any.</summary>
    public static DeliveryBatch? Current => t_batch is { _depth: > 0 } batch ? batch : null;

    /// <summary>Opens this thread's batch (or nests in the one open).</summary>
    /// <returns>The batch, to <see cref="Close"/> on this thread.</returns>
    public static DeliveryBatch Open()
    {
        var batch = t_batch ??= new DeliveryBatch();
        batch._depth++;
        return batch;
    }

    /// <summary>Notes a client this batch is to send to when it closes.</summary>
    /// <param name="session">The client.</param>
    public void Owe(ClientSession session)
    {
        if (_count == _owed.Length)
        {
            Array.Resize(ref _owed, _owed.Length * 2);
        }

        _owed[_count++] = session;
    }

    /// <summary>Ends this opening; the outermost one sends to every client the batch owes, in the order first delivered to.</summary>
    public void Close()
    {
        if (--_depth > 0)
        {
            return;
        }

        // Sending only writes: it delivers nothing more, so the list does not grow meanwhile. A
        // crowd's sends are shared with another thread: half of them go out from the pool while
        // this thread makes the other half.
        var owed = _owed;
        var count = _count;
        _count = 0;
        if (count >= SplitAt)
        {
            var half = count / 2;
            var rest = new ClientSession[count - half];
            Array.Copy(owed, half, rest, 0, rest.Length);
            Array.Clear(owed, half, rest.Length);
            ThreadPool.UnsafeQueueUserWorkItem(static r => SendAll(r, r.Length), rest, preferLocal: false);
            count = half;
        }

        SendAll(owed, count);
        if (owed.Length > 4096)
        {
            _owed = new ClientSession[16]; // A thread that once sent to a crowd does not keep the list.
        }
    }

    private static void SendAll(ClientSession[] owed, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var session = owed[i];
            owed[i] = null!;
            session.SendDeferred();
        }
    }
}
