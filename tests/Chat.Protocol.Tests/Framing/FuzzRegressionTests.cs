using Chat.Protocol.Tests.TestUtilities;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Framing;

/// <summary>
/// Inputs the fuzzer (bench/fuzz/run.sh, AFL++ over the frame reader and decoder) found to break
/// the decoder's promise: a message, <see langword="null"/>, or a <see cref="ChatProtocolException"/>,
/// never another exception. Each body is kept as found (after its frame prefix), with a smallest
/// form of the same fault beside it.
/// </summary>
public class FuzzRegressionTests
{
    public static TheoryData<string, string> Found => new()
    {
        // A str 32 length of 2^31 or more: MessagePack's reader took it as a negative count and
        // threw ArgumentOutOfRangeException while skipping the value.
        // body (hex)                                                             the error names
        { "92E4DB8293A3626F620196627965FFFF65766503A404106135A5",                 "the message announces more bytes than the message holds" },
        { "92E4DB80000000",                                                       "the message announces more bytes" },
        // Found when UsersLeft had one field. Field 1 is now UsersLeft.Room: the first input fails
        // there, before the skip, and the smallest form moves one field on to keep the skip.
        { "92079A90939D001A0000000093A3616F62C69603A404706142A5",                "UsersLeft.Room must be a string" },
        { "920792 90 DB80000000",                                                 "UsersLeft.Room announces more bytes" },
        { "920793 90 A0 DB80000000",                                              "UsersLeft field 2 announces more bytes" },

        // The same in the fast path (a departure's name in UsersLeft), which let the exception through.
        { "920791 91 93 DB80000000 01 A0",                                        "UsersLeft.Departures[0].UserName announces more bytes" },
    };

    [Theory]
    [MemberData(nameof(Found))]
    public void AFoundInputIsAProtocolErrorInOurOwnWords(string body, string named)
    {
        var bytes = Hex.Parse(body);

        var error = Assert.Throws<ChatProtocolException>(() => MessageSerializer.Decode(bytes));

        Assert.Equal(ErrorCode.ProtocolViolation, error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
