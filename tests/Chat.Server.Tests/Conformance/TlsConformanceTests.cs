using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Chat.Protocol;
using Chat.Protocol.Wire;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Conformance;

/// <summary>docs/protocol.md section 1, TLS: a real server with a certificate, over real TCP on 127.0.0.1.</summary>
public class TlsConformanceTests
{
    [Theory]
    [Trait("ProtocolRule", "R1.1")]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task TheServerSpeaksTls12AndTls13(SslProtocols protocol)
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", server.Port).WithTimeout();
        await using var stream = new SslStream(
            new NetworkStream(socket), false, (_, certificate, _, _) => ChatTlsOptions.FingerprintOf(certificate!) == tls.Fingerprint);

        await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = protocol }).WithTimeout();
        Assert.Equal(protocol, stream.SslProtocol);
        await stream.WriteAsync(MessageSerializer.ToFrame(new Hello(ProtocolInfo.Version, "alice", "raw", "1"))).WithTimeout();

        var prefix = new byte[4];
        await stream.ReadExactlyAsync(prefix).WithTimeout();
        var body = new byte[System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(prefix)];
        await stream.ReadExactlyAsync(body).WithTimeout();
        Assert.IsType<Welcome>(MessageSerializer.Decode(body));
    }

    [Fact]
    [Trait("ProtocolRule", "R1.2")]
    public async Task AStalledTlsHandshakeRunsOutOfTheHandshakeTimeWithoutHoldingUpOthers()
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files, HandshakeTimeout = TimeSpan.FromMilliseconds(500) });
        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await stalled.ConnectAsync("127.0.0.1", server.Port).WithTimeout();
        await stalled.SendAsync(new byte[] { 0x16, 0x03, 0x01, 0x00 }).WithTimeout(); // a ClientHello that never comes

        await using var alice = await server.ConnectAsync("alice", tls.PinnedClient);
        Assert.Equal("alice", alice.UserName);

        // The server gives up on the stalled one: its socket ends (a reset: no TLS session exists to say goodbye in).
        var buffer = new byte[64];
        try
        {
            Assert.Equal(0, await stalled.ReceiveAsync(buffer).WithTimeout());
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
        }

        // The session logs its end before it closes the connection.
        Assert.Contains(server.Logs.Entries, entry => entry.Message.EndsWith("closed (HandshakeTimeout)", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("ProtocolRule", "R1.3")]
    public async Task APlaintextClientGetsTlsRequiredInPlaintextBeforeTheClose()
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files });
        await using var client = await server.ConnectRawAsync();

        var answer = await client.HelloAsync("alice");
        var error = Assert.IsType<ErrorMessage>(answer);
        Assert.Equal((ErrorCode.TlsRequired, true), (error.Code, error.Fatal));
        Assert.Equal("This server accepts only TLS connections; connect with TLS turned on.", error.Text);
        var (rest, reset) = await client.ReadToEndAsync().WithTimeout();
        Assert.Empty(rest);
        Assert.False(reset);
    }

    [Fact]
    [Trait("ProtocolRule", "R1.3")]
    public async Task ThePackagesPlaintextClientSaysTheServerRequiresTls()
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files });

        var ex = await Assert.ThrowsAsync<ChatTlsException>(() => server.ConnectAsync("alice"));

        Assert.Equal(ChatTlsProblem.ServerRequiresTls, ex.Problem);
        Assert.Contains("The server requires TLS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("ProtocolRule", "R1.4")]
    public async Task APlaintextServerAnswersAClientHelloWithFrameTooLargeAndTheClientSaysItDoesNotUseTls()
    {
        await using var server = TestServer.Start();
        await using (var raw = await server.ConnectRawAsync())
        {
            await raw.SendBytesAsync([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]);
            var error = await raw.ReceiveAsync<ErrorMessage>();
            Assert.Equal((ErrorCode.FrameTooLarge, true), (error.Code, error.Fatal));
        }

        var options = ChatClientOptions.Default with { Connection = ChatConnectionOptions.Default with { Tls = ChatTlsOptions.SystemTrust } };
        var ex = await Assert.ThrowsAsync<ChatTlsException>(() => server.ConnectAsync("alice", options));

        Assert.Equal(ChatTlsProblem.ServerDoesNotUseTls, ex.Problem);
        Assert.Equal($"The server at 127.0.0.1:{server.Port} does not use TLS; connect without TLS.", ex.Message);
    }

    [Fact]
    [Trait("ProtocolRule", "R1.5")]
    public async Task TheClientAcceptsOnlyATrustedOrThePinnedCertificate()
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files });
        using var other = TestCertificates.Create("localhost");
        var wrongPin = ChatClientOptions.Default with
        {
            Connection = ChatConnectionOptions.Default with { Tls = ChatTlsOptions.Pinned(ChatTlsOptions.FingerprintOf(other)) },
        };
        var systemTrust = ChatClientOptions.Default with { Connection = ChatConnectionOptions.Default with { Tls = ChatTlsOptions.SystemTrust } };

        var untrusted = await Assert.ThrowsAsync<ChatTlsException>(() => server.ConnectAsync("alice", systemTrust));
        var mismatch = await Assert.ThrowsAsync<ChatTlsException>(() => server.ConnectAsync("alice", wrongPin));
        await using var pinned = await server.ConnectAsync("alice", tls.PinnedClient);

        Assert.Equal((ChatTlsProblem.Untrusted, tls.Fingerprint), (untrusted.Problem, untrusted.Fingerprint));
        Assert.Equal((ChatTlsProblem.FingerprintMismatch, tls.Fingerprint), (mismatch.Problem, mismatch.Fingerprint));
        Assert.Equal("alice", pinned.UserName);
    }
}
