namespace Chat.Protocol;

public sealed partial record ChatConnectionOptions
{
    /// <summary>
    /// How many frames a second the peer may send in the long run, counting every frame received:
    /// pings, pongs and frames of types this side does not know as much as any other. 0 (the
    /// default) sets no budget. A server sets one for each client, several times its message rate,
    /// so that no ordinary client ever meets it.
    /// </summary>
    public double ReceiveFrameRate { get; init; }

    /// <summary>
    /// How many frames the peer may send at once before <see cref="ReceiveFrameRate"/> applies.
    /// A peer that goes past the budget fails the receive with a <see cref="ChatProtocolException"/>
    /// whose <see cref="ChatProtocolException.Code"/> is <see cref="ErrorCode.RateLimited"/>.
    /// Used only when <see cref="ReceiveFrameRate"/> is above 0.
    /// </summary>
    public int ReceiveFrameBurst { get; init; } = 200;

    private void ValidateFrameBudget()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveFrameRate, 0, nameof(ReceiveFrameRate));
        if (!double.IsFinite(ReceiveFrameRate))
        {
            throw new ArgumentOutOfRangeException(nameof(ReceiveFrameRate), ReceiveFrameRate, "The frame rate must be a finite number.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveFrameBurst, 1, nameof(ReceiveFrameBurst));
    }
}
