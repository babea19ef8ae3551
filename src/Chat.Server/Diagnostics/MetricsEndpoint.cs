using System.Net;
using System.Net.Sockets;
using System.Text;
using Chat.Protocol;

namespace Chat.Server;

/// <summary>
/// Serves the server's metrics over HTTP, <c>GET /metrics</c> in the Prometheus text format, on an
/// address and port of their own (<c>--metrics-address</c>, <c>--metrics-port</c>). No
/// authentication: keep it on loopback or behind a firewall.
/// </summary>
internal sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string> _render;
    private Task? _serving;
    private int _disposed;

    /// <summary>Binds <paramref name="address"/>:<paramref name="port"/> and starts answering.</summary>
    /// <param name="address">The address to listen on.</param>
    /// <param name="port">The port, 1 to 65535.</param>
    /// <param name="render">Renders the exposition text, called once per request.</param>
    /// <exception cref="ChatException">The address and port cannot be listened on, in words.</exception>
    public MetricsEndpoint(IPAddress address, int port, Func<string> render)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        _render = render;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        Url = $"http://{host}:{port}/metrics";
        _listener.Prefixes.Add($"http://{host}:{port}/");
        try
        {
            _listener.Start();
        }
        catch (Exception ex) when (ex is HttpListenerException or SocketException)
        {
            _listener.Close();
            throw new ChatException($"The metrics endpoint cannot listen on {host}:{port}: {ex.Message}", ex);
        }

        _serving = ServeAsync();
    }

    /// <summary>Where the metrics are: <c>http://127.0.0.1:9464/metrics</c>.</summary>
    public string Url { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener.Close();
        if (_serving is { } serving)
        {
            await serving.ConfigureAwait(false);
            _serving = null;
        }
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed
            }

            try
            {
                Answer(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The scraper went away mid-answer; the next one is served as usual.
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        using (response)
        {
            if (request.Url?.AbsolutePath != "/metrics")
            {
                Write(response, HttpStatusCode.NotFound, "Not found: the metrics are at /metrics.\n", "text/plain; charset=utf-8", body: true);
            }
            else if (request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.AddHeader("Allow", "GET, HEAD");
                Write(response, HttpStatusCode.MethodNotAllowed, "Only GET and HEAD.\n", "text/plain; charset=utf-8", body: true);
            }
            else
            {
                Write(response, HttpStatusCode.OK, _render(), PrometheusText.ContentType, body: request.HttpMethod == "GET");
            }
        }
    }

    private static void Write(HttpListenerResponse response, HttpStatusCode status, string text, string contentType, bool body)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.StatusCode = (int)status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        if (body)
        {
            response.OutputStream.Write(bytes);
        }
    }
}
