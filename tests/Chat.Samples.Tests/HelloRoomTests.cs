using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Chat.Protocol;
using Chat.Samples.Tests.Support;

namespace Chat.Samples.Tests;

/// <summary>samples/HelloRoom, the example in the package's README, run against the real server.</summary>
public sealed partial class HelloRoomTests
{
    [Fact]
    public async Task SaysHelloAndLeavesOnceTheRoomHeardIt()
    {
        await using var server = await BuiltPrograms.StartServerAsync();
        await using var bob = await server.JoinAsync("bob");

        await using var hello = ProgramProcess.Start(BuiltPrograms.HelloRoom, "127.0.0.1", server.Port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(0, await hello.WaitForExitAsync());
        Assert.Equal(["Joined ChatRoom; in the room: bob, hello-bot", "<hello-bot> Hello, room!"], hello.OutputLines);
        var posted = await bob.NextAsync<TextPosted>();
        Assert.Equal(("hello-bot", "Hello, room!"), (posted.Author, posted.Text));
        var left = await bob.NextAsync<UsersLeft>();
        Assert.Equal(new Departure("hello-bot", LeaveReason.Quit), left.Departures.Single());
    }

    [Fact]
    public async Task SaysInWordsThatNoServerIsListening()
    {
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // Bound, not listening: connections are refused.
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        await using var hello = ProgramProcess.Start(BuiltPrograms.HelloRoom, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, await hello.WaitForExitAsync());
        await hello.WaitForErrorAsync($"No chat server is listening on 127.0.0.1:{port}.");
    }

    [Fact]
    public void ThePackageReadmeShowsTheHelloRoomSampleWordForWord()
    {
        var readme = File.ReadAllText(BuiltPrograms.PathOf("src/Chat.Protocol/PACKAGE.md"));
        var sample = File.ReadAllText(BuiltPrograms.PathOf("samples/HelloRoom/Program.cs"));

        // The first csharp block is the example; .ci/check-package.sh compiles and runs it against the package.
        var example = FirstCSharpBlock().Match(readme);
        Assert.True(example.Success, "src/Chat.Protocol/PACKAGE.md has no ```csharp block.");
        Assert.Equal(sample.ReplaceLineEndings("\n"), example.Groups[1].Value.ReplaceLineEndings("\n"));
        Assert.True(sample.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 22, "The README's example should stay about 20 lines.");
    }

    [GeneratedRegex(@"^```csharp\n(.*?\n)```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FirstCSharpBlock();
}
