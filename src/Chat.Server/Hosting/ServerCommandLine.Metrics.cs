using System.CommandLine;
using System.Net;

namespace Chat.Server;

/// <summary>The command line's options of the metrics endpoint.</summary>
internal sealed partial class ServerCommandLine
{
    private readonly Option<int> _metricsPort = IntOption(
        "--metrics-port", "The port of a Prometheus endpoint (GET /metrics, no authentication); 0 means none.", "port", s_defaults.MetricsPort, 0, IPEndPoint.MaxPort);

    private readonly Option<IPAddress> _metricsAddress = new("--metrics-address")
    {
        Description = "The address of the metrics endpoint; keep it on loopback or behind a firewall.",
        HelpName = "ip",
        DefaultValueFactory = _ => s_defaults.MetricsAddress,
        CustomParser = ParseAddress,
    };

    private void AddMetricsOptions()
    {
        Command.Options.Add(_metricsPort);
        Command.Options.Add(_metricsAddress);
    }

    /// <summary>Adds the metrics options to the settings.</summary>
    private ChatServerOptions WithMetrics(ParseResult result, ChatServerOptions options) => options with
    {
        MetricsPort = result.GetValue(_metricsPort),
        MetricsAddress = result.GetValue(_metricsAddress)!,
    };
}
