using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Chat.Protocol.Wire;

namespace Chat.Protocol.Tests.Tls;

/// <summary>TLS between the package's client and a TLS listener over real TCP on 127.0.0.1: the checks, and each side's mismatch in words.</summary>
public class TlsConnectionTests
{
    private static readonly X509Certificate2 Certificate = TestCertificates.Localhost;
    private static readonly string Fingerprint = ChatTlsOptions.FingerprintOf(Certificate);

    [Fact]
    public async Task APinnedClientTalksToATlsListener()
    {
        await using var listener = ChatListener.BindTls(Loopback, new ChatServerCertificate(Certificate));
        var accepting = listener.AcceptAsync().AsTask();
        var client = await ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Pinned(Fingerprint)).WithTimeout();
        await using var both = new Both(client, await accepting.WithTimeout());
        var server = both.Second;

        await client.SendAsync(new SendText("over TLS")).WithTimeout();
        Assert.Equal(new SendText("over TLS"), await server.ReceiveAsync().WithTimeout());
        await server.SendAsync(new ServerNotice("back", Stamp)).WithTimeout();
        Assert.Equal(new ServerNotice("back", Stamp), await client.ReceiveAsync().WithTimeout());
    }

    [Fact]
    public async Task APinMatchesInAnyCaseWithOrWithoutColons()
    {
        var bare = Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

        Assert.Equal(Fingerprint, ChatTlsOptions.Pinned(bare).PinnedFingerprint);
        Assert.Equal(Fingerprint, ChatTlsOptions.Pinned(Fingerprint.Replace(':', ' ')).PinnedFingerprint);
    }

    [Theory]
    [InlineData("AB:CD")]
    [InlineData("not hex at all")]
    public void APinThatIsNotASha256FingerprintIsRefusedInWords(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatTlsOptions.Pinned(text));

        Assert.Contains("is not a SHA-256 fingerprint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemTrustRefusesASelfSignedCertificateAndShowsItsFingerprint()
    {
        await using var listener = ChatListener.BindTls(Loopback, new ChatServerCertificate(Certificate));
        var accepting = listener.AcceptAsync().AsTask();

        var ex = await Assert.ThrowsAsync<ChatTlsException>(
            () => ChatConnection.ConnectAsync("localhost", listener.LocalEndPoint.Port, WithTls(ChatTlsOptions.SystemTrust)).WithTimeout());

        Assert.Equal(ChatTlsProblem.Untrusted, ex.Problem);
        Assert.Equal(Fingerprint, ex.Fingerprint);
        Assert.Null(ex.ExpectedFingerprint);
        Assert.Contains($"The certificate of localhost:{listener.LocalEndPoint.Port} (CN=localhost) is not issued by an authority this system trusts", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Fingerprint, ex.Message, StringComparison.Ordinal);
        await using var server = await accepting.WithTimeout();
    }

    [Fact]
    public async Task AnotherCertificateThanThePinnedOneIsRefusedWithBothFingerprints()
    {
        using var other = TestCertificates.Create("impostor");
        var otherFingerprint = ChatTlsOptions.FingerprintOf(other);
        await using var listener = ChatListener.BindTls(Loopback, new ChatServerCertificate(other));
        var accepting = listener.AcceptAsync().AsTask();

        var ex = await Assert.ThrowsAsync<ChatTlsException>(
            () => ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Pinned(Fingerprint)).WithTimeout());

        Assert.Equal(ChatTlsProblem.FingerprintMismatch, ex.Problem);
        Assert.Equal(otherFingerprint, ex.Fingerprint);
        Assert.Equal(Fingerprint, ex.ExpectedFingerprint);
        Assert.Contains($"its SHA-256 fingerprint is {otherFingerprint}, but {Fingerprint} was pinned", ex.Message, StringComparison.Ordinal);
        await using var server = await accepting.WithTimeout();
    }

    [Fact]
    public async Task AnExpiredCertificateIsRefusedWithItsDate()
    {
        var now = DateTimeOffset.UtcNow;
        using var expired = TestCertificates.Create("localhost", now.AddDays(-30), now.AddDays(-1));
        await using var listener = ChatListener.BindTls(Loopback, new ChatServerCertificate(expired));
        var accepting = listener.AcceptAsync().AsTask();

        var ex = await Assert.ThrowsAsync<ChatTlsException>(
            () => ChatConnection.ConnectAsync("localhost", listener.LocalEndPoint.Port, WithTls(ChatTlsOptions.SystemTrust)).WithTimeout());

        Assert.Equal(ChatTlsProblem.Expired, ex.Problem);
        Assert.Contains($"expired on {expired.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC", ex.Message, StringComparison.Ordinal);
        await using var server = await accepting.WithTimeout();
    }

    [Fact]
    public void ACertificateForOtherNamesIsDescribedWithTheNamesItCarries()
    {
        using var certificate = TestCertificates.Create("chat.example.org");

        var ex = Wire.Transports.TlsClientHandshake.DescribeUntrusted(
            "other.example.org", "other.example.org:5000", certificate, X509ChainStatusFlags.NoError, SslPolicyErrors.RemoteCertificateNameMismatch);

        Assert.Equal(ChatTlsProblem.NameMismatch, ex.Problem);
        Assert.Equal(
            "The certificate of other.example.org:5000 is for chat.example.org, 127.0.0.1, not other.example.org; connect by a name it carries.",
            ex.Message);
    }

    [Fact]
    public async Task APlaintextClientIsToldInPlaintextThatTheListenerRequiresTls()
    {
        await using var listener = ChatListener.BindTls(Loopback, new ChatServerCertificate(Certificate));
        var accepting = listener.AcceptAsync().AsTask();
        await using var client = await ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port).WithTimeout();
        await using var server = await accepting.WithTimeout();

        await client.SendAsync(new Hello(ProtocolInfo.Version, "alice", "test", "1")).WithTimeout();
        var refused = await Assert.ThrowsAsync<ChatProtocolException>(() => server.ReceiveAsync().WithTimeout());
        Assert.Equal(ErrorCode.TlsRequired, refused.Code);
        await server.SendAsync(new ErrorMessage(ErrorCode.TlsRequired, refused.Message) { Fatal = true }).WithTimeout();
        var closing = server.DisposeAsync().AsTask();

        var error = Assert.IsType<ErrorMessage>(await client.ReceiveAsync().WithTimeout());
        Assert.Equal(ErrorCode.TlsRequired, error.Code);
        Assert.True(error.Fatal);
        Assert.Null(await client.ReceiveAsync().WithTimeout());
        await client.DisposeAsync().WithTimeout();
        await closing.WithTimeout();
    }

    [Fact]
    public async Task ATlsClientIsToldInWordsThatAPlaintextServerDoesNotUseTls()
    {
        await using var listener = ChatListener.Bind(Loopback);
        var serving = Task.Run(async () =>
        {
            // What a plaintext server does with a ClientHello: its first bytes make no sensible frame length.
            await using var server = await listener.AcceptAsync().WithTimeout();
            var ex = await Assert.ThrowsAsync<ChatProtocolException>(() => server.ReceiveAsync().WithTimeout());
            await server.SendAsync(new ErrorMessage(ex.Code, ex.Message) { Fatal = true }).WithTimeout();
        });

        var ex = await Assert.ThrowsAsync<ChatTlsException>(
            () => ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Pinned(Fingerprint)).WithTimeout());

        Assert.Equal(ChatTlsProblem.ServerDoesNotUseTls, ex.Problem);
        Assert.Equal($"The server at 127.0.0.1:{listener.LocalEndPoint.Port} does not use TLS; connect without TLS.", ex.Message);
        await serving.WithTimeout();
    }

    [Fact]
    public async Task AClientStuckInItsTlsHandshakeHoldsUpNoOtherConnection()
    {
        await using var listener = ChatListener.BindTls(Loopback, new ChatServerCertificate(Certificate));
        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await stalled.ConnectAsync(listener.LocalEndPoint).WithTimeout();
        await stalled.SendAsync(new byte[] { 0x16, 0x03, 0x01 }).WithTimeout(); // the start of a ClientHello, and nothing more
        await using var stalledServer = await listener.AcceptAsync().WithTimeout();
        var stalledReceive = stalledServer.ReceiveAsync().AsTask();

        var accepting = listener.AcceptAsync().AsTask();
        var client = await ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Pinned(Fingerprint)).WithTimeout();
        await using var both = new Both(client, await accepting.WithTimeout());
        var server = both.Second;
        await client.SendAsync(new SendText("not held up")).WithTimeout();

        Assert.Equal(new SendText("not held up"), await server.ReceiveAsync().WithTimeout());
        Assert.False(stalledReceive.IsCompleted);
        stalledServer.Abort("The handshake took too long.");
        var ex = await Assert.ThrowsAsync<ChatConnectionLostException>(() => stalledReceive.WithTimeout());
        Assert.Equal("The handshake took too long.", ex.Message);
    }

    [Fact]
    public async Task AReplacedCertificateIsPresentedToNewConnectionsOnly()
    {
        using var next = TestCertificates.Create("localhost");
        var certificate = new ChatServerCertificate(Certificate);
        await using var listener = ChatListener.BindTls(Loopback, certificate);
        var accepting = listener.AcceptAsync().AsTask();
        await using var first = new Both(
            await ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Pinned(Fingerprint)).WithTimeout(), await accepting.WithTimeout());
        var (before, beforeServer) = (first.First, first.Second);

        certificate.Replace(next);

        Assert.Equal(ChatTlsOptions.FingerprintOf(next), certificate.Fingerprint);
        accepting = listener.AcceptAsync().AsTask();
        await using var second = new Both(
            await ChatConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, Pinned(certificate.Fingerprint)).WithTimeout(), await accepting.WithTimeout());
        var (after, afterServer) = (second.First, second.Second);
        await before.SendAsync(new SendText("still here")).WithTimeout();
        Assert.Equal(new SendText("still here"), await beforeServer.ReceiveAsync().WithTimeout());
        await after.SendAsync(new SendText("new one")).WithTimeout();
        Assert.Equal(new SendText("new one"), await afterServer.ReceiveAsync().WithTimeout());
    }

    [Fact]
    public void ACertificateWithoutItsKeyIsRefusedInWords()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(Certificate.RawData);

        var ex = Assert.Throws<ArgumentException>(() => new ChatServerCertificate(publicOnly));

        Assert.StartsWith("The certificate CN=localhost comes without its private key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchOfManyFramesArrivesWholeAndInOrder()
    {
        await using var pair = await TestUtilities.ConnectedPair.CreateAsync(TransportKind.Tls);
        var batch = Enumerable.Range(0, 2000).Select(i => EncodedMessage.Encode(new ServerNotice($"line {i} " + new string('x', i % 300), Stamp))).ToArray();

        var sending = pair.Server.SendAsync(batch).AsTask();
        for (var i = 0; i < batch.Length; i++)
        {
            var notice = Assert.IsType<ServerNotice>(await pair.Client.ReceiveAsync().WithTimeout());
            Assert.Equal($"line {i} " + new string('x', i % 300), notice.Text);
        }

        await sending.WithTimeout();
    }

    private static readonly DateTime Stamp = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static IPEndPoint Loopback => new(IPAddress.Loopback, 0);

    private static ChatConnectionOptions Pinned(string fingerprint) => WithTls(ChatTlsOptions.Pinned(fingerprint));

    private static ChatConnectionOptions WithTls(ChatTlsOptions tls) => ChatConnectionOptions.Default with { Tls = tls };

    /// <summary>Both ends of a connection, closed at once: each end's close waits for the other to close its side.</summary>
    private sealed class Both(ChatConnection first, ChatConnection second) : IAsyncDisposable
    {
        public ChatConnection First => first;

        public ChatConnection Second => second;

        public async ValueTask DisposeAsync() =>
            await Task.WhenAll(first.DisposeAsync().AsTask(), second.DisposeAsync().AsTask()).WithTimeout();
    }
}
