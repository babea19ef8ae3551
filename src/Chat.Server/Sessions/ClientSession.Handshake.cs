using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

internal sealed partial class ClientSession
{
    /// <summary>
    /// Waits for the client's hello, checks it, claims the user's name, puts the user in the default room and sends the
    /// welcome; then starts the writer. The handshake timeout is applied by the
    /// <see cref="SessionMonitor"/> through <see cref="CheckTimeouts"/>.
    /// </summary>
    /// <returns>Whether the user is in the room; otherwise the session's end is decided.</returns>
    private async Task<bool> HandshakeAsync()
    {
        var message = await _connection.ReceiveAsync(_stopping.Token);
        if (message is null)
        {
            Disconnect(SessionEnd.Quit(string.Empty));
            return false;
        }

        if (message is not Hello hello)
        {
            throw new ChatProtocolException($"The first message must be a Hello, not {message.GetType().Name}.");
        }

        Heard();
        NoteClient(hello);
        Admission?.HelloReceived();
        if (!await CheckPasswordAsync(hello))
        {
            return false;
        }

        // The client speaks every version from the lowest up to the one it sent; this server answers
        // with the lower of that and its own, which it speaks unless the client sent one below the lowest.
        if (hello.ProtocolVersion < ProtocolInfo.LowestVersion)
        {
            return Reject(
                hello,
                RejectReason.VersionUnsupported,
                $"This server speaks protocol versions {ProtocolInfo.LowestVersion} to {ProtocolInfo.Version}; your client sent version {hello.ProtocolVersion}, which does not exist.");
        }

        var version = Math.Min(hello.ProtocolVersion, ProtocolInfo.Version);
        var problem = UserNameRules.Check(hello.UserName);
        if (problem != UserNameProblem.None)
        {
            return Reject(hello, UserNameRules.ToRejectReason(problem), UserNameRules.Describe(problem, hello.UserName));
        }

        if (!await CheckNameAsync(hello, UserNameRules.Normalize(hello.UserName), version))
        {
            return false;
        }

        Name = UserNameRules.Normalize(hello.UserName);
        ReceivesPresence = !hello.OmitPresence;
        Volatile.Write(ref _version, version);
        if (End is not null)
        {
            return false; // Timed out or shut down while the hello was on its way.
        }

        if (!AdmitMember())
        {
            return false;
        }

        switch (_users.TryClaim(this))
        {
            case ClaimOutcome.NameTaken:
                return Reject(hello, RejectReason.NameTaken, $"The name \"{Name}\" is already taken; please choose another.");
            case ClaimOutcome.ServerFull:
                return Reject(hello, RejectReason.ServerFull, $"The server is full ({_options.MaxClients} users); please try again later.");
        }

        _claimed = true;
        var room = _registry.Default;
        var joined = room.Join(this);
        switch (joined.Outcome)
        {
            case JoinOutcome.RoomFull:
                _users.Release(this);
                _claimed = false;
                return Reject(hello, RejectReason.ServerFull, $"{room.Name} is full ({_options.EffectiveMaxRoomMembers} users); please try again later.");
            case JoinOutcome.Closed:
                Disconnect(SessionEnd.Removed(
                    LeaveReason.ServerShutdown,
                    ChatServer.DefaultShutdownText,
                    EncodedMessage.Encode(new ServerShutdown(ChatServer.DefaultShutdownText))));
                return false;
        }

        _rooms.Add(room);
        _joined = true;
        _metrics.ClientJoined();
        LogJoined(hello);

        // The welcome goes out directly, before the writer starts: whatever the room queued for
        // this client since it joined follows the welcome, in order.
        var welcome = Welcome(version, room, joined);
        await SendWelcomeAsync(welcome);
        _writer = WriteLoopAsync();
        return true;
    }

    /// <summary>
    /// Sends the welcome. A client that closed its connection right after its hello (and perhaps
    /// a line) may not take it; what it sent before closing is still read and handled, and the
    /// read loop decides the end (docs/protocol.md, R1.6).
    /// </summary>
    private async Task SendWelcomeAsync(Welcome welcome)
    {
        try
        {
            await _connection.SendAsync(welcome, _stopping.Token);
            _metrics.Delivered(1);
        }
        catch (ChatException) when (_connection.Closed.IsCancellationRequested)
        {
            // The writer meets the same closed connection and stops; the read loop goes on.
        }
    }

    /// <summary>
    /// The welcome into the default room: its users and recent lines (the newest that fit beside
    /// everything else it carries) and, for version 2, its name, topic and who is away, and the history limit and epoch.
    /// </summary>
    private Welcome Welcome(int version, Room room, JoinResult joined)
    {
        var rooms = version >= 2;
        var roomName = rooms ? room.Name : string.Empty;
        var topic = rooms ? joined.Topic : string.Empty;
        var epoch = rooms ? _registry.Epoch : string.Empty;
        var budget = _options.MaxSentFrameLength - FrameBudget.WelcomeWithoutLines(_options, Name, roomName, topic, joined.Users) - FrameBudget.Of(epoch);
        var (away, recent) = FrameBudget.Fit(budget, rooms ? joined.AwayUsers : [], joined.Recent);
        return new Welcome(
            version,
            Name,
            _options.ServerName,
            joined.Users,
            _options.MessageOfTheDay,
            recent,
            _options.MaxTextLength,
            _options.MaxFrameLength)
        {
            UserCount = joined.UserCount,
            MessageRate = _rate.IsUnlimited ? 0 : _options.MessageRate,
            MessageBurst = _rate.IsUnlimited ? 0 : _options.MessageBurst,
            PingIntervalMilliseconds = (int)Math.Min(int.MaxValue, (_options.IdleTimeout / 2).TotalMilliseconds),
            Room = roomName,
            Topic = topic,
            AwayUsers = away,

            // A version-1 client has no history requests: its welcome leaves both at their defaults, as it does Room and Topic.
            HistoryLimit = rooms ? _options.HistoryLimit : 0,
            HistoryEpoch = epoch,

            // Nor has it accounts: it never learns of them (docs/protocol.md, section 7, Accounts and moderation).
            Operator = rooms && IsOperator,
            Registered = rooms && IsRegistered,
            Registration = rooms && Moderation is not null && _options.Registration,
        };
    }

    private bool Reject(Hello hello, RejectReason reason, string text)
    {
        if (Disconnect(SessionEnd.Rejected(reason, text)))
        {
            LogRejected(hello, reason, text);
        }

        return false;
    }
}
