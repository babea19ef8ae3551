namespace Chat.Server.Tests.Diagnostics;

public class PrometheusTextTests
{
    [Fact]
    public void EachMetricIsHelpTypeAndOneLinePerLabelSet()
    {
        var text = PrometheusText.Format(
        [
            new MetricFamily("chatroom_connections", "Open connections.", "gauge", [new MetricSample([], 3)]),
            new MetricFamily("chatroom_disconnects_total", "Connections closed.", "counter",
            [
                new MetricSample([new("reason", "quit")], 5),
                new MetricSample([new("reason", "slow_consumer"), new("room", "lobby")], 1),
            ]),
        ]);

        Assert.Equal(
            "# HELP chatroom_connections Open connections.\n" +
            "# TYPE chatroom_connections gauge\n" +
            "chatroom_connections 3\n" +
            "# HELP chatroom_disconnects_total Connections closed.\n" +
            "# TYPE chatroom_disconnects_total counter\n" +
            "chatroom_disconnects_total{reason=\"quit\"} 5\n" +
            "chatroom_disconnects_total{reason=\"slow_consumer\",room=\"lobby\"} 1\n",
            text);
    }

    [Fact]
    public void LabelValuesEscapeBackslashQuoteAndLineFeed()
    {
        var text = PrometheusText.Format(
            [new MetricFamily("m_total", "h", "counter", [new MetricSample([new("name", "a\\b\"c\nd")], 1)])]);

        Assert.Contains("m_total{name=\"a\\\\b\\\"c\\nd\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpEscapesBackslashAndLineFeedButNotQuotes()
    {
        var text = PrometheusText.Format([new MetricFamily("m", "two\nlines \\ \"quoted\"", "gauge", [])]);

        Assert.Equal("# HELP m two\\nlines \\\\ \"quoted\"\n# TYPE m gauge\n", text);
    }

    [Theory]
    [InlineData("chatroom_lines_posted_total", "chatroom_lines_posted_total")]
    [InlineData("chat.server.rate-limited", "chat_server_rate_limited")]
    [InlineData("9lives", "_9lives")]
    [InlineData("ünits:ok", "_nits:ok")]
    public void NamesKeepOnlyWhatPrometheusAllows(string name, string expected) =>
        Assert.Equal(expected, PrometheusText.Name(name));
}
