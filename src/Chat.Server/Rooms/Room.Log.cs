using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// The room's lines through its log, published in the order their appends were started.
/// </summary>
/// <remarks>
/// <para>
/// With a log that completes synchronously (<see cref="InMemoryRoomLog"/>) nothing ever waits:
/// each line is encoded once and published at once, under the lock, and everything else the room
/// publishes goes straight to the broadcaster. That is the hot path.
/// </para>
/// <para>
/// When an append has not completed, the room goes on, but what it publishes from then on (later
/// lines, presence, notices, topics, renames) waits in <see cref="_waiting"/> behind it, and goes
/// out, in order, as the appends at the head complete. A topic waits the same way for the log to
/// store it (<see cref="EmitAfter"/>). A failed append is dropped and its author
/// told. Membership itself changes at once: a member who joins while lines wait receives them
/// when they are published (its recent lines stop at the last line published, so none comes
/// twice), and one who leaves does not.
/// </para>
/// </remarks>
internal sealed partial class Room
{
    private readonly Queue<Publication> _waiting = new();
    private TextPosted? _lastLine;
    private string _topic = string.Empty;

    /// <summary>The newest line published to the members; <see langword="null"/> before the first.</summary>
    public TextPosted? LastLine
    {
        get
        {
            lock (_lock)
            {
                return _lastLine;
            }
        }
    }

    /// <summary>Starts an append; publishes the line when it completes, after everything started before it. Called under the lock.</summary>
    private void Append(LineDraft draft)
    {
        var append = _log.AppendAsync(draft);
        if (_waiting.Count == 0 && append.IsCompletedSuccessfully)
        {
            PublishLine(append.Result);
            return;
        }

        var task = append.AsTask();
        _waiting.Enqueue(new Publication(task, Author: draft.Author));
        if (task.IsCompleted)
        {
            PublishReady();
        }
        else
        {
            _ = task.ContinueWith(
                static (_, state) => ((Room)state!).OnAppendCompleted(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Publishes a message now, or after the lines still waiting for their log. Called under the lock.</summary>
    private void Emit(EncodedMessage message, IReadOnlySet<IRoomMember>? except = null, Audience audience = Audience.Everyone)
    {
        if (_waiting.Count == 0)
        {
            _broadcaster.Publish(message, except, audience);
            return;
        }

        IReadOnlySet<IRoomMember>? kept = except is null ? null : new HashSet<IRoomMember>(except, ReferenceEqualityComparer.Instance);
        _waiting.Enqueue(new Publication(null, message, kept, audience));
    }

    /// <summary>
    /// Publishes a message once the log stored what it announces (a topic), after everything
    /// published before it; a write that failed is announced all the same (the log reports it).
    /// Called under the lock.
    /// </summary>
    private void EmitAfter(Task stored, EncodedMessage message, Audience audience)
    {
        if (stored.IsCompleted)
        {
            Emit(message, audience: audience);
            return;
        }

        _waiting.Enqueue(new Publication(null, message, Audience: audience, Stored: stored));
        _ = stored.ContinueWith(
            static (_, state) => ((Room)state!).OnAppendCompleted(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Sends a message to one member now, or after the lines still waiting for their log. Called under the lock.</summary>
    private void EmitTo(IRoomMember member, EncodedMessage message)
    {
        if (_waiting.Count == 0)
        {
            _broadcaster.Send(member, message);
            return;
        }

        _waiting.Enqueue(new Publication(null, message, To: member));
    }

    private void PublishLine(TextPosted line)
    {
        _lastLine = line;
        _broadcaster.Publish(EncodedMessage.Encode(line));
    }

    private void OnAppendCompleted()
    {
        // The lines one commit stored go out together: a write per member, not per line.
        var batch = DeliveryBatch.Open();
        try
        {
            lock (_lock)
            {
                PublishReady();
            }
        }
        finally
        {
            batch.Close();
        }
    }

    /// <summary>Publishes what waits at the head of the queue, up to the first append still running. Called under the lock.</summary>
    private void PublishReady()
    {
        while (_waiting.TryPeek(out var next))
        {
            if (next.Stored is { IsCompleted: false })
            {
                return;
            }

            if (next.Line is { } line)
            {
                if (!line.IsCompleted)
                {
                    return;
                }

                if (line.IsCompletedSuccessfully && !_closed)
                {
                    PublishLine(line.Result);
                }
                else if (!line.IsCompletedSuccessfully && next.Author is { } author && _members.TryGetValue(author, out var member))
                {
                    _broadcaster.Send(member, EncodedMessage.Encode(
                        new ErrorMessage(ErrorCode.InternalError, "The server could not store your line; it was not posted.") { Room = Name }));
                }
            }
            else if (next.To is { } to)
            {
                _broadcaster.Send(to, next.Message!);
            }
            else
            {
                _broadcaster.Publish(next.Message!, next.Except, next.Audience);
            }

            _waiting.Dequeue();
        }
    }

    /// <summary>The newest lines for a newcomer, up to the last one published (those after it reach the newcomer as they are published). Called under the lock.</summary>
    private List<TextPosted> RecentLines()
    {
        if (_historyLength == 0)
        {
            return [];
        }

        var read = _log.ReadAsync(LogRange.Newest(_historyLength));
        if (!read.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("A room log serves its newest lines synchronously (IRoomLog remarks).");
        }

        // Newest first from the log; a welcome shows them oldest first.
        var newest = read.Result;
        var lastPublished = _waiting.Count == 0 ? long.MaxValue : _lastLine?.Id ?? 0;
        var recent = new List<TextPosted>(newest.Count);
        for (var i = newest.Count - 1; i >= 0; i--)
        {
            if (newest[i].Id <= lastPublished)
            {
                recent.Add(newest[i]);
            }
        }

        return recent;
    }

    /// <summary>Something the room publishes after a line still waiting for its log.</summary>
    private sealed record Publication(
        Task<TextPosted>? Line,
        EncodedMessage? Message = null,
        IReadOnlySet<IRoomMember>? Except = null,
        Audience Audience = Audience.Everyone,
        IRoomMember? To = null,
        string? Author = null,
        Task? Stored = null);
}
