using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.Diagnostics;

/// <summary>The Prometheus endpoint over real HTTP on 127.0.0.1, beside a real server.</summary>
public class MetricsEndpointTests
{
    /// <summary>
    /// A fresh connection for every request: a pooled one could outlive its server and, once
    /// another test's endpoint takes the same port, fail the next request sent on it.
    /// </summary>
    private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TestTimeout.Value,
        DefaultRequestHeaders = { ConnectionClose = true },
    };

    [Fact]
    public async Task ALinePostedShowsInTheCountersOfLinesAndDeliveries()
    {
        await using var server = StartWithMetrics();
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");

        await alice.SendAsync("hello metrics").AsTask().WithTimeout();
        Assert.Equal("hello metrics", (await bob.NextAsync<TextPosted>()).Text);

        var text = await PollAsync(server, t => Value(t, "chatroom_lines_posted_total") >= 1 && Value(t, "chatroom_deliveries_total") >= 2);
        Assert.Contains("# TYPE chatroom_lines_posted_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE chatroom_clients gauge\n", text, StringComparison.Ordinal);
        Assert.Equal(2, Value(text, "chatroom_clients"));
        Assert.True(Value(text, "chatroom_messages_received_total") >= 1);
    }

    [Fact]
    public async Task ARefusedConnectionIsCountedByItsLimit()
    {
        await using var server = StartWithMetrics(o => o with { MaxConnectionsPerAddress = 1, HandshakeTimeout = TimeSpan.FromHours(1) });
        await using var holder = await server.ConnectRawAsync();
        await using var refused = await server.ConnectRawAsync();
        Assert.Equal(ErrorCode.ServerBusy, Assert.IsType<ErrorMessage>(Assert.Single((await refused.ReadToEndAsync()).Messages)).Code);

        var text = await PollAsync(server, t => Value(t, "chatroom_refusals_total{reason=\"connections_per_address\"}") == 1);
        Assert.Contains("# TYPE chatroom_refusals_total counter\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEndpointAnswersOnlyGetOfMetricsWithTheExpositionContentType()
    {
        await using var server = StartWithMetrics();
        var url = server.Server.MetricsUrl!;

        using var metrics = await s_http.GetAsync(new Uri(url)).WithTimeout();
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType!.ToString());

        using var other = await s_http.GetAsync(new Uri(url.Replace("/metrics", "/other", StringComparison.Ordinal))).WithTimeout();
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var post = await s_http.PostAsync(new Uri(url), new StringContent("x")).WithTimeout();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task APortInUseIsOneClearStartupError()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await ServerCommandLine.RunAsync(
            ["--history", "memory", "--console-socket", "none", "--port", "0", "--metrics-port", port.ToString(CultureInfo.InvariantCulture)], output, error, TextReader.Null).WithTimeout();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"The metrics endpoint cannot listen on 127.0.0.1:{port}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEndpointIsOffByDefault()
    {
        Assert.Equal(0, ChatServerOptions.Default.MetricsPort);
        Assert.Equal(IPAddress.Loopback, ChatServerOptions.Default.MetricsAddress);
    }

    /// <summary>
    /// A server with the endpoint on a free port: HttpListener cannot pick one itself, so a port is
    /// found free and released; another test may take it meanwhile, so a few tries.
    /// </summary>
    private static TestServer StartWithMetrics(Func<ChatServerOptions, ChatServerOptions>? configure = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                return TestServer.Start(o => (configure?.Invoke(o) ?? o) with { MetricsPort = port });
            }
            catch (ChatException) when (attempt < 5)
            {
                // Taken between the check and the bind: another port.
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Gets /metrics until <paramref name="ready"/> holds (the counters are updated on the server's threads), for at most the test timeout.</summary>
    private static async Task<string> PollAsync(TestServer server, Func<string, bool> ready)
    {
        var deadline = DateTime.UtcNow + TestTimeout.Value;
        var url = new Uri(server.Server.MetricsUrl!);
        while (true)
        {
            var text = await s_http.GetStringAsync(url).WithTimeout();
            if (ready(text))
            {
                return text;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The metrics never got there:\n{text}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The value of the sample <paramref name="sample"/> (name and labels as written), or -1 when there is none.</summary>
    private static long Value(string text, string sample)
    {
        var match = Regex.Match(text, $"^{Regex.Escape(sample)} (-?[0-9]+)$", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }
}
