using System.Text;
using Chat.Client.Tui.Settings;

namespace Chat.Client.Tui.Tests.Settings;

public class ClientSettingsFileTests
{
    [Fact]
    public void ReadsEverySetting()
    {
        var settings = Parse("""
            {
              // comments and trailing commas are fine
              "server": "chat.example.com:6000",
              "name": " alice ",
              "bell": false,
              "timestamps": "seconds",
              "colors": "mono",
              "tls": true,
              "ignore": ["spammer", "Troll"],
            }
            """);

        Assert.Equal("chat.example.com", settings.Host);
        Assert.Equal(6000, settings.Port);
        Assert.Equal("alice", settings.Name);
        Assert.False(settings.Bell);
        Assert.Equal(TimestampStyle.Seconds, settings.Timestamps);
        Assert.True(settings.Mono);
        Assert.True(settings.Tls);
        Assert.Equal(["spammer", "Troll"], settings.Ignore);
    }

    [Fact]
    public void AServerWithoutAPortKeepsThePortItOverrides()
    {
        var settings = Parse("""{ "server": "chat.example.com" }""", ClientSettings.Default with { Port = 7000 });
        Assert.Equal(("chat.example.com", 7000), (settings.Host, settings.Port));
    }

    [Fact]
    public void AnEmptyFileOrObjectChangesNothing()
    {
        Assert.Equal(ClientSettings.Default, Parse(""));
        Assert.Equal(ClientSettings.Default, Parse("{}"));
    }

    [Theory]
    [InlineData("{\n  \"bell\": true,\n  \"colour\": \"mono\"\n}", "line 3: \"colour\" is not a setting")]
    [InlineData("{\n\n  \"bell\": \"yes\"\n}", "line 3: \"bell\" must be true or false")]
    [InlineData("{ \"timestamps\": \"hours\" }", "\"timestamps\" must be \"minutes\", \"seconds\" or \"off\"")]
    [InlineData("{ \"colors\": \"rainbow\" }", "\"colors\" must be \"auto\" or \"mono\"")]
    [InlineData("{ \"tls\": \"yes\" }", "\"tls\" must be true or false.")]
    [InlineData("{ \"server\": \"h:99999\" }", "\"server\" is not a server address")]
    [InlineData("{ \"name\": \"Server\" }", "\"name\" is not a user name: The name \"Server\" is reserved")]
    [InlineData("{ \"ignore\": \"bob\" }", "\"ignore\" must be a list of user names")]
    [InlineData("{ \"ignore\": [\"bob smith\"] }", "\"ignore\" must be a list of user names")]
    [InlineData("[1, 2]", "must hold one JSON object")]
    [InlineData("{\n  \"bell\": true\n  \"name\": \"x\"\n}", "line 3: this is not valid JSON")]
    public void ABadFileIsOneErrorNamingTheFileTheLineAndTheKey(string json, string expected)
    {
        Assert.False(ClientSettingsFile.TryParse(Encoding.UTF8.GetBytes(json), "client.json", ClientSettings.Default, out _, out var error));
        Assert.StartsWith("client.json: line ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsNoSettingsUnlessItWasNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chatroom-missing-{Guid.NewGuid():N}.json");

        Assert.True(ClientSettingsFile.TryLoad(path, mustExist: false, ClientSettings.Default, out var settings, out _));
        Assert.Equal(ClientSettings.Default, settings);
        Assert.False(ClientSettingsFile.TryLoad(path, mustExist: true, ClientSettings.Default, out _, out var error));
        Assert.Equal($"The configuration file {path} does not exist.", error);
    }

    [Fact]
    public void TheExampleInTheRepositoryIsValid()
    {
        var path = Path.Combine(RepositoryRoot(), "src", "Chat.Client.Tui", "client.example.json");
        Assert.True(ClientSettingsFile.TryLoad(path, mustExist: true, ClientSettings.Default, out var settings, out var error), error);
        Assert.Equal("alice", settings.Name);
    }

    [Theory]
    [InlineData("/xdg", "/home/a", "/xdg/chatroom/client.json")]
    [InlineData(null, "/home/a", "/home/a/.config/chatroom/client.json")]
    [InlineData("relative/dir", "/home/a", "/home/a/.config/chatroom/client.json")]
    [InlineData(null, null, null)]
    public void TheDefaultPathFollowsTheXdgBaseDirectorySpec(string? xdg, string? home, string? expected)
    {
        var path = ClientSettingsFile.DefaultPath(name => name switch
        {
            "XDG_CONFIG_HOME" => xdg,
            "HOME" => home,
            _ => null,
        });
        Assert.Equal(expected, path);
    }

    private static ClientSettings Parse(string json, ClientSettings? baseline = null)
    {
        Assert.True(ClientSettingsFile.TryParse(Encoding.UTF8.GetBytes(json), "client.json", baseline ?? ClientSettings.Default, out var settings, out var error), error);
        return settings;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatRoom.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatRoom.sln was not found.");
    }
}
