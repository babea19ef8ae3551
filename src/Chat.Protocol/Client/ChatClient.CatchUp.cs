namespace Chat.Protocol;

public sealed partial class ChatClient
{
    /// <summary>
    /// After a reconnect, hands the application, in this order: <see cref="Reconnected"/>; for the
    /// default room (unless the application had left it: then the client leaves it again), then each
    /// other room joined again in turn, its <see cref="RoomJoined"/> and the
    /// lines it said after the last one the application was given, as history batches
    /// (<see cref="HistoryBatch.RequestId"/> 0); the private messages after the last one given; then
    /// the live messages held meanwhile, without those given already.
    /// </summary>
    /// <remarks>
    /// When the ids cannot be compared (the server's history epoch changed, or it has none), each
    /// room's batch holds the lines of its join and says <see cref="HistoryBatch.Gap"/>. A catch-up
    /// that fails other than by losing the session (no answer in time, a refusal it cannot get past)
    /// drops the session, so that the next one catches up again.
    /// </remarks>
    private async Task CatchUpAsync(Session session, string previousEpoch, IReadOnlyList<string> rejoin, bool wasInDefault)
    {
        await Task.Yield();
        var welcome = session.Welcome;
        try
        {
            var sameIds = previousEpoch.Length > 0 && welcome.HistoryEpoch == previousEpoch;
            var hadPrivate = _seen!.Private > 0;
            if (!sameIds)
            {
                _seen.Clear();
            }

            await DeliverAsync(new Reconnected(welcome with { Recent = [] })).ConfigureAwait(false);
            if (wasInDefault || !SupportsRooms)
            {
                var userCount = welcome.UserCount > 0 ? welcome.UserCount : welcome.Users.Count;
                await DeliverAsync(new RoomJoined(welcome.Room, welcome.Topic, welcome.Users, [], userCount) { AwayUsers = welcome.AwayUsers })
                    .ConfigureAwait(false);
                await CatchUpRoomAsync(session, welcome.Room, welcome.Recent, sameIds).ConfigureAwait(false);
            }
            else
            {
                // The application had left its default room; the server put the new session in it: out again.
                await RetryRateLimitedAsync(session, () => LeaveAgainAsync(session, welcome.Room)).ConfigureAwait(false);
            }

            foreach (var room in rejoin)
            {
                RoomJoined joined;
                try
                {
                    joined = await RetryRateLimitedAsync(session, () => RejoinAsync(session, room)).ConfigureAwait(false);
                }
                catch (ChatRequestException refused)
                {
                    // The room is gone, full, or closed to this user now: say so, and forget it.
                    await DeliverAsync(new ErrorMessage(refused.Code, refused.Message) { Room = refused.Room.Length > 0 ? refused.Room : room })
                        .ConfigureAwait(false);
                    continue;
                }

                await DeliverAsync(joined with { Recent = [] }).ConfigureAwait(false);
                await CatchUpRoomAsync(session, joined.Room, joined.Recent, sameIds).ConfigureAwait(false);
            }

            await CatchUpPrivateAsync(session, sameIds, hadPrivate).ConfigureAwait(false);
            await ReleaseHeldAsync(session).ConfigureAwait(false);
        }
        catch (Exception) when (session.EndReason is not null || _stopping.IsCancellationRequested)
        {
            // The session was lost (or the client is leaving) meanwhile: the next session catches up.
        }
        catch (Exception ex)
        {
            session.Connection.Abort($"Catching up after reconnecting failed: {ex.Message}");
        }
    }

    /// <summary>One room's catch-up: the lines after the last id given, in as many batches as the server's limit takes.</summary>
    private async Task CatchUpRoomAsync(Session session, string room, IReadOnlyList<TextPosted> recent, bool sameIds)
    {
        var last = _seen!.Of(RoomOf(room));
        if (!sameIds)
        {
            // The ids began again: what came between is unknown. The join's lines are what there is.
            await DeliverAsync(new HistoryBatch(0, room, recent, more: false) { Gap = true }).ConfigureAwait(false);
            return;
        }

        if (!SupportsHistory)
        {
            // No history requests: the join's lines, those not given yet; a gap unless they reach back to the last one given.
            var newer = recent.Where(l => l.Id > last).ToList();
            var gap = newer.Count > 0 && newer[0].Id > last + 1 && newer.Count == recent.Count;
            await DeliverAsync(new HistoryBatch(0, room, newer, more: false) { Gap = gap }).ConfigureAwait(false);
            return;
        }

        var first = true;
        var after = last;
        while (true)
        {
            var id = _requests.NextRequestId();
            var batch = await RetryRateLimitedAsync(session, () => HistoryOnAsync(session, new HistoryRequest(id, room, after, 0, 0), id))
                .ConfigureAwait(false);
            var given = _seen.Of(RoomOf(room));
            var lines = batch.Lines.Where(l => l.Id > given).ToList();

            // With no lines given in this room yet, the request had no lower bound and took the newest
            // lines: older ones it left out are a gap.
            var gap = first && (batch.Gap || (last == 0 && batch.More));
            await DeliverAsync(batch with { RequestId = 0, Lines = lines, Gap = gap, More = last != 0 && batch.More })
                .ConfigureAwait(false);
            if (last == 0 || !batch.More || batch.Lines.Count == 0)
            {
                return;
            }

            after = batch.Lines[^1].Id;
            first = false;
        }
    }

