using System.Net;

namespace Chat.Protocol.Wire;

/// <summary>
/// A connection that carries <see cref="ChatMessage"/>s both ways: over TCP
/// (<see cref="ChatConnection.ConnectAsync"/>, <see cref="ChatConnection.FromSocket"/>,
/// <see cref="ChatListener"/>) or in memory (<see cref="ChatConnection.CreatePair"/>).
/// </summary>
/// <remarks>
/// <para>Part of the wire layer (<c>Chat.Protocol.Wire</c>), for servers, transports and tools; an app talks to a server through <see cref="ChatClient"/>.</para>
/// <para>
/// Sends are safe from several threads at once; each message goes out whole, and messages from
/// one thread arrive in the order that thread sent them. Receives are for one reader at a time.
/// Disposing closes the connection gracefully: every send that completed is delivered before
/// the end of the stream, and over TCP the close then waits for the peer to close its side
/// (discarding what it still sends), each step within <see cref="ChatConnectionOptions.CloseTimeout"/>.
/// Sends still waiting for their turn when disposal starts fail with
/// <see cref="ChatConnectionLostException"/>. Disposing again, even concurrently, waits for the same close.
/// </para>
/// </remarks>
public interface IChatConnection : IAsyncDisposable
{
    /// <summary>The peer's address, when the transport has one.</summary>
    EndPoint? RemoteEndPoint { get; }

    /// <summary>
    /// Cancelled once the connection has closed: this side closed it, or it was reset, aborted or
    /// broke. A clean end of the peer's stream (its FIN, <see cref="ReceiveAsync"/> returning
    /// <see langword="null"/>) closes only the peer's direction: over TCP the peer may still read,
    /// and this side may still send.
    /// </summary>
    CancellationToken Closed { get; }

    /// <summary>
    /// Receives the next message. Messages of types this library does not know are skipped.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the connection stays usable.</param>
    /// <returns>The next message, or <see langword="null"/> when the peer closed the connection cleanly between frames.</returns>
    /// <exception cref="ChatProtocolException">The peer sent a malformed or oversized frame, or closed in the middle of one.</exception>
    /// <exception cref="ChatConnectionLostException">The connection was reset, aborted or failed.</exception>
    ValueTask<ChatMessage?> ReceiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Encodes and sends one message.</summary>
    /// <param name="message">The message to send.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send buffer.</param>
    /// <returns>A task that completes when the message is in the transport's hands.</returns>
    /// <exception cref="ChatConnectionLostException">The connection is closed or broken.</exception>
    ValueTask SendAsync(ChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends one message that was encoded already, such as one shared by many connections.</summary>
    /// <param name="message">The encoded message.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send buffer.</param>
    /// <returns>A task that completes when the message is in the transport's hands.</returns>
    /// <exception cref="ChatConnectionLostException">The connection is closed or broken.</exception>
    ValueTask SendAsync(EncodedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends several encoded messages, in order, with a single flush.</summary>
    /// <param name="messages">The messages to send.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send buffer.</param>
    /// <returns>A task that completes when the messages are in the transport's hands.</returns>
    /// <exception cref="ChatConnectionLostException">The connection is closed or broken.</exception>
    ValueTask SendAsync(ReadOnlyMemory<EncodedMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends encoded messages at once, on the calling thread, when the connection can take them
    /// without waiting: nothing else is being sent or waits to be sent. Never blocks and never
    /// waits; a server calls it to write to a client straight from the thread that has the
    /// message, and queues the message for <see cref="SendAsync(ReadOnlyMemory{EncodedMessage}, CancellationToken)"/>
    /// only when this declines.
    /// </summary>
    /// <param name="messages">The messages, first to last.</param>
    /// <returns>
    /// <see langword="true"/> when the connection took all of them, as <c>SendAsync</c> would
    /// have: the network took the bytes, or what it could not take at once waits in the
    /// connection's send buffer, ahead of anything sent later (if the network then fails, the
    /// connection closes, as it does when a send fails). <see langword="false"/> when it took none:
    /// a send is in progress or waiting, bytes are still buffered, the connection is closing, or
    /// this kind of connection cannot send from the caller's thread; send them with <c>SendAsync</c>.
    /// </returns>
    /// <remarks>The default implementation always returns <see langword="false"/>.</remarks>
    bool TrySend(ReadOnlySpan<EncodedMessage> messages) => false;

    /// <summary>
    /// Tears the connection down at once, without delivering what is still buffered. Pending and
    /// later sends and receives fail with <see cref="ChatConnectionLostException"/>.
    /// </summary>
    /// <param name="reason">Why, for the exception the pending calls see.</param>
    void Abort(string reason = "The connection was aborted.");
}
