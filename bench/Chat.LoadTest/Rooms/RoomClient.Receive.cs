using System.Diagnostics;
using Chat.LoadTest.Clients;
using Chat.LoadTest.Measurement;
using Chat.Protocol;

namespace Chat.LoadTest.Rooms;

/// <summary>The read loop: lines checked and measured, the two rooms' users kept, pings answered, the join's answer.</summary>
internal sealed partial class RoomClient
{
    private async Task ReadAsync()
    {
        try
        {
            while (await _connection.ReceiveAsync() is { } message)
            {
                switch (message)
                {
                    case TextPosted posted:
                        OnLine(posted);
                        break;
                    case Ping ping:
                        await _connection.SendAsync(new Pong(ping.Token));
                        break;
                    case RoomJoined joined:
                        OnRoomJoined(joined);
                        break;
                    case UsersJoined joined:
                        OnPresence(joined.Room, joined.UserNames, static (set, name) => set.Add(name));
                        break;
                    case UsersLeft left:
                        OnPresence(left.Room, left.Departures.Select(d => d.UserName), static (set, name) => set.Remove(name));
                        break;
                    case ErrorMessage error:
                        _problems.ServerError(error.Room.Length == 0 ? error.Text : $"{error.Room}: {error.Text}");
                        if (error.Room.Length > 0 && RoomNameRules.Comparer.Equals(error.Room, _layout.NameOf(Room)))
                        {
                            _joined.TrySetException(new ChatException($"Joining {error.Room} failed: {error.Code}: {error.Text}"));
                        }

                        break;
                    case ServerShutdown:
                        return;
                }
            }
        }
        catch (ChatException ex)
        {
            _problems.ConnectionLost(ex.Message);
        }
        finally
        {
            _joined.TrySetException(new ChatConnectionLostException("The connection ended before the room was joined."));
        }
    }

    private void OnRoomJoined(RoomJoined joined)
    {
        if (!RoomNameRules.Comparer.Equals(joined.Room, _layout.NameOf(Room)))
        {
            _roomProblems.AddForeignPresence(Index, joined.Room);
            return;
        }

        if (_roomUsers is not null)
        {
            lock (_roomUsers)
            {
                foreach (var name in joined.Users)
                {
                    _roomUsers.Add(name);
                }

                Volatile.Write(ref _roomPresence, _roomUsers.Count);
            }
        }

        _joined.TrySetResult(joined);
        CheckPresence();
    }

    private void OnPresence(string room, IEnumerable<string> names, Action<PresenceSet, string> change)
    {
        var target = _layout.Resolve(room, DefaultRoom);
        if (target != RoomLinePlan.Lobby && target != Room)
        {
            _roomProblems.AddForeignPresence(Index, room);
            return;
        }

        if (_lobbyUsers is null)
        {
            _problems.PresenceUnwanted();
            return;
        }

        var set = target == RoomLinePlan.Lobby ? _lobbyUsers : _roomUsers!;
        lock (set)
        {
            foreach (var name in names)
            {
                change(set, name);
            }

            // A full fence, so that this and a concurrent SetTarget + CheckPresence cannot both miss.
            Interlocked.Exchange(ref target == RoomLinePlan.Lobby ? ref _lobbyPresence : ref _roomPresence, set.Count);
        }

        CheckPresence();
    }

    private void OnLine(TextPosted posted)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        var target = _layout.Resolve(posted.Room, DefaultRoom);
        var phase = _phase;
        var checker = _checker;
        if (phase is null || checker is null)
        {
            // Before the first phase no line is sent; one that arrives is some other program's,
            // and must still be of a room this client is in.
            if (target != RoomLinePlan.Lobby && target != Room)
            {
                _roomProblems.Add(LineVerdict.NotAMember, Index, posted.Room, posted.Id);
            }

            return;
        }

        var sequence = LineText.TryParse(posted.Text, phase.Tag, out var s) && phase.Plan.Contains(s) ? s : -1;
        var roomBefore = checker.RoomLinesReceived;
        var lobbyBefore = checker.LobbyLinesReceived;
        var verdict = checker.Observe(target, posted.Id, sequence);
        _roomProblems.Add(verdict, Index, posted.Room, posted.Id);
        if (sequence < 0 || verdict is LineVerdict.NotAMember or LineVerdict.WrongRoom or LineVerdict.Duplicate)
        {
            return; // not a delivery the run expects: no latency, nothing to count
        }

        var sentAt = phase.Stamps.SentAt(sequence);
        if (sentAt == 0)
        {
            _problems.UnknownLine(); // a line of this run that nobody has sent (yet)
            return;
        }

        (phase.Plan.TargetOf(sequence) == RoomLinePlan.Lobby ? phase.LobbyLatencies : phase.RoomLatencies).Record(sentAt, receivedAt);
        if (checker.RoomLinesReceived is var room && room != roomBefore && room == phase.Plan.LinesPerRoom)
        {
            phase.RoomLinesDone.Signal();
        }

        if (checker.LobbyLinesReceived is var lobby && lobby != lobbyBefore && lobby == phase.Plan.LobbyLines)
        {
            phase.LobbyLinesDone.Signal();
        }
    }
}
