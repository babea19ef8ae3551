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
}