    /// <summary>The private messages after the last one given (when the ids still compare), or a gap when they no longer do.</summary>
    private async Task CatchUpPrivateAsync(Session session, bool sameIds, bool hadPrivate)
    {
        if (!sameIds)
        {
            if (hadPrivate)
            {
                await DeliverAsync(new HistoryBatch(0, string.Empty, [], more: false) { Private = true, Gap = true }).ConfigureAwait(false);
            }

            return;
        }

        var after = _seen!.Private;
        if (after == 0 || !SupportsHistory)
        {
            return; // Nothing seen to go on from, or no way to ask.
        }

        while (true)
        {
            var id = _requests.NextRequestId();
            var request = new HistoryRequest(id, string.Empty, after, 0, 0) { Private = true };
            var batch = await RetryRateLimitedAsync(session, () => HistoryOnAsync(session, request, id)).ConfigureAwait(false);
            var given = _seen.Private;
            var lines = batch.PrivateLines.Where(m => m.Id > given).ToList();
            await DeliverAsync(batch with { RequestId = 0, PrivateLines = lines }).ConfigureAwait(false);
            if (!batch.More || batch.PrivateLines.Count == 0)
            {
                return;
            }

            after = batch.PrivateLines[^1].Id;
        }
    }

    /// <summary>Hands over the live messages held during the catch-up, dropping lines given already, then stops holding.</summary>
    private async Task ReleaseHeldAsync(Session session)
    {
        for (var held = session.TakeHeld(); held.Count > 0; held = session.TakeHeld())
        {
            foreach (var message in held)
            {
                // Not what was given already, nor the lines of a default room left again meanwhile.
                if (!WasGiven(message) && !(message is TextPosted posted && !_rooms.IsIn(posted.Room)))
                {
                    await DeliverAsync(message).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<RoomJoined> RejoinAsync(Session session, string room)
    {
        var answer = await RequestOnAsync(
            session.Connection,
            new JoinRoom(room),
            message => message is RoomJoined joined && SameRoom(joined.Room, room),
            error => SameRoom(error.Room, room) && error.Code is ErrorCode.InvalidRoomName or ErrorCode.NotAllowed
                or ErrorCode.TooManyRooms or ErrorCode.RoomFull or ErrorCode.NoSuchRoom or ErrorCode.RateLimited,
            $"joining {room} again",
            requestId: 0,
            consumes: true,
            CancellationToken.None).ConfigureAwait(false);
        return (RoomJoined)answer;
    }

    private async Task<bool> LeaveAgainAsync(Session session, string room)
    {
        await RequestOnAsync(
            session.Connection,
            new LeaveRoom(room),
            message => message is RoomLeft left && SameRoom(left.Room, room),
            error => SameRoom(error.Room, room) && error.Code is ErrorCode.NotInRoom or ErrorCode.NoSuchRoom or ErrorCode.RateLimited,
            $"leaving {room} again",
            requestId: 0,
            consumes: true,
            CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    private async Task<HistoryBatch> HistoryOnAsync(Session session, HistoryRequest request, int id)
    {
        var answer = await RequestOnAsync(
            session.Connection,
            request,
            message => message is HistoryBatch batch && batch.RequestId == id,
            _ => false,
            $"the catch-up request for {(request.Private ? "private messages" : request.Target)}",
            id,
            consumes: true,
            CancellationToken.None).ConfigureAwait(false);
        return (HistoryBatch)answer;
    }

    /// <summary>Runs a catch-up request again after a rate-limit refusal, once the wait the welcome's rate implies is over.</summary>
    private async Task<T> RetryRateLimitedAsync<T>(Session session, Func<Task<T>> request)
    {
        while (true)
        {
            try
            {
                return await request().ConfigureAwait(false);
            }
            catch (ChatRequestException ex) when (ex.Code == ErrorCode.RateLimited)
            {
                var rate = session.Welcome.MessageRate;
                var wait = rate > 0 ? TimeSpan.FromSeconds(Math.Min(1 / rate, 60)) : TimeSpan.FromSeconds(1);
                await Task.Delay(wait, _options.TimeProvider, session.Stopping.Token).ConfigureAwait(false);
            }
        }
    }
}
