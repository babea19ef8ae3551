using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace Chat.Protocol.Tests.TestUtilities;

/// <summary>Hex helpers for golden bytes written by hand: spaces, line breaks and "# comments" are ignored.</summary>
internal static partial class Hex
{
    public static byte[] Parse(string text)
    {
        var digits = Comment().Replace(text, string.Empty);
        digits = NotHex().Replace(digits, string.Empty);
        return Convert.FromHexString(digits);
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>A whole frame: the 4-byte big-endian length of <paramref name="body"/>, then the body.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> body)
    {
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame.AsSpan(4));
        return frame;
    }

    /// <summary>A length prefix alone.</summary>
    public static byte[] Prefix(uint length)
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, length);
        return prefix;
    }

    [GeneratedRegex("#[^\\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex("[^0-9A-Fa-f]")]
    private static partial Regex NotHex();
}
