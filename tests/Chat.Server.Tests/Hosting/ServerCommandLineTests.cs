using System.Net;
using Chat.Protocol.Wire;

namespace Chat.Server.Tests.Hosting;

public class ServerCommandLineTests
{
    [Theory]
    [InlineData("--port", "abc", "--port must be a whole number from 0 to 65535, not \"abc\".")]
    [InlineData("--port", "70000", "--port must be a whole number from 0 to 65535, not \"70000\".")]
    [InlineData("--port", "-1", "--port must be a whole number from 0 to 65535, not \"-1\".")]
    [InlineData("--address", "nonsense", "--address must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, not \"nonsense\".")]
    [InlineData("--address", "1", "--address must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, not \"1\".")]
    [InlineData("--rate", "fast", "--rate must be a number of at least 0, not \"fast\".")]
    [InlineData("--max-clients", "0", "--max-clients must be a whole number from 1 to 400000, not \"0\".")]
    [InlineData("--send-queue-bytes", "100", "--send-queue-bytes must be a whole number from 4096 to 2147483647, not \"100\".")]
    [InlineData("--log-level", "loud", "--log-level must be trace, debug, information, warning, error, critical or none, not \"loud\".")]
    public async Task ABadValueIsOneLineOnStandardErrorAndExitCodeOne(string option, string value, string message)
    {
        var (exitCode, output, error) = await RunAsync(option, value);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal([$"{message} (see --help)"], Lines(error));
    }

    [Fact]
    public async Task AnUnknownOptionIsOneLine()
    {
        var (exitCode, _, error) = await RunAsync("--prot", "5000");

        Assert.Equal(1, exitCode);
        Assert.Single(Lines(error), line => line.Contains("--prot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFrameLimitTooSmallForTheTextLimitIsExplained()
    {
        var (exitCode, _, error) = await RunAsync("--max-text-length", "10000", "--max-frame-bytes", "32768");

        Assert.Equal(1, exitCode);
        Assert.Contains("at least 40064", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--motd", "welcome\u202E", "Line 1 of the message of the day is not allowed")]
    [InlineData("--server-name", "Chat\u2028Room", "The server name is not allowed")]
    public async Task AMessageOfTheDayOrNameThatBreaksTheTextRulesIsOneLine(string option, string value, string message)
    {
        var (exitCode, _, error) = await RunAsync(option, value);

        Assert.Equal(1, exitCode);
        Assert.StartsWith(message, Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpListsTheOptions()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--address", "--port", "--max-clients", "--max-frame-bytes", "--max-text-length", "--rate", "--burst", "--handshake-timeout", "--idle-timeout", "--send-queue", "--send-queue-bytes", "--history", "--motd", "--server-name", "--log-level", "--version" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task APortInUseIsOneLineAndExitCodeOne()
    {
        await using var taken = ChatListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        var (exitCode, output, error) = await RunAsync("--port", taken.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal([$"Cannot listen on 127.0.0.1:{taken.LocalEndPoint.Port}: the port is already in use."], Lines(error));
    }

    [Fact]
    public async Task AnAddressThatIsNotThisMachinesIsOneLine()
    {
        // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
        var (exitCode, output, error) = await RunAsync("--address", "192.0.2.1", "--port", "0");

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(["Cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine."], Lines(error));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ServerCommandLine.RunAsync(args, output, error, TextReader.Null).WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
