using Chat.Protocol;
using Chat.Server.Tests.Support;
using Xunit.Abstractions;

namespace Chat.Server.Tests.Integration;

/// <summary>
/// What a client is told, and what the operator's log says, when a client sends something broken:
/// our own words, never the text of a .NET exception.
/// </summary>
public class ErrorTextTests(ITestOutputHelper output)
{
    /// <summary>Words of .NET and MessagePack exception messages that must never reach a client.</summary>
    private static readonly string[] ForeignWords =
    [
        "Arithmetic operation", "Attempted to read past", "overflow", "MessagePack", "Exception", "System.",
        "Index was outside", "Object reference", "Unexpected msgpack", "code", "Specified argument",
    ];

    /// <summary>Frame bodies (in hex) that once made the decoder's own texts reach the client, and more like them.</summary>
    public static TheoryData<string, string> Broken => new()
    {
        { "a message id of 2^32", "92 CF0000000100000000 90" },
        { "a bin 32 of four billion bytes", "9201 94 01 C6FFFFFFFF" },
        { "a map announcing four billion pairs", "9201 94 01 DFFFFFFFFF" },
        { "a message id that is a string", "92 A141 90" },
        { "a message id that is a float", "92 CB3FF0000000000000 90" },
        { "a hello cut short", "9201 94 01" },
        { "a string longer than the frame", "9201 94 01 DBFFFFFFFF" },
        { "a hello with too few fields", "9201 91 01" },
        { "fields that are a map", "9201 80" },
        { "an array announcing four billion items", "9201 DDFFFFFFFF" },
        { "a version as a string", "9201 94 A131 A5616C696365 A3726177 A3312E30" },
        { "a nil name", "9201 94 01 C0 A3726177 A3312E30" },
        { "a reserved MessagePack code", "C1" },
        { "an extension type", "9201 94 01 D40100 A3726177 A3312E30" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task ABrokenFrameIsRefusedInOurOwnWords(string what, string hex)
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        await client.SendBodyAsync(hex);
        var (messages, _) = await client.ReadToEndAsync();

        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        output.WriteLine($"{what}: {error.Text}");
        Assert.Equal((ErrorCode.ProtocolViolation, true), (error.Code, error.Fatal));
        Assert.StartsWith("Received", error.Text, StringComparison.Ordinal);
        AssertOurWords(error.Text);
        var logged = Assert.Single(server.Logs.Entries, e => e.Message.Contains("broke the protocol", StringComparison.Ordinal));
        AssertOurWords(logged.Message[logged.Message.IndexOf(':', StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task AnEmptyFrameIsRefusedInOurOwnWords()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        await client.SendBytesAsync([0, 0, 0, 0]);
        var (messages, _) = await client.ReadToEndAsync();

        var error = Assert.IsType<ErrorMessage>(Assert.Single(messages));
        Assert.Equal("Received an empty frame: every frame holds one message.", error.Text);
    }

    [Fact]
    public async Task AUserWhoseConnectionIsResetLeavesWithOurOwnWords()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        var mallory = await server.ConnectRawAsync();
        await mallory.JoinAsync("mallory");
        await alice.WaitForUserAsync("mallory");

        mallory.Reset();

        var left = await alice.DepartureOfAsync("mallory");
        output.WriteLine(left.Text);
        Assert.Equal(LeaveReason.Error, left.Reason);
        AssertOurWords(left.Text);
        await mallory.DisposeAsync();
    }

    private static void AssertOurWords(string text)
    {
        foreach (var word in ForeignWords)
        {
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
