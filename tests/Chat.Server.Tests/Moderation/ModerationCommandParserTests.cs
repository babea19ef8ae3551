using System.Net;

namespace Chat.Server.Tests.Moderation;

/// <summary>The operator commands of moderation, as the parser reads them.</summary>
public class ModerationCommandParserTests
{
    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("7d", 7 * 86400)]
    [InlineData("1w", 7 * 86400)]
    [InlineData("1h30m", 5400)]
    [InlineData("45s", 45)]
    [InlineData("2H", 7200)]
    public void ReadsDurations(string text, int seconds)
    {
        Assert.True(BanDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("3y")]
    [InlineData("1h-5m")]
    [InlineData("99999w")]
    [InlineData("spam")]
    public void RefusesWhatIsNotADuration(string text) => Assert.False(BanDuration.TryParse(text, out _));

    [Fact]
    public void ReadsABanOfANameWithADurationAndAReason()
    {
        var ban = Assert.IsType<BanCommand>(OperatorCommandParser.Parse("ban Alice 2h flooding the room"));

        Assert.Equal(("Alice", TimeSpan.FromHours(2), "flooding the room"), (ban.Target.Name, ban.Duration, ban.Reason));
        Assert.False(ban.Target.IsAddress);
    }

    [Fact]
    public void ReadsABanWithoutADurationAsOneWithoutEndAndTheRestAsTheReason()
    {
        var ban = Assert.IsType<BanCommand>(OperatorCommandParser.Parse("/BAN 203.0.113.7 spam bot"));

        Assert.Equal(("203.0.113.7", (TimeSpan?)null, "spam bot"), (ban.Target.Text, ban.Duration, ban.Reason));
        Assert.True(ban.Target.HoldsAddress(IPAddress.Parse("203.0.113.7")));
    }

    [Theory]
    [InlineData("ban 203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("ban 2001:db8::/32 1w", "2001:db8::/32")]
    [InlineData("ban ::ffff:198.51.100.1", "198.51.100.1")]
    [InlineData("unban 10.0.0.0/8", "10.0.0.0/8")]
    public void ReadsAddressesAndNetworks(string line, string target)
    {
        var command = OperatorCommandParser.Parse(line);
        var parsed = command switch
        {
            BanCommand ban => ban.Target,
            UnbanCommand unban => unban.Target,
            _ => throw new Xunit.Sdk.XunitException($"Not a ban: {command}"),
        };

        Assert.Equal(target, parsed.Text);
        Assert.True(parsed.IsAddress);
    }

    [Fact]
    public void AnIpv4MappedAddressIsHeldByAnIpv4Ban()
    {
        var ban = Assert.IsType<BanCommand>(OperatorCommandParser.Parse("ban 198.51.100.0/24"));

        Assert.True(ban.Target.HoldsAddress(IPAddress.Parse("::ffff:198.51.100.20")));
        Assert.False(ban.Target.HoldsAddress(IPAddress.Parse("198.51.101.20")));
    }

    [Theory]
    [InlineData("ban", "Usage: ban <name|address|CIDR> [duration] [reason]")]
    [InlineData("ban 10.0.0.1/8", "\"10.0.0.1/8\" is not a network")]
    [InlineData("ban bad*name", "\"bad*name\" is neither a user name nor an address or network")]
    [InlineData("unban", "Usage: unban <name|address|CIDR>")]
    [InlineData("mute", "Usage: mute <name> [duration] [reason]")]
    [InlineData("mute 10.0.0.0/8", "A user name may only contain")]
    [InlineData("unmute", "Usage: unmute <name>")]
    [InlineData("unregister a b", "Usage: unregister <name>")]
    [InlineData("bans everything", "Usage: bans")]
    public void SaysHowACommandIsUsedWhenItIsUsedWrongly(string line, string start)
    {
        var invalid = Assert.IsType<InvalidCommand>(OperatorCommandParser.Parse(line));

        Assert.StartsWith(start, invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsTheOtherModerationCommands()
    {
        Assert.Equal(new MuteCommand("bob", TimeSpan.FromMinutes(30), "calm down"), OperatorCommandParser.Parse("mute bob 30m calm down"));
        Assert.Equal(new MuteCommand("bob", null, string.Empty), OperatorCommandParser.Parse("mute bob"));
        Assert.Equal(new UnmuteCommand("bob"), OperatorCommandParser.Parse("unmute bob"));
        Assert.Equal(new UnregisterCommand("carol"), OperatorCommandParser.Parse("unregister carol"));
        Assert.IsType<BansCommand>(OperatorCommandParser.Parse("bans"));
        Assert.IsType<AccountsCommand>(OperatorCommandParser.Parse("ACCOUNTS"));
    }

    [Fact]
    public void TheHelpListsTheModerationCommands()
    {
        foreach (var word in new[] { "ban <", "unban <", "bans ", "mute <", "unmute <", "accounts ", "unregister <" })
        {
            Assert.Contains($"  {word}", OperatorCommandParser.HelpText, StringComparison.Ordinal);
        }
    }
}
