namespace Chat.Server;

/// <summary>Why a connection ended, finer than the <see cref="Chat.Protocol.LeaveReason"/> the room is told.</summary>
internal enum DisconnectCause
{
    /// <summary>The client said goodbye or closed its side cleanly.</summary>
    Quit,

    /// <summary>The connection was reset, broke, or vanished.</summary>
    ConnectionLost,

    /// <summary>The client did not say hello in time.</summary>
    HandshakeTimeout,

    /// <summary>The client stopped answering pings.</summary>
    IdleTimeout,

    /// <summary>The server refused the client's hello (name, version, room full).</summary>
    Rejected,

    /// <summary>The operator kicked the client.</summary>
    Kicked,

    /// <summary>The client sent something that is not the protocol, or an oversized frame.</summary>
    ProtocolViolation,

    /// <summary>The client did not read what it was sent and fell too far behind.</summary>
    SlowConsumer,

    /// <summary>The client kept sending far over its rate limit.</summary>
    ExcessFlood,

    /// <summary>The server is shutting down.</summary>
    ServerShutdown,

    /// <summary>The server failed while handling the client.</summary>
    InternalError,

    /// <summary>The client had not said hello and was dropped to make room at the server's connection cap.</summary>
    Evicted,

    /// <summary>The server asks for a password and the client gave none or a wrong one.</summary>
    BadPassword,

    /// <summary>A limit per address refused the client's join (users of one address in the room).</summary>
    Refused,

    /// <summary>The client sent more frames than its frame budget allows.</summary>
    OverFrameBudget,

    /// <summary>An operator banned the client's name or address while it was connected.</summary>
    Banned,
}

/// <summary>Names of <see cref="DisconnectCause"/> values as metric tags.</summary>
internal static class DisconnectCauseExtensions
{
    public static string ToTag(this DisconnectCause cause) => cause switch
    {
        DisconnectCause.Quit => "quit",
        DisconnectCause.ConnectionLost => "connection_lost",
        DisconnectCause.HandshakeTimeout => "handshake_timeout",
        DisconnectCause.IdleTimeout => "idle_timeout",
        DisconnectCause.Rejected => "rejected",
        DisconnectCause.Kicked => "kicked",
        DisconnectCause.ProtocolViolation => "protocol_violation",
        DisconnectCause.SlowConsumer => "slow_consumer",
        DisconnectCause.ExcessFlood => "excess_flood",
        DisconnectCause.ServerShutdown => "server_shutdown",
        DisconnectCause.InternalError => "internal_error",
        DisconnectCause.Evicted => "evicted",
        DisconnectCause.BadPassword => "bad_password",
        DisconnectCause.Refused => "refused",
        DisconnectCause.OverFrameBudget => "over_frame_budget",
        DisconnectCause.Banned => "banned",
        _ => "unknown",
    };
}
