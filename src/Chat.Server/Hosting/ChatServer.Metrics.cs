namespace Chat.Server;

/// <summary>The Prometheus endpoint of the server's meter, when <see cref="ChatServerOptions.MetricsPort"/> asks for one.</summary>
internal sealed partial class ChatServer
{
    private MeterCollector? _metricsCollector;
    private MetricsEndpoint? _metricsEndpoint;

    /// <summary>Where the metrics are served, or <see langword="null"/> when they are not.</summary>
    public string? MetricsUrl => _metricsEndpoint?.Url;

    /// <summary>Starts the endpoint, if asked for.</summary>
    /// <exception cref="Chat.Protocol.ChatException">Its address and port cannot be listened on.</exception>
    private void StartMetrics()
    {
        if (_options.MetricsPort == 0)
        {
            return;
        }

        _metricsCollector = new MeterCollector(Metrics.Meter, ServerMetrics.InstrumentPrefix, "chatroom_");
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
