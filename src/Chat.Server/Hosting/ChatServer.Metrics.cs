namespace Chat.Server;

/// <summary>The sums of the server's meter, and their Prometheus endpoint when <see cref="ChatServerOptions.MetricsPort"/> asks for one.</summary>
internal sealed partial class ChatServer
{
    private MeterCollector? _metricsCollector;
    private MetricsEndpoint? _metricsEndpoint;

    /// <summary>Where the metrics are served, or <see langword="null"/> when they are not.</summary>
    public string? MetricsUrl => _metricsEndpoint?.Url;

    /// <summary>The meter's sums since the server started, as the metrics endpoint shows them (and the console's <c>stats</c>); none before it starts.</summary>
    /// <returns>Every metric, by its Prometheus name (<c>chatroom_lines_posted_total</c>).</returns>
    public IReadOnlyList<MetricFamily> MetricsSnapshot() => _metricsCollector?.Snapshot() ?? [];

    /// <summary>Starts summing the meter (for the console's <c>stats</c>), and the endpoint if asked for.</summary>
    /// <exception cref="Chat.Protocol.ChatException">Its address and port cannot be listened on.</exception>
    private void StartMetrics()
    {
        _metricsCollector = new MeterCollector(Metrics.Meter, ServerMetrics.InstrumentPrefix, "chatroom_");
        if (_options.MetricsPort == 0)
        {
            return;
        }

        var collector = _metricsCollector;
        _metricsEndpoint = new MetricsEndpoint(_options.MetricsAddress, _options.MetricsPort, () => PrometheusText.Format(collector.Snapshot()));
        LogMetricsServed(_logger, _metricsEndpoint.Url);
    }

    private async Task StopMetricsAsync()
    {
        if (_metricsEndpoint is not null)
        {
            await _metricsEndpoint.DisposeAsync();
        }

        _metricsCollector?.Dispose();
    }
}
