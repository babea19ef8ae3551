namespace Chat.Server.Tests.Hosting.Configuration;

public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly ConfigurationFixture _files = new();

    [Fact]
    public void AnUnknownKeyNamesItsLineAndTheKeyItProbablyMeant()
    {
        var path = _files.Write("{\n  \"port\": 5000,\n\n  // limits\n  \"max-client\": 10\n}\n");

        Assert.Equal($"{path} line 5: unknown setting \"max-client\"; did you mean \"max-clients\"?", ConfigurationFixture.Problem(null, "--config", path));
    }

    [Fact]
    public void AnUnknownKeyLikeNoOptionIsJustUnknown()
    {
        var path = _files.Write("{ \"colour\": \"blue\" }");

        Assert.Equal($"{path} line 1: unknown setting \"colour\".", ConfigurationFixture.Problem(null, "--config", path));
    }

    [Fact]
    public void TheSettingsOfTheConfigurationItselfAreNoKeys()
    {
        var path = _files.Write("{\n\"config\": \"other.json\"\n}");

        Assert.Equal($"{path} line 2: unknown setting \"config\".", ConfigurationFixture.Problem(null, "--config", path));
    }

    [Theory]
    [InlineData("\"port\": \"abc\"", "\"port\" must be a whole number from 0 to 65535, not \"abc\".")]
    [InlineData("\"Port\": 70000", "\"Port\" must be a whole number from 0 to 65535, not \"70000\".")]
    [InlineData("\"rate\": \"fast\"", "\"rate\" must be a number of at least 0, not \"fast\".")]
    [InlineData("\"address\": \"nowhere\"", "\"address\" must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, not \"nowhere\".")]
    [InlineData("\"history\": \"disk\"", "\"history\" must be sqlite or memory, not \"disk\".")]
    [InlineData("\"default-room\": \"lobby\"", "\"default-room\" \"lobby\" is not a room name: A room name starts with '#', as in #lobby.")]
    [InlineData("\"operator-creates-rooms\": \"yes\"", "\"operator-creates-rooms\" must be true or false, not \"yes\".")]
    [InlineData("\"operator-creates-rooms\": 1", "\"operator-creates-rooms\" must be true or false, not \"1\".")]
    [InlineData("\"port\": [5000]", "\"port\" must be one value, not a list.")]
    [InlineData("\"port\": { \"value\": 5000 }", "\"port\" must be one value, not an object.")]
    [InlineData("\"room\": [[\"#a\"]]", "\"room\" must be a list of plain values (text or numbers), and item 0 is not.")]
    public void ABadValueNamesItsKeyAndLine(string setting, string message)
    {
        var path = _files.Write($"{{\n  \"motd\": \"hi\",\n  {setting}\n}}\n");

        Assert.Equal($"{path} line 3: {message}", ConfigurationFixture.Problem(null, "--config", path));
    }

    [Fact]
    public void ABadItemOfAListNamesTheItemsOwnLine()
    {
        var path = _files.Write("{\n  \"room\": [\n    \"#dev\",\n    \"ops\"\n  ]\n}\n");

        Assert.Equal(
            $"{path} line 4: \"room\" \"ops\" is not a room name: A room name starts with '#', as in #ops.",
            ConfigurationFixture.Problem(null, "--config", path));
    }

    [Theory]
    [InlineData("{\n  \"port\": 5000\n  \"motd\": \"hi\"\n}", 3)]
    [InlineData("{\n  \"port\": 5000,\n  \"motd\": \"hi\n}", 3)]
    [InlineData("{\n  \"port\": 5000,\n}\n}", 4)]
    [InlineData("{\n  \"port\": 50 00\n}", 2)]
    public void InvalidJsonNamesItsLine(string json, int line)
    {
        var path = _files.Write(json);

        Assert.StartsWith($"{path} line {line}: not valid JSON: ", ConfigurationFixture.Problem(null, "--config", path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void AnEmptyFileIsRefused(string json)
    {
        var path = _files.Write(json);

        Assert.Equal($"{path}: the file is empty; it must hold one JSON object of settings, such as {{ \"port\": 5000 }}.", ConfigurationFixture.Problem(null, "--config", path));
    }

    [Fact]
    public void AFileThatIsNotOneObjectIsRefused()
    {
        var path = _files.Write("\n[ \"port\", 5000 ]");

        Assert.Equal($"{path} line 2: the file must hold one JSON object of settings, such as {{ \"port\": 5000 }}.", ConfigurationFixture.Problem(null, "--config", path));
    }

    [Fact]
    public void TheFirstProblemInTheFileIsTheOneReported()
    {
        var path = _files.Write("{\n  \"zzz\": 1,\n  \"aaa\": 2,\n  \"port\": \"abc\",\n  \"burst\": \"many\"\n}");
        var values = _files.Write("{\n  \"rate\": \"fast\",\n  \"burst\": \"many\"\n}", "values.json");

        Assert.Equal($"{path} line 2: unknown setting \"zzz\".", ConfigurationFixture.Problem(null, "--config", path));
        Assert.Equal($"{values} line 2: \"rate\" must be a number of at least 0, not \"fast\".", ConfigurationFixture.Problem(null, "--config", values));
    }

    [Fact]
    public void AKeyTwiceNamesBothLines()
    {
        var twice = _files.Write("{\n  \"port\": 1,\n  \"PORT\": 2\n}");
        var twoSpellings = _files.Write("{\n  \"maxClients\": 1,\n  \"max-clients\": 2\n}", "two.json");

        Assert.Equal($"{twice} line 3: \"PORT\" is set twice (also on line 2).", ConfigurationFixture.Problem(null, "--config", twice));
        Assert.Equal(
            $"{twoSpellings} line 3: \"max-clients\" sets --max-clients a second time ({twoSpellings} line 2).",
            ConfigurationFixture.Problem(null, "--config", twoSpellings));
    }

    [Fact]
    public void AMissingFileOrAFolderIsOneLine()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"chat-no-such-{Guid.NewGuid():N}.json");
        var folder = Path.GetTempPath();

        Assert.Equal($"--config: the file \"{missing}\" does not exist.", ConfigurationFixture.Problem(null, "--config", missing));
        Assert.Equal($"--config: \"{folder}\" is a folder, not a file.", ConfigurationFixture.Problem(null, "--config", folder));
        Assert.Equal(
            $"--config: the file \"{missing}\" does not exist.",
            ConfigurationFixture.Problem(ConfigurationFixture.Environment(("CHATROOM_CONFIG", missing))));
    }

    [Fact]
    public void AnUnknownVariableNamesItselfAndTheVariableItProbablyMeant()
    {
        Assert.Equal(
            "environment variable CHATROOM_MAX_CLIENT is no setting of the server; did you mean CHATROOM_MAX_CLIENTS?",
            ConfigurationFixture.Problem(ConfigurationFixture.Environment(("CHATROOM_MAX_CLIENT", "5"))));
    }

    [Theory]
    [InlineData("CHATROOM_PORT", "abc", "--port must be a whole number from 0 to 65535, not \"abc\".")]
    [InlineData("CHATROOM_OPERATOR_CREATES_ROOMS", "yes", "--operator-creates-rooms must be true or false, not \"yes\".")]
    [InlineData("CHATROOM_EXEMPT", "10.0.0.0/8,nowhere", "--exempt must be an IP address or a network such as 127.0.0.1, 10.0.0.0/8 or fd00::/8, not \"nowhere\".")]
    public void ABadVariableNamesTheVariable(string variable, string value, string message)
    {
        Assert.Equal(
            $"environment variable {variable}: {message}",
            ConfigurationFixture.Problem(ConfigurationFixture.Environment((variable, value), ("HOME", "/nowhere"))));
    }

    [Fact]
    public void ABadItemOfAnIndexedListNamesItsVariable()
    {
        var environment = ConfigurationFixture.Environment(("CHATROOM_ROOM__0", "#dev"), ("CHATROOM_ROOM__1", "ops"));

        Assert.Equal(
            "environment variable CHATROOM_ROOM__1: --room \"ops\" is not a room name: A room name starts with '#', as in #ops.",
            ConfigurationFixture.Problem(environment));
    }

    [Fact]
    public void ATypoInTheFileIsAnErrorEvenWhereTheCommandLineGivesThatOption()
    {
        var path = _files.Write("{ \"prot\": 5000 }");

        Assert.StartsWith($"{path} line 1: unknown setting \"prot\"", ConfigurationFixture.Problem(null, "--config", path, "--port", "5000"), StringComparison.Ordinal);
    }

    [Fact]
    public void ABadValueInTheFileIsAnErrorEvenWhereAHigherSourceGivesThatOption()
    {
        var path = _files.Write("{\n  \"port\": \"abc\"\n}");
        var expected = $"{path} line 2: \"port\" must be a whole number from 0 to 65535, not \"abc\".";

        Assert.Equal(expected, ConfigurationFixture.Problem(null, "--config", path, "--port", "5000"));
        Assert.Equal(expected, ConfigurationFixture.Problem(ConfigurationFixture.Environment(("CHATROOM_PORT", "5000")), "--config", path));
    }

    [Fact]
    public async Task TheProgramSaysItInOneLineOnStandardErrorAndExitsWithOne()
    {
        var path = _files.Write("{\n  \"port\": \"abc\"\n}");

        var (exitCode, output, error) = await ConfigurationFixture.RunAsync(null, "--config", path);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"{path} line 2: \"port\" must be a whole number from 0 to 65535, not \"abc\".{Environment.NewLine}", error);
    }

    [Fact]
    public async Task SettingsThatDoNotFitTogetherAreRefusedWhereverTheyCameFrom()
    {
        var path = _files.Write("{ \"max-room-members\": 10, \"history\": \"memory\" }");

        var (exitCode, _, error) = await ConfigurationFixture.RunAsync(ConfigurationFixture.Environment(("CHATROOM_MAX_CLIENTS", "5")), "--config", path);

        Assert.Equal(1, exitCode);
        Assert.Equal($"--max-room-members 10 is more than --max-clients 5: a room cannot hold more users than the server.{Environment.NewLine}", error);
    }

    public void Dispose() => _files.Dispose();
}
