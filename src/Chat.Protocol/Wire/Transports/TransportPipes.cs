using System.IO.Pipelines;
using Chat.Protocol.Internal;

namespace Chat.Protocol.Wire.Transports;

/// <summary>
/// The two pipes every network transport puts between its socket (or TLS stream) and the
/// connection, sized from the connection's options.
/// </summary>
/// <remarks>
/// Both readers run inline, on the thread that flushed: the connection's reader decodes on the
/// receive loop's thread as soon as bytes arrive, and a send reaches the network on the sender's
/// thread, without a trip through the thread pool each time. Neither reader blocks: each does its
/// work and awaits again. (Writers resume on the pool as usual.)
/// </remarks>
internal static class TransportPipes
{
    /// <summary>The smallest buffer a receive asks the input pipe for.</summary>
    public const int MinimumReceiveSize = 4096;

    /// <summary>The pipe received bytes go into: it must be able to hold a whole frame before the reader can consume it.</summary>
    public static Pipe Input(ChatConnectionOptions options)
    {
        long limit = Math.Max(64 * 1024, (long)options.MaxFrameLength + ProtocolInfo.FramePrefixLength + MinimumReceiveSize);
        return Create(limit);
    }

    /// <summary>The pipe frames to send wait in, bounded by <see cref="ChatConnectionOptions.MaxPendingSendBytes"/>.</summary>
    public static Pipe Output(ChatConnectionOptions options) => Create(options.MaxPendingSendBytes);

    private static Pipe Create(long pauseWriterThreshold) => new(new PipeOptions(
        pool: SegmentPool.ForConnections,
        readerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: pauseWriterThreshold,
        resumeWriterThreshold: pauseWriterThreshold / 2,
        useSynchronizationContext: false));
}
