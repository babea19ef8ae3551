using Chat.Client.Tui.Settings;

namespace Chat.Client.Tui.Tests.Settings;

public class ServerAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", null)]
    [InlineData("127.0.0.1:5000", "127.0.0.1", 5000)]
    [InlineData(" chat.example.com:6000 ", "chat.example.com", 6000)]
    [InlineData("chat.example.com", "chat.example.com", null)]
    [InlineData("::1", "::1", null)]
    [InlineData("fe80::1:2", "fe80::1:2", null)]
    [InlineData("[::1]", "::1", null)]
    [InlineData("[::1]:5001", "::1", 5001)]
    public void ReadsEveryFormAUserTypes(string text, string host, int? port)
    {
        Assert.True(ServerAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(new ServerAddress(host, port), address);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("127.0.0.1:", "is not a port")]
    [InlineData("127.0.0.1:http", "is not a port")]
    [InlineData("127.0.0.1:0", "is not a port")]
    [InlineData("127.0.0.1:70000", "is not a port")]
    [InlineData(":5000", "no host")]
    [InlineData("[::1", "does not close it")]
    [InlineData("[::1]5000", "write [address]:port")]
    [InlineData("[]:5000", "no host")]
    public void RefusesWhatIsNotAnAddressSayingWhy(string text, string why)
    {
        Assert.False(ServerAddress.TryParse(text, out _, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", 5000, "127.0.0.1:5000")]
    [InlineData("::1", 5000, "[::1]:5000")]
    public void FormatsIpv6InBrackets(string host, int port, string expected) =>
        Assert.Equal(expected, ServerAddress.Format(host, port));
}
