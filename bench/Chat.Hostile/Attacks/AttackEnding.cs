namespace Chat.Hostile.Attacks;

/// <summary>How an attacking connection ended.</summary>
internal enum AttackEnding
{
    /// <summary>The server closed the connection (a FIN), after whatever it sent.</summary>
    ClosedByServer,

    /// <summary>The server reset the connection.</summary>
    ResetByServer,

    /// <summary>The connection was never made: nobody listens, or the server refused it at once.</summary>
    Refused,

    /// <summary>The attacker gave up and reset the connection itself (the attack was the reset).</summary>
    AbandonedByAttacker,

    /// <summary>The server still held the connection open when the attacker's patience ran out.</summary>
    StillOpen,
}
