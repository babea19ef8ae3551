namespace Chat.Server;

/// <summary>Which limit refused a connection (or a join), for the client's text and the summary log.</summary>
internal enum RefusalKind
{
    /// <summary>The address has as many open connections as it may (<see cref="ChatServerOptions.MaxConnectionsPerAddress"/>).</summary>
    ConnectionsPerAddress,

    /// <summary>The address has as many connections not yet past the hello as it may (<see cref="ChatServerOptions.MaxPendingPerAddress"/>).</summary>
    PendingPerAddress,

    /// <summary>The address opened as many new connections this interval as it may (<see cref="ChatServerOptions.MaxNewConnectionsPerAddress"/>).</summary>
    NewConnectionsPerAddress,

    /// <summary>The address has as many users in the room as it may (<see cref="ChatServerOptions.MaxMembersPerAddress"/>).</summary>
    MembersPerAddress,

    /// <summary>The server has as many connections as it may, and none is waiting for its hello to make room.</summary>
    ServerFull,

    /// <summary>An operator banned the address (at connect) or the name or address (at the hello).</summary>
    Banned,
}

/// <summary>Words for <see cref="RefusalKind"/>.</summary>
internal static class RefusalKindExtensions
{
    /// <summary>The limit in a few words, for the summary log ("refused 12 connections (too many per address)").</summary>
    public static string ToLogText(this RefusalKind kind) => kind switch
    {
        RefusalKind.ConnectionsPerAddress => "too many per address",
        RefusalKind.PendingPerAddress => "too many not yet past hello",
        RefusalKind.NewConnectionsPerAddress => "too many new ones",
        RefusalKind.MembersPerAddress => "too many users in the room",
        RefusalKind.ServerFull => "server full",
        RefusalKind.Banned => "banned",
        _ => kind.ToString(),
    };

    /// <summary>The limit as a metric tag (<c>chatroom_refusals_total{reason="server_full"}</c>).</summary>
    public static string ToTag(this RefusalKind kind) => kind switch
    {
        RefusalKind.ConnectionsPerAddress => "connections_per_address",
        RefusalKind.PendingPerAddress => "handshakes_per_address",
        RefusalKind.NewConnectionsPerAddress => "new_connections_per_address",
        RefusalKind.MembersPerAddress => "users_per_address",
        RefusalKind.ServerFull => "server_full",
        RefusalKind.Banned => "banned",
        _ => "unknown",
    };

    /// <summary>What the client is told: which limit, and when to try again.</summary>
    public static string ToClientText(this RefusalKind kind, ChatServerOptions options) => kind switch
    {
        RefusalKind.ConnectionsPerAddress =>
            $"The server is busy: your address has {options.MaxConnectionsPerAddress} connections open, as many as it allows; close one or try again later.",
        RefusalKind.PendingPerAddress =>
            $"The server is busy: your address has {options.MaxPendingPerAddress} connections that have not said hello yet, as many as it allows; try again in a few seconds.",
        RefusalKind.NewConnectionsPerAddress =>
            $"The server is busy: your address opened {options.MaxNewConnectionsPerAddress} new connections within {options.NewConnectionInterval.TotalSeconds:0.#} s, as many as it allows; try again in a few seconds.",
        RefusalKind.MembersPerAddress =>
            $"Your address already has {options.MaxMembersPerAddress} users in the room, as many as the server allows from one address; try again later.",
        RefusalKind.ServerFull =>
            "The server is busy: it has as many connections as it allows; try again later.",
        RefusalKind.Banned =>
            "Your address is banned from this server.",
        _ => "The server is busy; try again later.",
    };
}
