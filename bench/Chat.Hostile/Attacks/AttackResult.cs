namespace Chat.Hostile.Attacks;

/// <summary>What the server did to one attacking connection.</summary>
/// <param name="Attack">The attack's name.</param>
/// <param name="Ending">How the connection ended.</param>
/// <param name="Received">Every message the server sent it, in order.</param>
/// <param name="Elapsed">From connecting to the end.</param>
internal sealed record AttackResult(string Attack, AttackEnding Ending, IReadOnlyList<ChatMessage> Received, TimeSpan Elapsed)
{
    /// <summary>The name the attacker joined the room under, when the server let it in.</summary>
    public string? JoinedAs { get; init; }

    /// <summary>The last error the server sent, if any.</summary>
    public ErrorMessage? LastError => Received.OfType<ErrorMessage>().LastOrDefault();

    /// <summary>The server's refusal of the hello, if it refused it.</summary>
    public Rejected? Rejection => Received.OfType<Rejected>().FirstOrDefault();

    /// <summary>Whether the server ended the connection itself (a close or a reset).</summary>
    public bool EndedByServer => Ending is AttackEnding.ClosedByServer or AttackEnding.ResetByServer;

    /// <summary>One short line: the attack, the ending, and the last error's code.</summary>
    public override string ToString() =>
        $"{Attack}: {Ending}{(LastError is { } e ? $" after {e.Code}{(e.Fatal ? " (fatal)" : string.Empty)}" : string.Empty)}" +
        $"{(Rejection is { } r ? $" rejected {r.Reason}" : string.Empty)}, {Received.Count} messages in {Elapsed.TotalMilliseconds:0} ms";
}
