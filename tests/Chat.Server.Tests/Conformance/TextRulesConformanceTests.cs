using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Conformance;

/// <summary>
/// docs/protocol.md section 8, the text rules: over real TCP, every string the server relays
/// follows them, whoever wrote it, and what text needs (emoji sequences, marks, isolates) passes.
/// </summary>
public class TextRulesConformanceTests
{
    /// <summary>Each kind of misleading text the issue found relayed byte for byte, and what the rules call it.</summary>
    public static TheoryData<string, TextProblem> Misleading => new()
    {
        { "rtl \u202Egnp.exe", TextProblem.UnbalancedDirectionControl },
        { "isolate \u2067left open", TextProblem.UnbalancedDirectionControl },
        { "closes \u2069 nothing", TextProblem.UnbalancedDirectionControl },
        { "fake\u2028<Server> second line", TextProblem.LineSeparator },
        { "paragraph\u2029break", TextProblem.LineSeparator },
        { "non\uFFFFcharacter", TextProblem.Noncharacter },
        { "non\uFDD0character", TextProblem.Noncharacter },
        { "zalgo o" + new string('\u0336', 3000), TextProblem.TooManyCombiningMarks },
    };

    [Theory]
    [MemberData(nameof(Misleading))]
    [Trait("ProtocolRule", "R8.5")]
    public async Task MisleadingLinesAndPrivateMessagesAreRefusedAndTheSessionGoesOn(string text, TextProblem problem)
    {
        await using var server = TestServer.Start(o => o with { MaxTextLength = 4000 });
        await using var bob = await server.ConnectAsync("bob");
        await using var mallory = await server.JoinRawAsync("mallory");

        await mallory.SendAsync(new SendText(text));
        var refused = await mallory.ReceiveAsync<ErrorMessage>();
        Assert.Equal((ErrorCode.InvalidText, false, TextRules.Describe(problem, 4000)), (refused.Code, refused.Fatal, refused.Text));

        await mallory.SendAsync(new SendPrivate("bob", text));
        var refusedPrivately = await mallory.ReceiveAsync<ErrorMessage>();
        Assert.Equal((ErrorCode.InvalidText, false), (refusedPrivately.Code, refusedPrivately.Fatal));

        // The session goes on, and bob saw only what was allowed.
        await mallory.SendAsync(new SendText("sorry"));
        Assert.Equal("sorry", (await mallory.ReceiveAsync<TextPosted>()).Text);
        var atBob = await bob.NextAsync<ChatMessage>(m => m is TextPosted or PrivateMessage);
        Assert.Equal("sorry", Assert.IsType<TextPosted>(atBob).Text);
    }

    [Theory]
    [InlineData("thumbs up 👍🏽 and a family 👨‍👩‍👧‍👦")]
    [InlineData("🏳️‍🌈 🇫🇷 🇯🇵 keycap 1\uFE0F\u20E3")]
    [InlineData("the file \u2067ملف.txt\u2069 is here, \u2068עברית\u2069 too")]
    [InlineData("embedded \u202Bعربي\u202C, café, हिन्दी, tiếng Việt")]
    [Trait("ProtocolRule", "R8.5")]
    public async Task TextThatNeedsJoinersMarksAndIsolatesIsRelayedUnchanged(string text)
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");

        await alice.SendAsync(text).AsTask().WithTimeout();
        await alice.SendPrivateAsync("bob", text).AsTask().WithTimeout();

        Assert.Equal(text, (await bob.NextAsync<TextPosted>()).Text);
        Assert.Equal(text, (await bob.NextAsync<PrivateMessage>()).Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.5")]
    [Trait("ProtocolRule", "R7.30")]
    public async Task AMisleadingGoodbyeIsRelayedAsAnEmptyText()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var mallory = await server.JoinRawAsync("mallory");
        await alice.WaitForUserAsync("mallory");

        await mallory.SendAsync(new Goodbye("bye \u202Eevil"));

        var left = await alice.DepartureOfAsync("mallory");
        Assert.Equal((LeaveReason.Quit, string.Empty), (left.Reason, left.Text));
    }

    [Theory]
    [InlineData("Server_")]
    [InlineData("server.")]
    [InlineData("-SERVER-")]
    [InlineData("S.e.r.v.e.r")]
    [Trait("ProtocolRule", "R8.1")]
    public async Task NamesThatPoseAsTheServerAreReserved(string name)
    {
        await using var server = TestServer.Start();
        await using var client = await server.ConnectRawAsync();

        var rejected = Assert.IsType<Rejected>(await client.HelloAsync(name));

        Assert.Equal(RejectReason.NameReserved, rejected.Reason);
        Assert.Equal($"The name \"{name}\" is reserved for the server.", rejected.Text);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.6")]
    public async Task TheOperatorsNoticesKickReasonsAndShutdownTextFollowTheRulesToo()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);

        await console.ExecuteAsync("say look \u202Ehere").WithTimeout();
        await console.ExecuteAsync("kick bob you\u2028are out").WithTimeout();
        Assert.False(await console.ExecuteAsync("close bye\uFFFF").WithTimeout());

        var refusals = output.ToString();
        Assert.Contains(TextRules.Describe(TextProblem.UnbalancedDirectionControl, 0), refusals, StringComparison.Ordinal);
        Assert.Contains(TextRules.Describe(TextProblem.LineSeparator, 0), refusals, StringComparison.Ordinal);
        Assert.Contains(TextRules.Describe(TextProblem.Noncharacter, 0), refusals, StringComparison.Ordinal);
        Assert.Equal(["alice", "bob"], server.Server.DefaultRoom.Users().Order());

        // Nothing of that reached anyone: the next thing alice sees is an allowed notice.
        await console.ExecuteAsync("say all good").WithTimeout();
        Assert.Equal("all good", (await alice.NextAsync<ServerNotice>()).Text);
    }

    [Theory]
    [InlineData("welcome\n\u202Eevil", "Line 2 of the message of the day")]
    [InlineData("welcome\u2028fake", "Line 1 of the message of the day")]
    [InlineData("zalgo o" + "\u0336\u0336\u0336\u0336\u0336\u0336\u0336\u0336\u0336", "Line 1 of the message of the day")]
    [Trait("ProtocolRule", "R8.6")]
    public void AServerDoesNotStartWithAMessageOfTheDayThatBreaksTheRules(string motd, string expected)
    {
        var options = ChatServerOptions.Default with { MessageOfTheDay = motd };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("ProtocolRule", "R8.6")]
    public void AMessageOfTheDayOfSeveralLinesWithBlankOnesIsAllowed()
    {
        var options = ChatServerOptions.Default with { MessageOfTheDay = "Welcome!\r\n\nRules: be kind 👍🏽\n", ServerName = "Café \u2067مرحبا\u2069" };

        options.Validate();
        Assert.Throws<ArgumentException>((options with { ServerName = "evil\u202E" }).Validate);
    }
}
