using System.Collections;

namespace Chat.Server.Tests.Hosting.Configuration;

/// <summary>Configuration files in a folder of their own, and the server's command line run with them and a test's own environment.</summary>
internal sealed class ConfigurationFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chat-config-").FullName;

    /// <summary>Writes a configuration file and returns its path.</summary>
    public string Write(string json, string name = "chatroom.json")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Parses a command line with the configuration into the server's settings; fails the test on a problem.</summary>
    public static ChatServerOptions Options(IDictionary? environment, params string[] args)
    {
        var (options, problem) = new ServerCommandLine().ParseOptions(args, environment ?? new Hashtable());
        Assert.True(options is not null, problem);
        return options;
    }

    /// <summary>The one line that says what is wrong with a command line and its configuration.</summary>
    public static string Problem(IDictionary? environment, params string[] args)
    {
        var (options, problem) = new ServerCommandLine().ParseOptions(args, environment ?? new Hashtable());
        Assert.Null(options);
        Assert.NotNull(problem);
        return problem;
    }

    /// <summary>Runs the program's command line as Program.cs does, with <paramref name="environment"/> for the process's variables.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IDictionary? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ServerCommandLine.RunAsync(args, environment ?? new Hashtable(), output, error, TextReader.Null)
            .WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>An environment of the given variables only.</summary>
    public static Hashtable Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Hashtable();
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The repository's folder (the one that holds ChatRoom.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatRoom.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("ChatRoom.sln was not found above the test's folder.");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
