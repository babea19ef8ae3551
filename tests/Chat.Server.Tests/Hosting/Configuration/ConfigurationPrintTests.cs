using System.CommandLine;
using System.CommandLine.Help;
using System.Text.Json;

namespace Chat.Server.Tests.Hosting.Configuration;

public sealed class ConfigurationPrintTests : IDisposable
{
    private static readonly JsonDocumentOptions s_jsonWithComments = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly ConfigurationFixture _files = new();

    [Fact]
    public async Task PrintConfigShowsEachSettingWithWhereItCameFromAndStartsNoServer()
    {
        var path = _files.Write("{\n  \"port\": 6000,\n  \"max-clients\": 50,\n  \"room\": [\"#dev\"],\n  \"history\": \"memory\"\n}");
        var environment = ConfigurationFixture.Environment(("CHATROOM_MAX_CLIENTS", "60"));

        var (exitCode, output, error) = await ConfigurationFixture.RunAsync(environment, "--config", path, "--address", "::1", "--print-config");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.Equal("\"::1\",", Setting(output, "address", "command line"));
        Assert.Equal("60,", Setting(output, "max-clients", "environment variable CHATROOM_MAX_CLIENTS"));
        Assert.Equal("6000,", Setting(output, "port", $"{path} line 2"));
        Assert.Equal("[\"#dev\"],", Setting(output, "room", $"{path} line 4"));
        Assert.Equal("\"memory\",", Setting(output, "history", $"{path} line 5"));
        Assert.Equal("4000,", Setting(output, "max-text-length", "default"));
        Assert.Equal("null,", Setting(output, "frame-rate", "default: not set"));
        Assert.Equal("false,", Setting(output, "operator-creates-rooms", "default"));
    }

    [Fact]
    public async Task PrintConfigListsEveryOptionOfTheRootCommand()
    {
        var command = new ServerCommandLine().Command;
        var expected = command.Options
            .Where(o => o is not (HelpOption or VersionOption) && o.Name is not ("--config" or "--print-config"))
            .Select(o => o.Name[2..])
            .ToList();

        var (exitCode, output, _) = await ConfigurationFixture.RunAsync(null, "--print-config");

        Assert.Equal(0, exitCode);
        using var printed = JsonDocument.Parse(output, s_jsonWithComments);
        Assert.Equal(expected, printed.RootElement.EnumerateObject().Select(p => p.Name).ToList());
        Assert.True(expected.Count >= 30, $"only {expected.Count} options");
    }

    [Fact]
    public async Task ThePrintedSettingsReadBackAsAConfigurationFileGiveTheSameSettings()
    {
        var path = _files.Write("""
            {
              "port": 6000,
              "room": ["#dev", "#ops"],
              "exempt": ["10.0.0.0/8", "fd00::/8"],
              "operator-creates-rooms": true,
              "motd": "Wëlcome \"team\" \\ <b>",
              "rate": 2.5,
              "history": "memory",
              "log-level": "warning"
            }
            """);
        var environment = ConfigurationFixture.Environment(("CHATROOM_MAX_CLIENTS", "60"), ("CHATROOM_FRAME_BURST", "500"));
        string[] commandLine = ["--config", path, "--address", "::1", "--idle-timeout", "0.5", "--default-room", "#Main"];

        var (_, printed, _) = await ConfigurationFixture.RunAsync(environment, [.. commandLine, "--print-config"]);
        var copy = _files.Write(printed, "printed.json");
        var (exitCode, reprinted, error) = await ConfigurationFixture.RunAsync(null, "--config", copy, "--print-config");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Equal(Values(printed), Values(reprinted));
        Assert.Equal(
            ConfigurationFixture.Options(environment, commandLine) with { Rooms = [], Exempt = [] },
            ConfigurationFixture.Options(null, "--config", copy) with { Rooms = [], Exempt = [] });
        Assert.Equal(["#dev", "#ops"], ConfigurationFixture.Options(null, "--config", copy).Rooms);
        Assert.Equal("Wëlcome \"team\" \\ <b>", ConfigurationFixture.Options(null, "--config", copy).MessageOfTheDay);
    }

    [Fact]
    public void SecretValuesArePrintedWithTheirNameOnly()
    {
        // A root command of its own: an option added to the root command becomes a setting with no list to update.
        var config = new Option<string?>("--config");
        var print = new Option<bool>("--print-config");
        var operators = new Option<string[]>("--operator") { AllowMultipleArgumentsPerToken = false };
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 5000 };
        var root = new RootCommand { config, print, operators, port };
        root.SetAction(_ => 0);
        var parser = new ConfiguredParser(root, config, print);
        var environment = ConfigurationFixture.Environment(("CHATROOM_OPERATOR", "alice:pbkdf2-sha256$100000$c2FsdA==$aGFzaA==,bob:pbkdf2-sha256$100000$eA==$eQ=="));
        string[] args = ["--port", "6000"];

        var parse = parser.Parse(root.Parse(args), args, environment);
        var output = new StringWriter();
        SettingsPrinter.Write(output, parser.Options, parse);

        Assert.Equal(["alice:pbkdf2-sha256$100000$c2FsdA==$aGFzaA==", "bob:pbkdf2-sha256$100000$eA==$eQ=="], parse.Result.GetValue(operators)!);
        Assert.Equal(6000, parse.Result.GetValue(port));
        Assert.DoesNotContain("pbkdf2", output.ToString(), StringComparison.Ordinal);
        using var printed = JsonDocument.Parse(output.ToString(), s_jsonWithComments);
        Assert.Equal(
            ["alice:(hidden)", "bob:(hidden)"],
            printed.RootElement.GetProperty("operator").EnumerateArray().Select(e => e.GetString()).ToList());
    }

    /// <summary>The value and the comment on the line of a key.</summary>
    private static string Setting(string output, string key, string comment)
    {
        var line = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith($"\"{key}\":", StringComparison.Ordinal));
        Assert.EndsWith($"// {comment}", line.TrimEnd(), StringComparison.Ordinal);
        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..line.IndexOf("//", StringComparison.Ordinal)].Trim();
    }

    /// <summary>Each key's JSON value, comments left out.</summary>
    private static Dictionary<string, string> Values(string printed)
    {
        using var document = JsonDocument.Parse(printed, s_jsonWithComments);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
    }

    public void Dispose() => _files.Dispose();
}
