using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Tls;

/// <summary>The server's certificate: loaded from PEM files, replaced by a reload (SIGHUP) for new connections, kept when the new one is bad.</summary>
public class CertificateReloadTests
{
    [Fact]
    public async Task AReloadGivesNewConnectionsTheNewCertificateAndKeepsOpenOnes()
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files });
        await using var alice = await server.ConnectAsync("alice", tls.PinnedClient);
        var oldFingerprint = tls.Fingerprint;
        using var renewed = TestCertificates.Create("localhost");
        tls.Write(renewed);

        Assert.True(server.Server.ReloadCertificate());

        Assert.Equal(tls.Fingerprint, server.Server.CertificateFingerprint);
        await using var bob = await server.ConnectAsync("bob", tls.PinnedClient);
        var stale = ChatClientOptions.Default with { Connection = ChatConnectionOptions.Default with { Tls = ChatTlsOptions.Pinned(oldFingerprint) } };
        var ex = await Assert.ThrowsAsync<ChatTlsException>(() => server.ConnectAsync("carol", stale));
        Assert.Equal(ChatTlsProblem.FingerprintMismatch, ex.Problem);
        await alice.SendAsync("still on the old certificate").AsTask().WithTimeout();
        Assert.Equal("still on the old certificate", (await bob.NextAsync<TextPosted>()).Text);
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains($"SHA-256 fingerprint {tls.Fingerprint} (was {oldFingerprint})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadNewCertificateKeepsTheOldOneAndTheLogSaysWhy()
    {
        using var tls = new TlsFolder();
        await using var server = TestServer.Start(o => o with { Tls = tls.Files });
        var fingerprint = tls.Fingerprint;
        File.WriteAllText(tls.KeyPath, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");

        Assert.False(server.Server.ReloadCertificate());

        Assert.Equal(fingerprint, server.Server.CertificateFingerprint);
        var entry = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 62);
        Assert.Contains("are not a PEM certificate and its private key", entry.Message, StringComparison.Ordinal);
        Assert.Contains($"The old certificate ({fingerprint}) stays in use", entry.Message, StringComparison.Ordinal);
        await using var alice = await server.ConnectAsync("alice", tls.PinnedClient);
        Assert.Equal("alice", alice.UserName);
    }

    [Fact]
    public async Task WithoutTlsAReloadChangesNothingAndSaysSo()
    {
        await using var server = TestServer.Start();

        Assert.False(server.Server.ReloadCertificate());

        Assert.Null(server.Server.CertificateFingerprint);
        Assert.Single(server.Logs.Entries, e => e.EventId.Id == 63);
    }

    [Fact]
    public void AMissingCertificateFileIsOneSentence()
    {
        var ex = Assert.Throws<CertificateLoadException>(() => CertificateFiles.Load(new TlsFiles("/nonexistent/server.crt", null)));

        Assert.Equal("The TLS certificate file /nonexistent/server.crt does not exist.", ex.Message);
    }

    [Fact]
    public void APemCertificateWithoutItsKeyAsksForTheKey()
    {
        using var tls = new TlsFolder();

        var ex = Assert.Throws<CertificateLoadException>(() => CertificateFiles.Load(new TlsFiles(tls.CertificatePath, null)));

        Assert.Contains("give the key with --tls-key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APfxLoadsWithoutAKeyFile()
    {
        using var tls = new TlsFolder();
        var pfx = Path.Combine(tls.Path, "server.pfx");
        File.WriteAllBytes(pfx, TestCertificates.Localhost.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));

        using var loaded = CertificateFiles.Load(new TlsFiles(pfx, null));

        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(tls.Fingerprint, ChatTlsOptions.FingerprintOf(loaded));
    }
}
