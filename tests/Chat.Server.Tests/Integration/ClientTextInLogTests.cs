using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Integration;

/// <summary>What a client chose reaches the operator's log escaped: it can neither act on the terminal nor hide.</summary>
public class ClientTextInLogTests
{
    [Fact]
    public async Task AClientsSoftwareNameAndVersionAreEscapedInTheLog()
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        await client.SendAsync(new Hello(ProtocolInfo.Version, "alice", "evil\u202Eclient\u200B", "1.0\u001b[2J"));
        Assert.IsType<Welcome>(await client.ReceiveAsync());

        var joined = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 100);
        Assert.Contains(@"evil\u202Eclient\u200B 1.0\u001B[2J", joined.Message, StringComparison.Ordinal);
        AssertShowsEverything(joined.Message);
    }

    [Fact]
    public async Task ARefusedNameIsEscapedInTheLog()
    {
        var server = TestServer.Start();
        await using (server)
        {
            await using var client = await server.ConnectRawAsync();
            Assert.IsType<Rejected>(await client.HelloAsync("\u2067admin\u2069\u0007"));
        }

        // After the server has stopped, every session has finished logging.
        var rejected = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 101);
        Assert.Contains(@"\u2067admin\u2069\u0007", rejected.Message, StringComparison.Ordinal);
        AssertShowsEverything(rejected.Message);
    }

    [Fact]
    public async Task AGoodbyeTextIsEscapedInTheLog()
    {
        var server = TestServer.Start();
        await using (server)
        {
            await using var client = await server.JoinRawAsync("alice");
            await client.SendAsync(new Goodbye("bye\u200B\u00A0now"));
            await client.ReadToEndAsync();
        }

        var left = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 102);
        Assert.Contains(@"bye\u200B\u00A0now", left.Message, StringComparison.Ordinal);
        AssertShowsEverything(left.Message);
    }

    private static void AssertShowsEverything(string message) =>
        Assert.DoesNotContain(message.EnumerateRunes(), rune =>
            System.Text.Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
            || (rune.Value > 0x7F && System.Text.Rune.IsWhiteSpace(rune)));
}
