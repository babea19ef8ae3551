using System.Diagnostics;
using Chat.Protocol;
using Chat.Shared;

namespace Chat.LoadTest.Server;

/// <summary>
/// A self-signed certificate for a started server (<c>--tls</c>), made by the server's own
/// <c>make-cert</c> command in a temporary folder, and the pin its clients use. Disposing deletes the folder.
/// </summary>
internal sealed class TlsSetup : IDisposable
{
    private const string FingerprintLine = "SHA-256 fingerprint: ";

    private readonly string _folder;

    private TlsSetup(string folder, string fingerprint)
    {
        _folder = folder;
        Fingerprint = fingerprint;
    }

    /// <summary>The certificate's SHA-256 fingerprint, as the server's log and the clients show it.</summary>
    public string Fingerprint { get; }

    /// <summary>The server arguments that turn TLS on with this certificate.</summary>
    public IReadOnlyList<string> ServerArguments =>
        ["--tls-cert", Path.Combine(_folder, "chat-server.crt"), "--tls-key", Path.Combine(_folder, "chat-server.key")];

    /// <summary>The client settings that pin this certificate.</summary>
    public ChatTlsOptions ClientOptions => ChatTlsOptions.Pinned(Fingerprint);

    /// <summary>Runs <c>make-cert</c> of <paramref name="serverDll"/> into a new temporary folder.</summary>
    public static async Task<TlsSetup> MakeAsync(string serverDll, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("chat-loadtest-tls-").FullName;
        try
        {
            var start = new ProcessStartInfo(DotnetHost.Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { serverDll, "make-cert", "--out", Path.Combine(folder), "--name", "127.0.0.1", "--days", "2" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new LoadTestException($"Could not start {serverDll} make-cert.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var fingerprint = (await output.ConfigureAwait(false))
                .Split('\n')
                .Select(line => line.Trim())
                .FirstOrDefault(line => line.StartsWith(FingerprintLine, StringComparison.Ordinal))?[FingerprintLine.Length..];
            if (process.ExitCode != 0 || fingerprint is null)
            {
                throw new LoadTestException($"{serverDll} make-cert failed (exit code {process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()}");
            }

            return new TlsSetup(folder, fingerprint);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
