using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Integration;

/// <summary>
/// A FIN after the last frame is a clean end (docs/protocol.md, section 1): everything the client
/// sent before it is handled, and what the server answers still reaches the client before the
/// server closes its side. One-shot scripts and bots send all they have in one write and close.
/// </summary>
public class CleanCloseTests
{
    private const int Tries = 30;

    [Fact]
    [Trait("ProtocolRule", "R1.6")]
    public async Task HelloALineAndFinInOneWritePostTheLineEveryTime()
    {
        // Loopback is exempt from the limits per address: thirty one-shot connections in a row are the point here.
        var server = TestServer.Start(o => o with { HistoryLength = 0, Exempt = TestServer.Loopback });
        await using (server)
        {
            await PostOneShotLinesAsync(server);
        }

        // After the server has stopped, every session has finished logging: each one was a quit.
        Assert.Equal(Tries, server.Logs.Entries.Count(e => e.Message.StartsWith("script", StringComparison.Ordinal) && e.Message.Contains("left (Quit)", StringComparison.Ordinal)));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("ConnectionLost", StringComparison.Ordinal));
    }

    private static async Task PostOneShotLinesAsync(TestServer server)
    {
        await using var watcher = await server.ConnectAsync("watcher");
        await using var lines = watcher.ReadMessagesAsync().GetAsyncEnumerator();
        for (var i = 0; i < Tries; i++)
        {
            var name = $"script{i}";
            var text = $"one-shot line {i}";
            await using var script = await server.ConnectRawAsync();
            await script.SendBytesAsync([
                .. MessageSerializer.ToFrame(new Hello(ProtocolInfo.Version, name, "script", "1.0")),
                .. MessageSerializer.ToFrame(new SendText(text)),
            ]);
            script.ShutdownSend();

            var (messages, reset) = await script.ReadToEndAsync();

            Assert.False(reset, $"try {i}: the server reset the connection instead of closing it");
            Assert.IsType<Welcome>(messages.FirstOrDefault());
            Assert.Contains(messages, m => m is TextPosted posted && posted.Text == text && posted.Author == name);
            var seen = await NextTextAsync(lines);
            Assert.Equal((name, text), (seen.Author, seen.Text));
        }
    }

    [Fact]
    [Trait("ProtocolRule", "R7.33")]
    public async Task HalfAFrameThenFinGetsItsFatalErrorBeforeTheClose()
    {
        await using var server = TestServer.Start(o => o with { Exempt = TestServer.Loopback });
        var line = MessageSerializer.ToFrame(new SendText("never finished"));

        for (var i = 0; i < Tries; i++)
        {
            await using var script = await server.ConnectRawAsync();
            await script.SendBytesAsync([
                .. MessageSerializer.ToFrame(new Hello(ProtocolInfo.Version, $"half{i}", "script", "1.0")),
                .. line.AsSpan(0, line.Length / 2),
            ]);
            script.ShutdownSend();

            var (messages, reset) = await script.ReadToEndAsync();

            Assert.False(reset, $"try {i}: the server reset the connection instead of closing it");
            Assert.IsType<Welcome>(messages.FirstOrDefault());
            var error = Assert.IsType<ErrorMessage>(messages.Last());
            Assert.Equal((ErrorCode.ProtocolViolation, true), (error.Code, error.Fatal));
            Assert.Contains("middle of a frame", error.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("ProtocolRule", "R1.6")]
    public async Task HelloALineAndFinOverTlsPostTheLineToo()
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files, Exempt = TestServer.Loopback });
        for (var i = 0; i < 10; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync("127.0.0.1", server.Port).WithTimeout();
            await using var stream = new SslStream(new NetworkStream(socket), false, (_, certificate, _, _) => ChatTlsOptions.FingerprintOf(certificate!) == tls.Fingerprint);
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }).WithTimeout();
            await stream.WriteAsync((byte[])[
                .. MessageSerializer.ToFrame(new Hello(ProtocolInfo.Version, $"tls{i}", "script", "1.0")),
                .. MessageSerializer.ToFrame(new SendText($"over tls {i}")),
            ]).AsTask().WithTimeout();
            await stream.ShutdownAsync().WithTimeout(); // close_notify, then the FIN
            socket.Shutdown(SocketShutdown.Send);

            var messages = new List<ChatMessage>();
            var prefix = new byte[4];
            while (await stream.ReadAtLeastAsync(prefix, 4, throwOnEndOfStream: false).AsTask().WithTimeout() == 4)
            {
                var body = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
                await stream.ReadExactlyAsync(body).AsTask().WithTimeout();
                messages.Add(MessageSerializer.Decode(body)!);
            }

            Assert.IsType<Welcome>(messages.FirstOrDefault());
            Assert.Contains(messages, m => m is TextPosted { Text: var text } && text == $"over tls {i}");
        }
    }

    private static async Task<TextPosted> NextTextAsync(IAsyncEnumerator<ChatMessage> messages)
    {
        while (await messages.MoveNextAsync().AsTask().WithTimeout())
        {
            if (messages.Current is TextPosted posted)
            {
                return posted;
            }
        }

        throw new EndOfStreamException("The watcher's connection ended.");
    }
}
