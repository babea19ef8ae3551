using System.Net;
using Chat.Protocol;
using Microsoft.Extensions.Logging;

namespace Chat.Server.Tests.Support;

/// <summary>A real <see cref="ChatServer"/> on 127.0.0.1 and a free port, owned by one test.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(ChatServer server, ListLoggerProvider logs)
    {
        Server = server;
        Logs = logs;
        Port = server.LocalEndPoint!.Port;
    }

    /// <summary>
    /// Loopback without limits per address, for tests that open more connections from 127.0.0.1
    /// than one address may (as the load generator's server, with --exempt 127.0.0.0/8).
    /// </summary>
    public static IReadOnlyList<IPNetwork> Loopback { get; } = [IPNetwork.Parse("127.0.0.0/8")];

    public ChatServer Server { get; }

    public ListLoggerProvider Logs { get; }

    public int Port { get; }

    public static TestServer Start(Func<ChatServerOptions, ChatServerOptions>? configure = null)
    {
        var options = ChatServerOptions.Default with { Address = IPAddress.Loopback, Port = 0 };
        options = configure?.Invoke(options) ?? options;
        var logs = new ListLoggerProvider();
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        var server = new ChatServer(options, loggerFactory);
        server.Start();
        return new TestServer(server, logs);
    }

    public Task<ChatClient> ConnectAsync(string name, ChatClientOptions? options = null) =>
        ChatClient.ConnectAsync("127.0.0.1", Port, name, options).WithTimeout();

    public Task<RawClient> ConnectRawAsync(int? receiveBufferSize = null, IPAddress? from = null) => RawClient.ConnectAsync(Port, receiveBufferSize, from);

    /// <summary>Connects a raw client and completes its handshake as <paramref name="name"/>, asserting a <see cref="Protocol.Welcome"/>.</summary>
    public async Task<RawClient> JoinRawAsync(string name)
    {
        var client = await ConnectRawAsync();
        try
        {
            await client.JoinAsync(name);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().AsTask().WithTimeout();
        Logs.Dispose();
    }
}
