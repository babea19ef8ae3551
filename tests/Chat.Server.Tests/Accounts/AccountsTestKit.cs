using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Accounts;

/// <summary>A data folder of its own for one test, under the temporary folder, not created yet; deleted at the end.</summary>
internal sealed class TemporaryDataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"chatroom-accounts-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Servers with accounts and bans in a test's data folder, quick hashes, and hellos that give a name's password.</summary>
internal static class AccountsTestKit
{
    /// <summary>Few iterations: the tests are about the protocol, not the hash's cost.</summary>
    public const int Iterations = 1000;

    public const string OperatorName = "root";

    public const string OperatorPassword = "operator password";

    public static ChatServerOptions WithAccounts(this ChatServerOptions options, string dataFolder) => options with
    {
        DataFolder = dataFolder,
        PasswordIterations = Iterations,
        PasswordDelay = TimeSpan.Zero,
        Operators = [new OperatorAccount(OperatorName, PasswordHash.Hash(OperatorPassword, Iterations))],
    };

    public static TestServer Start(string dataFolder, Func<ChatServerOptions, ChatServerOptions>? configure = null) =>
        TestServer.Start(o =>
        {
            var withAccounts = o.WithAccounts(dataFolder);
            return configure?.Invoke(withAccounts) ?? withAccounts;
        });

    /// <summary>Says hello with a name's password and returns the answer.</summary>
    public static async Task<ChatMessage?> HelloAsync(this RawClient client, string name, string namePassword, int version = ProtocolInfo.Version)
    {
        await client.SendAsync(new Hello(version, name, "RawClient", "1.0") { NamePassword = namePassword });
        return await client.ReceiveAsync();
    }

    /// <summary>Connects, says hello as <paramref name="name"/>, and registers it with <paramref name="password"/>.</summary>
    public static async Task<RawClient> RegisterAsync(this TestServer server, string name, string password)
    {
        var client = await server.ConnectRawAsync();
        await client.JoinAsync(name);
        await client.SendAsync(new RegisterName(1, password));
        var registered = await client.ReceiveAsync<NameRegistered>();
        Assert.Equal((1, name), (registered.RequestId, registered.UserName));
        return client;
    }

    /// <summary>Says goodbye and waits until the server has closed the connection, so that the name is free again.</summary>
    public static async Task LeaveAsync(this RawClient client)
    {
        await client.SendAsync(new Goodbye(string.Empty));
        await client.ReadToEndAsync();
        await client.DisposeAsync();
    }

    /// <summary>Runs operator commands as the console would, returning what they printed.</summary>
    public static async Task<string> RunAsync(this TestServer server, string line)
    {
        var output = new StringWriter();
        await new OperatorConsole(server.Server, output, "test console").ExecuteAsync(line).WithTimeout();
        return output.ToString();
    }
}
