using System.Collections;
using System.Text.Json;

namespace Chat.Server.Tests.Hosting.Configuration;

public class ConfigurationExampleTests
{
    private static readonly string s_example = Path.Combine(ConfigurationFixture.RepositoryRoot(), "deploy", "chatroom.json");

    [Fact]
    public void TheExampleFileLoadsCleanly()
    {
        var options = ConfigurationFixture.Options(null, "--config", s_example);

        Assert.Equal(System.Net.IPAddress.Any, options.Address);
        Assert.Equal(["#dev", "#ops"], options.Rooms);
    }

    [Fact]
    public void EveryKeyOfTheExampleFileIsAnOptionSpelledAsOnTheCommandLineAndTakesEffect()
    {
        var commandLine = new ServerCommandLine();
        var options = new ConfigurableOptions(commandLine.Command, commandLine.Command.Options.Where(o => o.Name is "--config" or "--print-config"));
        using var document = JsonDocument.Parse(File.ReadAllText(s_example), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        var (parse, problem) = commandLine.Parse(["--config", s_example], new Hashtable());

        Assert.True(parse is not null, problem);
        Assert.True(keys.Count >= 15, $"only {keys.Count} settings");
        foreach (var key in keys)
        {
            Assert.True(options.TryFind(key, out var option), $"\"{key}\" is no option");
            Assert.Equal(option.Name, $"--{key}");
            Assert.Equal(SettingSource.File, parse.SourceOf(option));
        }
    }

    [Fact]
    public void TheServiceReadsTheExampleFileFromEtc()
    {
        var unit = File.ReadAllLines(Path.Combine(ConfigurationFixture.RepositoryRoot(), "deploy", "chatroom.service"));

        Assert.Contains(unit, line => line.StartsWith("ExecStart=", StringComparison.Ordinal) && line.Contains(" --config /etc/chatroom/chatroom.json", StringComparison.Ordinal));
        Assert.Contains(unit, line => line.Contains("deploy/chatroom.json /etc/chatroom/chatroom.json", StringComparison.Ordinal));
    }
}
