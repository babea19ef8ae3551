using System.Net;

namespace Chat.Server;

/// <summary>The metrics endpoint: off by default, on loopback when on (the README's "Metrics").</summary>
internal sealed partial record ChatServerOptions
{
    /// <summary>The port of the Prometheus endpoint (<c>GET /metrics</c>); 0, the default, serves none.</summary>
    public int MetricsPort { get; init; }

    /// <summary>The address of the Prometheus endpoint; loopback by default, as it has no authentication.</summary>
    public IPAddress MetricsAddress { get; init; } = IPAddress.Loopback;

    private void ValidateMetrics()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MetricsPort, nameof(MetricsPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MetricsPort, IPEndPoint.MaxPort, nameof(MetricsPort));
        ArgumentNullException.ThrowIfNull(MetricsAddress, nameof(MetricsAddress));
    }
}
