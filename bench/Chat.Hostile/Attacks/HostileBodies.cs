using System.Buffers.Binary;

namespace Chat.Hostile.Attacks;

/// <summary>
/// Frame bodies written byte by byte, as no encoder would write them: deep nesting, huge
/// announced lengths, ids out of range, fields of the wrong type, invalid UTF-8.
/// </summary>
internal static class HostileBodies
{
    /// <summary>A <c>SendText</c> whose text is <paramref name="depth"/> arrays nested in each other.</summary>
    public static byte[] DeeplyNestedText(int depth) =>
        [0x92, MessageIds.SendText, 0x92, .. Enumerable.Repeat((byte)0x91, depth), 0xC0, 0x00];

    /// <summary>A body that is nothing but <paramref name="depth"/> nested arrays.</summary>
    public static byte[] DeeplyNested(int depth) => [.. Enumerable.Repeat((byte)0x91, depth), 0xC0];

    /// <summary>A <c>SendText</c> whose fields are a map announcing <paramref name="entries"/> entries, of which two follow.</summary>
    public static byte[] HugeMap(uint entries) => [0x92, MessageIds.SendText, 0xDF, .. BigEndian(entries), 0x01, 0x02, 0x03, 0x04];

    /// <summary>A <c>SendText</c> whose fields are an array announcing 2³² − 1 elements.</summary>
    public static byte[] HugeArray() => [0x92, MessageIds.SendText, 0xDD, 0xFF, 0xFF, 0xFF, 0xFF, 0xA1, 0x78];

    /// <summary>A <c>SendText</c> whose text announces 2 GiB of UTF-8, of which one byte follows.</summary>
    public static byte[] HugeString() => [0x92, MessageIds.SendText, 0x92, 0xDB, 0x7F, 0xFF, 0xFF, 0xFF, 0x78];

    /// <summary>A message whose type id is 2³² (uint 64).</summary>
    public static byte[] IdTwoToThe32() => [0x92, 0xCF, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x90];

    /// <summary>A message whose type id is 2³¹ (uint 32), one past the largest int.</summary>
    public static byte[] IdTwoToThe31() => [0x92, 0xCE, 0x80, 0x00, 0x00, 0x00, 0x90];

    /// <summary>
    /// Messages with ids no version uses but that fit the id's 32 bits (docs/protocol.md R3.1; one
    /// that does not fit is a protocol error, R3.2): −1, −2³¹ (as int 64), and 1000 with fields.
    /// </summary>
    public static IEnumerable<byte[]> UnknownIds() =>
    [
        [0x92, 0xFF, 0x90],
        [0x92, 0xD3, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00, 0x90],
        [0x92, 0xCD, 0x03, 0xE8, 0x92, 0xA1, 0x78, 0x2A],
    ];

    /// <summary>A <c>SendText</c> whose text is an integer.</summary>
    public static byte[] TextAsInteger() => [0x92, MessageIds.SendText, 0x92, 0x2A, 0x00];

    /// <summary>A <c>SendText</c> whose fields are a string, not an array.</summary>
    public static byte[] FieldsAsString() => [0x92, MessageIds.SendText, 0xA3, 0x61, 0x62, 0x63];

    /// <summary>A message whose type id is a string.</summary>
    public static byte[] IdAsString() => [0x92, 0xA1, 0x34, 0x92, 0xA1, 0x78, 0x00];

    /// <summary>A <c>SendText</c> whose kind is 2⁴⁰.</summary>
    public static byte[] KindOutOfRange() =>
        [0x92, MessageIds.SendText, 0x92, 0xA1, 0x78, 0xCF, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00];

    /// <summary>A <c>SendText</c> whose text is not UTF-8 ("\xC3(A").</summary>
    public static byte[] InvalidUtf8Text() => [0x92, MessageIds.SendText, 0x92, 0xA3, 0xC3, 0x28, 0x41, 0x00];

    /// <summary>A <c>Hello</c> whose user name is not UTF-8.</summary>
    public static byte[] InvalidUtf8Name() =>
        [0x92, MessageIds.Hello, 0x94, ProtocolInfo.Version, 0xA3, 0x61, 0xFF, 0x62, 0xA1, 0x78, 0xA1, 0x31];

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
