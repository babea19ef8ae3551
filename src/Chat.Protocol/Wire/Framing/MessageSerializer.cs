using Chat.Protocol.Internal;
using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace Chat.Protocol.Wire;

/// <summary>
/// Encodes messages to frames and decodes frame bodies to messages. Decoding treats every
/// input as hostile (<see cref="MessagePackSecurity.UntrustedData"/>) and checks that every
/// required field is present, not nil, and of the right kind, naming the field when it is not.
/// </summary>
/// <remarks>Part of the wire layer (<c>Chat.Protocol.Wire</c>), for servers, transports and tools; an app talks to a server through <see cref="ChatClient"/>.</remarks>
public static class MessageSerializer
{
    /// <summary>The text of the error for a frame whose body is empty.</summary>
    internal const string EmptyFrameText = "Received an empty frame: every frame holds one message.";

    private static int s_prepared;

    /// <summary>The MessagePack options used for everything read from or written to the wire.</summary>
    internal static MessagePackSerializerOptions Options { get; } =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>
    /// Builds the encoder and decoder of every message now, by encoding and decoding one sample
    /// of each. MessagePack generates them the first time each type is encoded or decoded, and
    /// they are then compiled: milliseconds of CPU per type, paid by whoever sends or receives
    /// that type first. A server calls this before it listens, so that its first users do not pay
    /// for it; a client need not. Only the first call does anything; it is safe from any thread.
    /// </summary>
    public static void Prepare()
    {
        if (Interlocked.Exchange(ref s_prepared, 1) == 1)
        {
            return;
        }

        foreach (var message in WarmUpMessages.OfEveryType())
        {
            var frame = ToFrame(message);
            _ = Decode(frame.AsMemory(ProtocolInfo.FramePrefixLength));
        }
    }

    /// <summary>Writes one whole frame (prefix and body) for <paramref name="message"/>.</summary>
    /// <param name="writer">Where the frame goes.</param>
    /// <param name="message">The message to encode.</param>
    /// <returns>The number of bytes written, prefix included.</returns>
    /// <exception cref="ArgumentException">The message is one a <see cref="ChatClient"/> makes for its application (<see cref="Reconnecting"/>, <see cref="Reconnected"/>), which has no wire id.</exception>
    public static int WriteFrame(IBufferWriter<byte> writer, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        EnsureOnTheWire(message);

        // The body's length is known only after encoding, so encode into a per-thread scratch buffer first.
        var body = ScratchBuffer.ForThisThread();
        try
        {
            MessagePackSerializer.Serialize(body, message, Options);
            var span = writer.GetSpan(ProtocolInfo.FramePrefixLength + body.WrittenCount);
            CopyFrame(body, span);
            var total = ProtocolInfo.FramePrefixLength + body.WrittenCount;
            writer.Advance(total);
            return total;
        }
        finally
        {
            body.Trim();
        }
    }

    /// <summary>Encodes a message to a new array holding one whole frame (prefix and body).</summary>
    /// <param name="message">The message to encode.</param>
    /// <returns>The frame's bytes.</returns>
    /// <exception cref="ArgumentException">The message is one a <see cref="ChatClient"/> makes for its application (<see cref="Reconnecting"/>, <see cref="Reconnected"/>), which has no wire id.</exception>
    public static byte[] ToFrame(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureOnTheWire(message);
        var body = ScratchBuffer.ForThisThread();
        try
        {
            MessagePackSerializer.Serialize(body, message, Options);

            // The one allocation: the frame itself, of exactly the right size.
            var frame = GC.AllocateUninitializedArray<byte>(ProtocolInfo.FramePrefixLength + body.WrittenCount);
            CopyFrame(body, frame);
            return frame;
        }
        finally
        {
            body.Trim();
        }
    }

    /// <summary>Refuses a message that is not part of the protocol: one a client makes for its application.</summary>
    private static void EnsureOnTheWire(ChatMessage message)
    {
        if (message is IClientMadeMessage)
        {
            throw new ArgumentException(
                $"{message.GetType().Name} is made by ChatClient to tell its application what happened to the connection; it is not a protocol message and is never sent.",
                nameof(message));
        }
    }

