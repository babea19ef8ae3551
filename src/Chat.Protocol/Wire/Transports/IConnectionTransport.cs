using System.IO.Pipelines;
using System.Net;

namespace Chat.Protocol.Wire.Transports;

/// <summary>
/// The byte-level half of a connection: a duplex pipe plus the means to learn that it closed
/// and to tear it down. <see cref="ChatConnection"/> adds framing and messages on top.
/// </summary>
internal interface IConnectionTransport : IDuplexPipe, IAsyncDisposable
{
    EndPoint? RemoteEndPoint { get; }

    /// <summary>Cancelled when the transport has closed, was reset or broke; not by the peer's clean end of stream, after which this side may still send.</summary>
    CancellationToken Closed { get; }

    /// <summary>Why the transport was torn down, when it was aborted or reset; <see langword="null"/> otherwise.</summary>
    string? AbortReason { get; }

    /// <summary>Closes at once; pending reads fail with a <see cref="ChatConnectionLostException"/> carrying <paramref name="reason"/>.</summary>
    void Abort(string reason);

    /// <summary>
    /// Writes frames straight to the network when nothing written before is still waiting to go
    /// out; what the network does not take at once is buffered in <see cref="IDuplexPipe.Output"/>
    /// and flushed. Called by the connection under its send lock. Never blocks.
    /// </summary>
    /// <returns>Whether the frames were taken; <see langword="false"/> leaves everything unchanged.</returns>
    bool TrySendNow(ReadOnlySpan<EncodedMessage> messages) => false;

    /// <summary>Called by the connection, under its send lock, right before it flushes what it wrote to <see cref="IDuplexPipe.Output"/>.</summary>
    void Flushing()
    {
    }
}
