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
    [InlineData("--exempt", "10.0.0.1/8", "--exempt must be an IP address or a network such as 127.0.0.1, 10.0.0.0/8 or fd00::/8, not \"10.0.0.1/8\".")]
    [InlineData("--frame-burst", "1.5", "--frame-burst must be a whole number of at least 1, not \"1.5\".")]
    [InlineData("--max-users-per-address", "-1", "--max-users-per-address must be a whole number from 0 to 400000, not \"-1\".")]
    [InlineData("--log-level", "loud", "--log-level must be trace, debug, information, warning, error, critical or none, not \"loud\".")]
    [InlineData("--default-room", "lobby", "--default-room \"lobby\" is not a room name: A room name starts with '#', as in #lobby.")]
    [InlineData("--room", "#a b", "--room \"#a b\" is not a room name: A room name is '#' followed by letters (A-Z, a-z), digits, '_', '-' and '.'.")]
    [InlineData("--max-rooms", "0", "--max-rooms must be a whole number from 1 to 1000000, not \"0\".")]
    [InlineData("--max-rooms-per-user", "0", "--max-rooms-per-user must be a whole number from 1 to 100000, not \"0\".")]
    [InlineData("--history", "disk", "--history must be sqlite or memory, not \"disk\".")]
    [InlineData("--history-limit", "-1", "--history-limit must be a whole number from 0 to 100000, not \"-1\".")]
    [InlineData("--history-on-join", "lots", "--history-on-join must be a whole number from 0 to 100000, not \"lots\".")]
    [InlineData("--max-room-members", "many", "--max-room-members must be a whole number from 1 to 400000, not \"many\".")]
    [InlineData("--metrics-port", "70000", "--metrics-port must be a whole number from 0 to 65535, not \"70000\".")]
    [InlineData("--metrics-address", "nowhere", "--metrics-address must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, not \"nowhere\".")]
    public async Task ABadValueIsOneLineOnStandardErrorAndExitCodeOne(string option, string value, string message)
    {
        var (exitCode, output, error) = await RunAsync(option, value);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal([$"{message} (see --help)"], Lines(error));
    }

    [Theory]
    [InlineData("--max-room-members 10 is more than --max-clients 5: a room cannot hold more users than the server.", "--max-room-members", "10", "--max-clients", "5")]
    [InlineData("--max-rooms 2 is fewer than the 3 rooms the operator creates at start (--default-room and --room).", "--max-rooms", "2", "--room", "#a", "--room", "#B", "--room", "#b")]
    public async Task RoomOptionsThatDoNotFitTogetherAreOneLineAndExitCodeOne(string message, params string[] args)
    {
        var (exitCode, _, error) = await RunAsync([.. args, "--port", "0"]);

        Assert.Equal(1, exitCode);
        Assert.Equal([message], Lines(error));
    }

    [Fact]
    public async Task AMissingPasswordFileIsOneLineAndExitCodeOne()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chat-no-such-{Guid.NewGuid():N}");

        var (exitCode, _, error) = await RunAsync("--password-file", path, "--port", "0");

        Assert.Equal(1, exitCode);
        Assert.Equal([$"--password-file: The password file \"{path}\" does not exist."], Lines(error));
    }

    [Theory]
    [InlineData("", UnixFileMode.UserRead | UnixFileMode.UserWrite, "is empty: its first line must hold the password.")]
    [InlineData("s3cret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "may be read or changed by other users (mode 644); make it private to its owner with: chmod 600 ")]
    public async Task APasswordFileThatIsEmptyOrReadableByOthersIsRefusedWithTheReason(string content, UnixFileMode mode, string reason)
    {
        var path = WritePasswordFile(content, mode);
        try
        {
            var (exitCode, _, error) = await RunAsync("--password-file", path, "--port", "0");

            Assert.Equal(1, exitCode);
            var line = Assert.Single(Lines(error));
            Assert.StartsWith($"--password-file: The password file \"{path}\" ", line, StringComparison.Ordinal);
            Assert.Contains(reason, line, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("s3cret\n")]
    [InlineData("s3cret\r\nsecond line\n")]
    [InlineData("s3cret")]
    public void APrivatePasswordFileGivesItsFirstLineWithoutTheLineBreak(string content)
    {
        var path = WritePasswordFile(content, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            Assert.True(Chat.Shared.PasswordFile.TryRead(path, out var password, out var problem), problem);
            Assert.Equal("s3cret", password);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("127.0.0.0/8", "127.0.0.2", true)]
    [InlineData("127.0.0.0/8", "::ffff:127.0.0.9", true)]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3", true)]
    [InlineData("10.1.2.3", "10.1.2.4", false)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("fd00::/8", "fe80::1", false)]
    public void AnExemptionHoldsItsAddressesWithIPv4MappedOnesAsIPv4(string exempt, string address, bool holds)
    {
        Assert.True(ServerCommandLine.TryParseNetwork(exempt, out var network));

        Assert.Equal(holds, ClientAddress.IsIn(ClientAddress.Normalize(IPAddress.Parse(address)), [network]));
    }

    [Fact]
    public void ThePasswordIsComparedAndNeverShown()
    {
        var password = new ServerPassword("s3cret");

        Assert.True(password.Matches("s3cret"));
        Assert.False(password.Matches("s3cret "));
        Assert.False(password.Matches(string.Empty));
        Assert.False(password.Matches(null));
        Assert.DoesNotContain("s3cret", (ChatServerOptions.Default with { Password = password }).ToString(), StringComparison.Ordinal);
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
        foreach (var option in new[] { "--address", "--port", "--max-clients", "--max-frame-bytes", "--max-text-length", "--rate", "--burst", "--handshake-timeout", "--idle-timeout", "--send-queue", "--send-queue-bytes", "--history", "--history-on-join", "--history-limit", "--motd", "--server-name", "--log-level", "--tls-cert", "--tls-key", "--data", "--version" })
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

        // The command line keeps the history in a SQLite file in ./chat-data by default: these servers keep it in memory.
        string[] history = args.Contains("--history") ? [] : ["--history", "memory"];

        // Nor a console socket in ./chat-data, where the servers of tests running at once would meet.
        string[] console = args.Contains("--console-socket") ? [] : ["--console-socket", "none"];
        var exitCode = await ServerCommandLine.RunAsync([.. history, .. console, .. args], output, error, TextReader.Null).WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string WritePasswordFile(string content, UnixFileMode mode)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chat-password-{Guid.NewGuid():N}");
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