    private static void CopyFrame(ScratchBuffer body, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)body.WrittenCount);
        body.WrittenSpan.CopyTo(destination[ProtocolInfo.FramePrefixLength..]);
    }

    /// <summary>Encodes a message's body alone (no length prefix).</summary>
    /// <param name="message">The message to encode.</param>
    /// <returns>The MessagePack bytes of the message.</returns>
    /// <exception cref="ArgumentException">The message is one a <see cref="ChatClient"/> makes for its application (<see cref="Reconnecting"/>, <see cref="Reconnected"/>), which has no wire id.</exception>
    public static byte[] ToBody(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        EnsureOnTheWire(message);
        return MessagePackSerializer.Serialize(message, Options);
    }

    /// <summary>
    /// Decodes one frame body. Returns <see langword="null"/> for a message type this library
    /// does not know, which the caller should skip.
    /// </summary>
    /// <param name="body">A frame's body, as <see cref="FrameReader.TryReadFrame"/> returns it.</param>
    /// <returns>The message, or <see langword="null"/> when its type is unknown.</returns>
    /// <exception cref="ChatProtocolException">The body is not a well-formed message.</exception>
    public static ChatMessage? Decode(ReadOnlySequence<byte> body)
    {
        // The messages a client receives most are decoded in one pass; anything else, or anything
        // unusual about them, takes the general path below, which also names what is wrong.
        return FastPathDecoder.TryDecode(body, out var common) ? common : DecodeChecked(body);
    }

    /// <summary>
    /// The general path of <see cref="Decode(ReadOnlySequence{byte})"/>: checks the body's shape
    /// field by field, then deserializes it.
    /// </summary>
    internal static ChatMessage? DecodeChecked(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new ChatProtocolException(EmptyFrameText);
        }

        var reader = new MessagePackReader(body);
        var peek = reader.CreatePeekReader();
        var id = ReadHeader(ref peek);
        var shape = MessageShape.ForId(id);
        if (shape is null)
        {
            // A newer peer may send types we do not know; skipping them keeps old clients working.
            Guard(ref reader, "the message", static (ref MessagePackReader r) => r.Skip());
            EnsureEnd(ref reader);
            return null;
        }

        // Check the shape first, so that a missing, nil, out-of-range or badly encoded field is
        // named rather than becoming a null, a replacement character or a .NET exception's text.
        shape.Check(ref peek, shape.Name);
        EnsureEnd(ref peek);

        ChatMessage? message;
        try
        {
            message = MessagePackSerializer.Deserialize<ChatMessage>(ref reader, Options);
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            // The check above accepts only what deserializes; this is a last line of defence.
            throw Failure(shape.Name, ex);
        }

        if (message is null)
        {
            throw Violation($"message type {id} has no fields");
        }

        EnsureEnd(ref reader);
        return OptionalFields.Fill(message);
    }

    /// <summary>Whether <paramref name="ex"/> is how MessagePack reports bytes it cannot read.</summary>
    /// <remarks>
    /// <see cref="ArgumentOutOfRangeException"/>: MessagePack's reader reads a str 32, bin 32 or
    /// ext 32 length of 2³¹ or more as a negative count and throws it when skipping such a value
    /// (found by the fuzzer, bench/fuzz).
    /// </remarks>
    internal static bool IsDecodingFailure(Exception ex) =>
        ex is MessagePackSerializationException or EndOfStreamException or OverflowException
            or InvalidOperationException or InsufficientExecutionStackException or ArgumentOutOfRangeException;

    /// <summary>A protocol error in our own words for a decoding failure at <paramref name="where"/>, keeping MessagePack's as the inner exception.</summary>
    internal static ChatProtocolException Failure(string where, Exception ex) => Violation(Innermost(ex) switch
    {
        EndOfStreamException => $"the message ends in the middle of {where}",
        ArgumentOutOfRangeException => $"{where} announces more bytes than the message holds",
        OverflowException => $"{where} is out of range",
        InsufficientExecutionStackException => $"{where} is nested too deeply",
        _ => $"{where} is not valid MessagePack",
    }, ex);

    private delegate void ReaderAction(ref MessagePackReader reader);

    private static void Guard(ref MessagePackReader reader, string where, ReaderAction action)
    {
        try
        {
            action(ref reader);
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            throw Failure(where, ex);
        }
    }

    /// <summary>Checks the <c>[id, fields]</c> frame around a message and returns its id.</summary>
    private static int ReadHeader(ref MessagePackReader peek)
    {
        try
        {
            if (peek.NextMessagePackType != MessagePackType.Array || peek.ReadArrayHeader() != 2)
            {
                throw Violation("a message must be an array of two elements, [type, fields]");
            }

            if (peek.NextMessagePackType != MessagePackType.Integer)
            {
                throw Violation("a message type must be an integer");
            }

            return peek.ReadInt32();
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            throw Failure("the message type", ex);
        }
    }

    /// <summary>Decodes one frame body held in an array or span.</summary>
    /// <param name="body">A frame's body.</param>
    /// <returns>The message, or <see langword="null"/> when its type is unknown.</returns>
    /// <exception cref="ChatProtocolException">The body is not a well-formed message.</exception>
    public static ChatMessage? Decode(ReadOnlyMemory<byte> body) => Decode(new ReadOnlySequence<byte>(body));

    private static void EnsureEnd(ref MessagePackReader reader)
    {
        if (!reader.End)
        {
            throw Violation("there are bytes after the end of the message");
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    internal static ChatProtocolException Violation(string what, Exception? inner = null) =>
        new($"Received a malformed message: {what}.", ErrorCode.ProtocolViolation, inner);
}
