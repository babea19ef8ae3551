namespace Chat.Protocol;

/// <summary>Settings of one <see cref="ChatConnection"/>.</summary>
public sealed partial record ChatConnectionOptions
{
    /// <summary>The settings used when none are given.</summary>
    public static ChatConnectionOptions Default { get; } = new();

    /// <summary>
    /// The largest frame body, in bytes, this side accepts. A larger prefix fails the receive with
    /// <see cref="ErrorCode.FrameTooLarge"/> before the body is buffered.
    /// </summary>
    public int MaxFrameLength { get; init; } = ProtocolInfo.DefaultClientMaxFrameLength;

    /// <summary>
    /// How many bytes may wait in the send buffer before a send waits for the peer to read.
    /// </summary>
    public int MaxPendingSendBytes { get; init; } = 64 * 1024;

    /// <summary>How long <see cref="ChatConnection.ConnectAsync"/> waits for the server to accept.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long each step of a graceful close may take: delivering what is buffered (after which
    /// the connection is aborted), then, over TCP, waiting for the peer to close its side.
    /// </summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameLength, 16, nameof(MaxFrameLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingSendBytes, 1024, nameof(MaxPendingSendBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        ValidateFrameBudget();
    }
}
