using System.Buffers;
using Chat.Benchmarks.Fixtures;

namespace Chat.Fuzz;

/// <summary>
/// What one fuzz input exercises, and the oracle it is held to. The input is read as a stream of
/// frames (<see cref="FrameReader"/>); every body is decoded (<see cref="MessageSerializer.Decode(ReadOnlySequence{byte})"/>,
/// fast path and general path) from one segment and from many small ones. Allowed: a message,
/// <see langword="null"/> (a type this library does not know), or a <see cref="ChatProtocolException"/>.
/// Anything else is a crash: another exception, the two readings disagreeing, or a decoded
/// message that does not re-encode to bytes that decode to the same encoding.
/// </summary>
public static class FuzzTarget
{
    /// <summary>The largest frame body the harness's frame reader accepts.</summary>
    public const int MaxFrameLength = 64 * 1024;

    /// <summary>Runs one input.</summary>
    /// <param name="input">The bytes, as a peer might send them.</param>
    /// <exception cref="OracleViolationException">The input broke the oracle.</exception>
    public static void Run(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var frames = ReadFrames(new ReadOnlySequence<byte>(input));

        // The same stream in segments of 3 bytes: a prefix or a body split anywhere must not matter.
        var chunked = ReadFrames(SegmentedSequence.Create(input, 3));
        if (!frames.SequenceEqual(chunked, StringComparer.Ordinal))
        {
            throw new OracleViolationException(
                $"Read whole, the stream gave [{string.Join(", ", frames)}]; read in 3-byte segments, [{string.Join(", ", chunked)}].");
        }

        // When the prefix stops the frame reader at once, the decoder still sees the bytes after it.
        if (frames.Count == 0 && input.Length > ProtocolInfo.FramePrefixLength)
        {
            DecodeBody(input.AsMemory(ProtocolInfo.FramePrefixLength));
        }
    }

    /// <summary>Reads every whole frame and decodes it; returns one outcome per frame, and how the stream ended.</summary>
    private static List<string> ReadFrames(ReadOnlySequence<byte> buffer)
    {
        var outcomes = new List<string>();
        try
        {
            while (FrameReader.TryReadFrame(ref buffer, MaxFrameLength, out var body))
            {
                outcomes.Add(DecodeBody(body.ToArray()));
            }

            outcomes.Add($"end with {buffer.Length} bytes left");
        }
        catch (ChatProtocolException ex)
        {
            outcomes.Add($"frame refused: {ex.Code}");
        }

        return outcomes;
    }

    /// <summary>Decodes a body from one segment and from many, checks the oracle, and describes the outcome.</summary>
    private static string DecodeBody(ReadOnlyMemory<byte> body)
    {
        var whole = Decode(new ReadOnlySequence<byte>(body));
        var chunked = Decode(SegmentedSequence.Create(body, 5));
        if (whole != chunked)
        {
            throw new OracleViolationException($"Decoded whole: {whole}; decoded in 5-byte segments: {chunked}.");
        }

        return whole;
    }

    private static string Decode(ReadOnlySequence<byte> body)
    {
        ChatMessage? message;
        try
        {
            message = MessageSerializer.Decode(body);
        }
        catch (ChatProtocolException ex)
        {
            return $"refused: {ex.Code}";
        }
        catch (Exception ex)
        {
            throw new OracleViolationException($"Decoding threw {ex.GetType().Name} instead of a ChatProtocolException: {ex.Message}", ex);
        }

        if (message is null)
        {
            return "unknown type";
        }

        return $"{message.GetType().Name} {Convert.ToHexString(RoundTrip(message))}";
    }

    /// <summary>Encodes a decoded message, decodes that, and checks the second encoding is the first.</summary>
    private static byte[] RoundTrip(ChatMessage message)
    {
        byte[] encoded, again;
        ChatMessage? decoded;
        try
        {
            encoded = MessageSerializer.ToBody(message);
            decoded = MessageSerializer.Decode(encoded);
            again = decoded is null ? [] : MessageSerializer.ToBody(decoded);
        }
        catch (Exception ex)
        {
            throw new OracleViolationException($"The decoded {message} did not survive re-encoding: {ex.GetType().Name}: {ex.Message}", ex);
        }

        if (decoded is null || !encoded.AsSpan().SequenceEqual(again))
        {
            throw new OracleViolationException(
                $"The decoded {message} re-encodes to {Convert.ToHexString(encoded)}, which decodes to {decoded?.ToString() ?? "nothing"} encoded as {Convert.ToHexString(again)}.");
        }

        return encoded;
    }
}
