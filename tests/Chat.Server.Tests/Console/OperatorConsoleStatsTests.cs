using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Operator;

/// <summary>The console's <c>stats</c>: its figures come from the server's meter and move with what happens.</summary>
public class OperatorConsoleStatsTests
{
    [Fact]
    public async Task TheFiguresMoveWithConnectionsLinesDeliveriesRefusalsAndDisconnects()
    {
        await using var server = TestServer.Start(o => o with { MaxConnectionsPerAddress = 2 });
        var output = new StringWriter();
        var console = new OperatorConsole(server.Server, output, OperatorConsole.StandardInputActor);
        var before = await StatsAsync(console, output);

        await using var alice = await server.JoinRawAsync("alice");
        await using var bob = await server.JoinRawAsync("bob");
        await alice.SendAsync(new SendText("hello"));
        await bob.ReceiveAsync<TextPosted>(line => line.Text == "hello");
        await alice.ReceiveAsync<TextPosted>(line => line.Text == "hello");
        await using var third = await server.ConnectRawAsync();
        Assert.Equal(ErrorCode.ServerBusy, (await third.ReceiveAsync<ErrorMessage>()).Code);
        await console.ExecuteAsync("kick bob").WithTimeout();
        await bob.ReadToEndAsync();
        await Condition.UntilAsync(() => server.Server.ConnectionCount == 1, "bob's connection is closed");
        var after = await StatsAsync(console, output);

        Assert.Equal("0 open, 0 since start", before["Connections"]);
        Assert.Equal("0", before["Users"]);
        Assert.StartsWith("0 posted, ", before["Lines"], StringComparison.Ordinal);
        Assert.Equal(("0", "0", "0"), (before["Deliveries"], before["Refusals"], before["Disconnects"]));

        Assert.Equal("1 open, 2 since start", after["Connections"]);
        Assert.Equal("1", after["Users"]);
        Assert.Equal("1", after["Rooms"]);
        Assert.StartsWith("1 posted, ", after["Lines"], StringComparison.Ordinal);
        Assert.True(long.Parse(after["Deliveries"], System.Globalization.CultureInfo.InvariantCulture) >= 4, after["Deliveries"]); // two welcomes, the line twice
        Assert.Equal("1 (connections_per_address 1)", after["Refusals"]);
        Assert.Equal("1 (kicked 1)", after["Disconnects"]);
        Assert.Equal("0 (not past hello, dropped to make room); slow consumers dropped: 0", after["Evictions"]);
        Assert.Matches(@"^GC heap \d+(\.\d)? [KMG]?i?B, working set \d+(\.\d)? [KMG]i?B, ", after["Memory"]);
        Assert.Matches(@"^\d+s \(since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$", after["Uptime"]);
        Assert.False(console.Failed);
    }

    [Fact]
    public void StatsTakesNoArguments()
    {
        Assert.Equal(new StatsCommand(), OperatorCommandParser.Parse("STATS"));
        Assert.Equal(new InvalidCommand("Usage: stats"), OperatorCommandParser.Parse("stats now"));
        Assert.Contains("  stats  ", OperatorCommandParser.HelpText, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>stats</c> and reads its lines as "Name: value".</summary>
    private static async Task<Dictionary<string, string>> StatsAsync(OperatorConsole console, StringWriter output)
    {
        output.GetStringBuilder().Clear();
        await console.ExecuteAsync("stats").WithTimeout();
        return output.ToString()
            .Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Select(static line => line.Split(':', 2))
            .ToDictionary(static parts => parts[0].Trim(), static parts => parts[1].Trim());
    }
}
