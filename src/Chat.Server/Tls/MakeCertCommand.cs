using System.CommandLine;
using System.Globalization;

namespace Chat.Server;

/// <summary>
/// <c>Chat.Server make-cert --out &lt;dir&gt; [--name &lt;host&gt;]... [--days &lt;n&gt;]</c>: a self-signed
/// certificate for a first deployment, as PEM files, and the fingerprint clients will see.
/// </summary>
internal static class MakeCertCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "The folder to write chat-server.crt and chat-server.key (readable by you only) into.",
            HelpName = "dir",
            Required = true,
        };
        var names = new Option<string[]>("--name")
        {
            Description = "A host name or IP address clients connect by (repeat for more); localhost and 127.0.0.1 when none is given.",
            HelpName = "host",
            AllowMultipleArgumentsPerToken = false,
        };
        var days = new Option<int>("--days")
        {
            Description = "How many days the certificate is valid.",
            HelpName = "days",
            DefaultValueFactory = _ => 825,
        };
        var command = new Command("make-cert", "Makes a self-signed TLS certificate for a first deployment and prints its SHA-256 fingerprint.");
        command.Options.Add(output);
        command.Options.Add(names);
        command.Options.Add(days);
        command.SetAction((result, _) =>
        {
            var given = result.GetValue(names) ?? [];
            var hosts = given.Length > 0 ? given : ["localhost", "127.0.0.1"];
            var valid = result.GetValue(days);
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            if (valid is < 1 or > 3650)
            {
                stderr.WriteLine($"--days must be a whole number from 1 to 3650, not {valid.ToString(CultureInfo.InvariantCulture)}.");
                return Task.FromResult(1);
            }

            try
            {
                using var certificate = SelfSignedCertificate.Create(hosts, TimeSpan.FromDays(valid));
                var (certificatePath, keyPath) = SelfSignedCertificate.Write(certificate, result.GetValue(output)!);
                stdout.WriteLine($"Wrote {certificatePath} and {keyPath} (the key is readable by you only).");
                stdout.WriteLine($"Valid for {string.Join(", ", hosts)} until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC.");
                stdout.WriteLine($"SHA-256 fingerprint: {Chat.Protocol.ChatTlsOptions.FingerprintOf(certificate)}");
                stdout.WriteLine($"Run the server with: --tls-cert {certificatePath} --tls-key {keyPath}");
                stdout.WriteLine("Clients that do not trust it yet should check that fingerprint when they first connect.");
                return Task.FromResult(0);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                stderr.WriteLine(ex.Message);
                return Task.FromResult(1);
            }
        });
        return command;
    }
}
