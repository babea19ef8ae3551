using System.Buffers;
using System.Text;
using System.Text.Unicode;
using MessagePack;

namespace Chat.Protocol.Internal;

/// <summary>
/// Reads MessagePack strings whose bytes must be valid UTF-8. MessagePack itself would turn
/// invalid bytes into U+FFFD without a word; the protocol refuses them instead, so both decode
/// paths read strings through here. Validation is vectorized and allocates nothing: a string
/// split across buffer segments is gathered on the stack or in a pooled array.
/// </summary>
internal static class Utf8Strings
{
    private const int StackLimit = 256;

    /// <summary>Reads past the string at <paramref name="reader"/>.</summary>
    /// <param name="reader">Positioned at a string (the caller checked its type).</param>
    /// <returns>Whether its bytes are valid UTF-8.</returns>
    public static bool SkipValid(ref MessagePackReader reader)
    {
        if (reader.TryReadStringSpan(out var span))
        {
            return Utf8.IsValid(span);
        }

        return IsValid(reader.ReadStringSequence()!.Value);
    }

    /// <summary>Reads the string at <paramref name="reader"/> when its bytes are valid UTF-8.</summary>
    /// <param name="reader">Positioned at a string (the caller checked its type).</param>
    /// <param name="text">The decoded string, or empty when this returns <see langword="false"/>.</param>
    /// <returns>Whether the bytes were valid UTF-8.</returns>
    public static bool TryRead(ref MessagePackReader reader, out string text)
    {
        text = string.Empty;
        if (reader.TryReadStringSpan(out var span))
        {
            if (!Utf8.IsValid(span))
            {
                return false;
            }

            text = Encoding.UTF8.GetString(span);
            return true;
        }

        var bytes = reader.ReadStringSequence()!.Value;
        if (!IsValid(bytes))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>Whether bytes that may span several segments are valid UTF-8 (a sequence may be cut inside a character).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>Whether they are valid UTF-8 as a whole.</returns>
    public static bool IsValid(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return Utf8.IsValid(bytes.FirstSpan);
        }

        var length = checked((int)bytes.Length);
        if (length <= StackLimit)
        {
            Span<byte> gathered = stackalloc byte[StackLimit];
            bytes.CopyTo(gathered);
            return Utf8.IsValid(gathered[..length]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            bytes.CopyTo(rented);
            return Utf8.IsValid(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
